import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellCommand, shellQuote } from "../../src/cluster/shell-quote.js";

/** The words a shell reads from `line`, each as printf gives it back. */
function wordsRead(shell: string, line: string): string[] {
  const r = spawnSync(shell, ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout.split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("leaves plain words bare and quotes the rest", () => {
    expect(shellQuote("pacing.level=1:3:0.5")).toBe("pacing.level=1:3:0.5");
    expect(shellQuote("my job")).toBe("'my job'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
  });

  it("gives back every word unchanged to bash and sh, whatever it holds", () => {
    const word = fc.string({ unit: "binary", maxLength: 12 }).filter((w) => !w.includes("\0"));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        const line = shellCommand(words);
        expect(wordsRead("bash", line)).toEqual(words);
        expect(wordsRead("sh", line)).toEqual(words);
      }),
      { numRuns: 60 },
    );
  });
});
