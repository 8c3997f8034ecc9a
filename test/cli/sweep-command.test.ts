import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("pacelab sweep, its table", () => {
  it("judges each point in the report page's words, not as a bare P(over ceiling)", () => {
    const r = spawnSync(
      process.execPath,
      [
        "dist/src/cli/main.js",
        "sweep",
        "scenarios/small-team.yaml",
        "--set",
        "pacing.maxLevel=1,2",
        "-r",
        "3",
        "-w",
        "1",
      ],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("P(over ceiling)");
    // Three of three within cannot show 0.95, as the page says; none of three is shown to fail.
    expect(r.stdout).toMatch(
      /^pacing\.maxLevel=1 .*within 3 of 3, P\(within\) \[0\.44, 1\.00\] {2}undecided$/m,
    );
    expect(r.stdout).toMatch(/^pacing\.maxLevel=2 .*within 0 of 3, .* {2}does not meet$/m);
  });
});
