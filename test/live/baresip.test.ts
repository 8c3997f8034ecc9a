import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CallRecord, classify } from "../../src/endpoint/call-record.js";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { judge } from "../../src/endpoint/verdict.js";
import { IT_GARANTE_2014 } from "../../src/model/rules.js";
import {
  type Baresip,
  type BaresipCall,
  type BaresipEvent,
  type BaresipOptions,
  baresipMissing,
  startBaresip,
} from "../support/baresip.js";
import { startCli } from "../support/cli-process.js";
import { readCsvRows } from "../support/csv-rows.js";
import { makeScenario } from "../support/scenario-fixture.js";
import { toneDbov, writeToneWav } from "../support/wav-tone.js";

/**
 * A real user agent on both sides of pacelab: baresip (Debian) calls `pacelab endpoint` with
 * audio from a WAV file, and answers the calls of `pacelab live`. What baresip sent and heard
 * (its events: calls, levels of the audio it encoded and decoded; its RTP packet counts) is
 * checked against what pacelab says each call was.
 */

const missing = baresipMissing();
/** baresip's microphone: a 1 kHz tone of this peak (-15.2 dBov). */
const FILE_AMPLITUDE = 8000;
/** Comfort noise in PCMU is about -65 dBov; anything louder is an agent speaking. */
const QUIET_DBOV = -50;
/** The live agent's tone (src/live/agent-tone.ts): a 400 Hz sine of peak 4000 (-21.3 dBov). */
const AGENT_TONE_AMPLITUDE = 4000;

/** Every callee a person who answers at once and hangs up 4 s after the answer if no agent audio came. */
const PATIENT_PERSONS = makeScenario({
  outcomes: {
    ...makeScenario().outcomes,
    probabilities: { person: 1, machine: 0, busy: 0, noAnswer: 0, invalid: 0 },
    ring: { ...makeScenario().outcomes.ring, person: { dist: "fixed", value: 0.3 } },
  },
  callee: { patience: { dist: "fixed", value: 4 }, machineMessage: { dist: "fixed", value: 15 } },
});

/**
 * One agent with talks of 1.5 s at k = 30 and 3 lines dialed per agent: of each burst of three
 * answers one is put through, one waits for the agent (about 1.7 s of comfort noise) and one is
 * hung up at the cut-off (3 s, never scaled). The numbers are baresip's accounts.
 */
const LIVE_SCENARIO = `name: live-baresip
calendar: { start: 2026-12-01, days: 1 }
rules: it-garante-2014
agents: { count: 1, shift: "09:00-17:00", talk: { dist: fixed, value: 45 }, wrapUp: { dist: fixed, value: 5 } }
leads: { file: leads.csv }
outcomes:
  person: { probability: 1, ring: 1 }
  machine: { probability: 0, ring: 1 }
  busy: { probability: 0 }
  noAnswer: { probability: 0 }
  invalid: { probability: 0 }
pacing: { algorithm: vicidial-ratio, level: 3 }
`;
const LIVE_K = 30;
const NUMBERS = Array.from({ length: 6 }, (_, i) => `061100000${i + 1}`);

