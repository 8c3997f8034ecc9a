/**
 * Every command's --help through the compiled CLI: it fits 80 columns, has examples, and each
 * example is a whole command (a `# what it does` line, then the command, continued with ` \`
 * when long), never one that yargs wrapped mid-command.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const CLI = "dist/src/cli/main.js";

function help(command: readonly string[]) {
  const r = spawnSync(process.execPath, [CLI, ...command, "--help"], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout };
}

const COMMANDS = [
  [],
  ["simulate"],
  ["compare"],
  ["sweep"],
  ["merge"],
  ["tune"],
  ["study", "small-teams"],
  ["report"],
  ["evidence"],
  ["evidence", "verify"],
  ["evidence", "export"],
  ["evidence", "list"],
  ["evidence", "purge"],
  ["audit"],
  ["fit"],
  ["endpoint"],
  ["live"],
  ["serve"],
] as const;

/** The lines of the help's Examples section. */
function examples(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf("Examples:");
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe("--help", () => {
  it("lists every command this test covers", () => {
    const listed = help([])
      .stdout.split("\n")
      .flatMap((l) => /^ {2}pacelab (\S+)/.exec(l)?.[1] ?? []);
    const covered = new Set(COMMANDS.filter((c) => c.length > 0).map((c) => c[0]));
    expect(new Set(listed)).toEqual(covered);
  });

  it.each(COMMANDS.map((c) => [c.join(" ") || "(top level)", c] as const))(
    "%s fits 80 columns and shows whole commands as examples",
    (_name, command) => {
      const r = help(command);
      expect(r.code).toBe(0);
      for (const line of r.stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
      const lines = examples(r.stdout);
      expect(lines.length, "examples").toBeGreaterThan(0);
      lines.forEach((line, i) => {
        const continued = i > 0 && lines[i - 1].endsWith(" \\");
        expect(continued || /^ {2}(# |pacelab |sipp )/.test(line), line).toBe(true);
      });
    },
  );

  it("describes evidence export's campaign", () => {
    expect(help(["evidence", "export"]).stdout).toMatch(/campaign\s+The campaign's name/);
  });
});
