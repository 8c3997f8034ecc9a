import { useMemo } from "preact/hooks";
import { INNER_ALGORITHMS } from "../../../pacing/config.js";
import {
  type InnerAlgorithm,
  type KnobValues,
  NUMBER_KNOBS,
  type NumberKnob,
  PACING_SETTINGS,
  type PacingKnob,
  readKnobs,
  writeNumberKnob,
  writePacing,
} from "./knobs.js";

interface KnobPanelProps {
  readonly text: string;
  readonly onChange: (text: string) => void;
}

function Slider(props: {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly onInput: (value: number) => void;
}) {
  return (
    <div class="knob">
      <label for={`knob-${props.id}`}>{props.label}</label>
      <input
        id={`knob-${props.id}`}
        type="range"
        min={props.min}
        max={Math.max(props.max, props.value)}
        step={props.step}
        value={props.value}
        onInput={(e) => props.onInput(Number((e.target as HTMLInputElement).value))}
      />
      <output for={`knob-${props.id}`}>{props.value}</output>
    </div>
  );
}

function PacingKnobs({ pacing, set }: { pacing: PacingKnob; set: (p: PacingKnob) => void }) {
  const setting = PACING_SETTINGS[pacing.algorithm];
  return (
    <fieldset class="pacing">
      <legend>Pacing</legend>
      <label for="knob-algorithm">Pacer</label>
      <select
        id="knob-algorithm"
        value={pacing.algorithm}
        onChange={(e) =>
          set({
            ...pacing,
            algorithm: (e.target as HTMLSelectElement).value as InnerAlgorithm,
            setting: undefined,
          })
        }
      >
        {INNER_ALGORITHMS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <label class="check">
        <input
          type="checkbox"
          checked={pacing.guarded}
          onChange={(e) => set({ ...pacing, guarded: (e.target as HTMLInputElement).checked })}
        />
        guarded (never dial past the ceiling)
      </label>
      {setting !== null && (
        <Slider
          id="setting"
          label={setting.key}
          value={pacing.setting ?? setting.start}
          min={setting.min}
          max={setting.max}
          step={setting.step}
          onInput={(value) => set({ ...pacing, setting: value })}
        />
      )}
    </fieldset>
  );
}

/**
 * Sliders and fields for the knobs people turn most; each change is written back into the
 * YAML, which stays the one source of the scenario.
 */
export function KnobPanel({ text, onChange }: KnobPanelProps) {
  // Not re-read on the renders of a run's progress: parsing the YAML costs milliseconds.
  const values: KnobValues | null = useMemo(() => readKnobs(text), [text]);
  if (values === null) return <p class="note">Fix the YAML to use the knobs.</p>;
  const present = NUMBER_KNOBS.filter((k) => values.numbers[k.id] !== undefined);
  const setNumber = (knob: NumberKnob, value: number) =>
    onChange(writeNumberKnob(text, knob, value));
  return (
    <div class="knobs">
      {present.map((knob) => (
        <Slider
          key={knob.id}
          id={knob.id}
          label={knob.label}
          value={values.numbers[knob.id] as number}
          min={knob.min}
          max={knob.max}
          step={knob.step}
          onInput={(value) => setNumber(knob, value)}
        />
      ))}
      {values.pacing !== undefined && (
        <PacingKnobs pacing={values.pacing} set={(p) => onChange(writePacing(text, p))} />
      )}
    </div>
  );
}
