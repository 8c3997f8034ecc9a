import type { LiveSnapshot } from "../../../live/live-snapshot.js";
import { count, fixed, seconds } from "../../../report/format-number.js";

/** Each row: its label, its cell's id (`live-<key>`) and its value. */
function rows(c: LiveSnapshot): readonly (readonly [string, string, string])[] {
  const a = c.agents;
  return [
    ["Attempts", "attempts", count(c.attempts)],
    ["Answered (persons and machines)", "answered", count(c.answered)],
    ["Persons answered", "human-answered", count(c.humanAnswered)],
    ["Connected to an agent", "connected", count(c.connected)],
    ["Silent calls", "silent", count(c.silent)],
    [
      `Silent per 100 ${c.denominator} (ceiling ${c.ceilingPer100})`,
      "silent-per-100",
      fixed(c.silentPer100),
    ],
    ["Calls in progress", "in-progress", count(c.inProgress)],
    ["Mean wait for an agent", "mean-wait", seconds(c.meanConnectWaitSeconds)],
    ["Longest silent hold", "max-silent-hold", seconds(c.maxSilentHoldSeconds)],
    [
      "Agents ready / reserved / talking / wrap-up / away",
      "agents",
      `${a.ready} / ${a.reserved} / ${a.talking} / ${a.wrapUp} / ${a.away}`,
    ],
  ];
}

/** The run's latest counts as a table (hold times on the wall clock, as the callee heard them). */
export function LiveCounts({ counts }: { readonly counts: LiveSnapshot }) {
  const over = counts.silentPer100 === null || counts.silentPer100 > counts.ceilingPer100;
  return (
    <table class="live-counts">
      <caption>
        Counts after {seconds(counts.elapsedSeconds, 0)} (wall clock); hold times in wall-clock
        seconds
      </caption>
      <tbody>
        {rows(counts).map(([label, key, value]) => (
          <tr key={key} class={key === "silent-per-100" && over ? "fail" : ""}>
            <th scope="row">{label}</th>
            <td id={`live-${key}`}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