let dir = "";
const running: Baresip[] = [];
let endpoint: EndpointHandle | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pacelab-baresip-test-"));
});
afterEach(async () => {
  for (const baresip of running.splice(0)) await baresip.stop();
  await endpoint?.stop();
  endpoint = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing !== null)(
  `baresip${missing === null ? "" : ` (skipped: ${missing})`}`,
  () => {
    it("calling pacelab endpoint: audio from a file is agent audio; no audio is a silent, late call without comfort noise", async () => {
      const ep = await startEndpoint({
        scenario: PATIENT_PERSONS,
        listen: { host: "127.0.0.1", port: 0 },
      });
      endpoint = ep;
      const target = `127.0.0.1:${ep.address.port}`;
      const file = join(dir, "tone-1.5s.wav");
      writeToneWav(file, { seconds: 1.5, hz: 1000, amplitude: FILE_AMPLITUDE });
      // One baresip speaks (PCMU from the 1.5 s file, then hangs up at its end); the other sends
      // no RTP at all and waits for the callee to give up.
      const talker = await started({ audioFile: file, users: ["talker"], sipTrace: true });
      const mute = await started({ audioFile: null, users: ["mute"] });
      for (const n of [1, 2, 3]) await talker.command(`dial sip:06100000${n}@${target}`);
      for (const n of [4, 5]) await mute.command(`dial sip:06100000${n}@${target}`);
      await Promise.all([talker.waitFor(closed(3), 15_000), mute.waitFor(closed(2), 15_000)]);
      await waitUntil(
        () => ep.records().length === 5 && ep.records().every((r) => r.endedAt !== null),
      );
      await talker.stop(); // its packet counts are complete once it has quit
      await mute.stop();

      const records = new Map(ep.records().map((r) => [r.callId, r]));
      const record = (call: BaresipCall): CallRecord => {
        const r = records.get(call.callId);
        if (r === undefined) throw new Error(`the endpoint has no call ${call.callId}`);
        return r;
      };
      expect(talker.calls()).toHaveLength(3);
      expect(mute.calls()).toHaveLength(2);
      for (const call of talker.calls()) expectSpokenCall(call, record(call));
      for (const call of mute.calls()) expectMuteCall(call, record(call));
      // The 200 OKs baresip took carried the population's ground truth.
      const truths = talker.output().match(/^X-Pacelab-Callee: person\r?$/gm) ?? [];
      expect(truths.length).toBeGreaterThanOrEqual(3);

      // The verdict (Italy: cut-off 3 s, comfort noise required) follows from what was sent: the
      // two calls without audio are silent, late and heard no comfort noise; the three with audio
      // were put through at once, too soon to need comfort noise.
      const verdict = judge(ep.records(), IT_GARANTE_2014, 250, Date.now());
      const muteIds = mute
        .calls()
        .map((c) => c.callId)
        .sort();
      expect(verdict.ceiling).toMatchObject({ silent: 2, denominator: 3, held: false });
      expect(verdict.cutoff.late.map((l) => l.callId).sort()).toEqual(muteIds);
      expect(verdict.comfortNoise).toMatchObject({ held: false, checked: 2 });
      expect([...verdict.comfortNoise.missing].sort()).toEqual(muteIds);
      expect(verdict.held).toBe(false);
    });

    it("answering pacelab live: agent audio on connected calls; comfort noise it can decode, then the BYE at the cut-off, on silent ones", async () => {
      const runDir = join(dir, "live");
      mkdirSync(runDir);
      writeFileSync(join(runDir, "scenario.yaml"), LIVE_SCENARIO);
      const leads = NUMBERS.map((n, i) => `L${i},${n}\n`).join("");
      writeFileSync(join(runDir, "leads.csv"), `id,number\n${leads}`);
      const file = join(dir, "tone-20s.wav"); // longer than any call: baresip never hangs up
      writeToneWav(file, { seconds: 20, hz: 1000, amplitude: FILE_AMPLITUDE });
      const callee = await started({ audioFile: file, users: NUMBERS });
      const run = await runLiveCli(runDir, callee.sipPort);
      expect(run.code, run.stderr).toBe(0);
      await callee.waitFor(closed(NUMBERS.length), 5000);
      await callee.stop();

      // The dialer's side: every attempt answered (baresip sends no X-Pacelab-Callee, so each
      // answer is taken as a person and counted), ended by the dialer's BYE, none lost.
      const live = JSON.parse(run.stdout).live;
      expect(live).toMatchObject({
        stoppedBy: "max-attempts",
        attemptsPlaced: 6,
        attemptsEnded: 6,
      });
      expect(live.calleeTruthMissing).toBe(6);
      expect(live.sipFailures).toMatchObject({ rejected: 0, noAnswerTimeout: 0, lost: 0 });
      expect(live).toMatchObject({ endedByCallee: 0, endedLost: 0, endedAtStop: 0 });
      // The result is written as the run ends; nothing keeps the process alive after that.
      expect(run.exitedAt - Date.parse(live.endedAt)).toBeLessThan(2000);
      const rows = readCsvRows(join(runDir, "out", "calls.csv"));
      expect(rows.map((r) => r.number).sort()).toEqual(NUMBERS);
      expect(rows.every((r) => r.outcome === "person")).toBe(true);
      const silent = rows.filter((r) => r.result === "silent-no-agent").length;
      const connected = rows.filter((r) => r.result === "connected").length;
      expect({ silent: silent > 0, connected: connected > 0, all: silent + connected }).toEqual({
        silent: true,
        connected: true,
        all: 6,
      });
      expect(live.cutoffHold.count).toBe(silent);

      // baresip's side, call for call (the account that answered is the number dialled).
      const calls = new Map(callee.calls().map((c) => [c.account, c]));
      expect(calls.size).toBe(6);
      for (const row of rows) {
        const call = calls.get(`sip:${row.number}@127.0.0.1`);
        if (call === undefined) throw new Error(`baresip has no call to ${row.number}`);
        expectHeardAsResult(call, row);
      }
    });
  },
);

const started = async (options: BaresipOptions): Promise<Baresip> => {
  const baresip = await startBaresip(options);
  running.push(baresip);
  return baresip;
};

const closed = (n: number) => (events: readonly BaresipEvent[]) =>
  events.filter((e) => e.type === "CALL_CLOSED").length >= n;

const seconds = (ms: number): number => ms / 1000;

/** A call baresip made with audio from the file: agent audio from the start, no comfort noise. */
function expectSpokenCall(call: BaresipCall, r: CallRecord): void {
  // What baresip sent: the file's tone, encoded (its level meter), then its own BYE.
  const loudest = Math.max(...call.sent.map((l) => l.dbov));
  expect(loudest).toBeCloseTo(toneDbov(FILE_AMPLITUDE), 0);
  expect(call.closeReason).toBe("end of file");
  expect(call.received).toEqual([]); // the population sends no audio
  // What the endpoint made of it.
  expect(r.outcome).toBe("person");
  expect(classify(r)).toBe("connected");
  expect(r.comfortNoise).toBe(false);
  const answeredAt = r.answeredAt ?? Number.NaN;
  expect(seconds((r.agentAudioAt ?? Number.NaN) - answeredAt)).toBeLessThan(0.3);
  expect(r).toMatchObject({ endedBy: "caller", succeeded: true });
  // The file lasts 1.5 s; baresip notices its end on a 1 s timer.
  const talked = seconds((r.endedAt ?? Number.NaN) - answeredAt);
  expect(talked).toBeGreaterThanOrEqual(1.5);
  expect(talked).toBeLessThan(3);
  expect(call.rtp?.sent).toBeGreaterThanOrEqual(Math.floor((0.8 * talked) / 0.02));
}

/** A call baresip made sending nothing: silent, held until the callee's patience ran out. */
function expectMuteCall(call: BaresipCall, r: CallRecord): void {
  expect(call.sent).toEqual([]);
  expect(call.rtp).toBeNull(); // it printed no packet counts: none sent, none received
  expect(call.closeReason).toBe("Connection reset by peer"); // the callee's BYE
  expect(classify(r)).toBe("silent");
  expect(r.comfortNoise).toBe(false);
  expect(r.agentAudioAt).toBeNull();
  expect(r.endedBy).toBe("callee");
  const held = seconds((r.endedAt ?? Number.NaN) - (r.answeredAt ?? Number.NaN));
  expect(held).toBeGreaterThanOrEqual(3.95);
  expect(held).toBeLessThan(4.6);
}

/** What baresip heard on a call `pacelab live` placed, against the call's row in calls.csv. */
function expectHeardAsResult(call: BaresipCall, row: Record<string, string>): void {
  const { establishedAt, closedAt, rtp } = call;
  if (establishedAt === null || closedAt === null || rtp === null)
    throw new Error(`${row.number}: not a closed call with packet counts: ${JSON.stringify(call)}`);
  expect(call.closeReason).toBe("Connection reset by peer"); // the dialer's BYE
  const lasted = seconds(closedAt - establishedAt);
  // It received RTP all along, 50 packets a second (comfort noise included).
  expect(rtp.received).toBeGreaterThanOrEqual(Math.floor((0.8 * lasted) / 0.02));
  if (row.result === "connected") {
    // Agent audio it decoded (PCMU) at the agent tone's level, once the agent came: its level
    // meter reports every 0.5 s.
    const first = call.received.find((level) => level.dbov > QUIET_DBOV);
    if (first === undefined)
      throw new Error(`${row.number}: connected, but no agent audio decoded`);
    expect(first.dbov).toBeCloseTo(toneDbov(AGENT_TONE_AMPLITUDE), 0);
    const waitMs = (Date.parse(row.agent_connect ?? "") - Date.parse(row.answer ?? "")) / LIVE_K;
    const heard = seconds(first.at - establishedAt);
    expect(heard).toBeGreaterThanOrEqual(seconds(waitMs) - 0.1);
    expect(heard).toBeLessThan(seconds(waitMs) + 1);
  } else {
    // Comfort noise it decoded: its answer did not accept payload 13, so the noise came as
    // quiet PCMU (before the fix it came as payload 13, which it dropped: it heard silence);
    // then the dialer's BYE at the cut-off.
    expect(row.result).toBe("silent-no-agent");
    expect(call.received.length).toBeGreaterThan(0);
    expect(call.received.every((level) => level.dbov <= QUIET_DBOV)).toBe(true);
    expect(lasted).toBeGreaterThanOrEqual(2.95);
    expect(lasted).toBeLessThan(3.6);
  }
}

/** `pacelab live` (the built CLI) against baresip; resolves with its output and exit time. */
async function runLiveCli(runDir: string, target: number) {
  const live = startCli([
    "live",
    join(runDir, "scenario.yaml"),
    ...["--target", `127.0.0.1:${target}`, "--time-scale", String(LIVE_K)],
    ...["--max-attempts", String(NUMBERS.length), "--out", join(runDir, "out"), "--calls"],
    ...["--json", "--lockouts", join(runDir, "lockouts.sqlite")],
    ...["--evidence", join(runDir, "evidence.sqlite")],
  ]);
  const run = await live.done;
  return { ...run, exitedAt: Date.now() };
}

async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
