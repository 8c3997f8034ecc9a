import { describe, expect, it } from "vitest";
import { studyCommand } from "../../src/cli/study-command.js";

describe("study small-teams", () => {
  it("says when an untuned pacing's P(within the ceiling) was not shown", async () => {
    let printed = "";
    const code = await studyCommand(
      {
        sizes: [5],
        pacings: ["progressive"],
        confidence: 0.95,
        seed: 1,
        batch: 2,
        maxReplications: 2,
        workers: 1,
        json: false,
      },
      (text) => {
        printed += text;
      },
    );
    expect(code).toBe(0);
    // 2 of 2 within the ceiling: a Wilson lower bound of 0.34, far from 0.95.
    expect(printed).toMatch(/^5 {7}\d+\.\d \(undecided\)$/m);
  });
});
