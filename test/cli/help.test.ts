/**
 * Every command's --help through the compiled CLI: it fits 80 columns, has examples, and each
 * example is a whole command (a `# what it does` line, then the command, continued with ` \`
 * when long), never one that yargs wrapped mid-command.
 */
import { describe, it } from "vitest";
import { type CliResult, runCli } from "../support/cli-process.js";

const helps = new Map<string, Promise<CliResult>>();

/** `pacelab ...command --help`, run once per command however many tests read it. */
function help(command: readonly string[]): Promise<CliResult> {
  const key = command.join(" ");
  let run = helps.get(key);
  if (run === undefined) {
    run = runCli([...command, "--help"]);
    helps.set(key, run);
  }
  return run;
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

// Each command's help is its own process; they run at once.
describe.concurrent("--help", () => {
  it("lists every command this test covers", async ({ expect }) => {
    const listed = (await help([])).stdout
      .split("\n")
      .flatMap((l) => /^ {2}pacelab (\S+)/.exec(l)?.[1] ?? []);
    const covered = new Set(COMMANDS.filter((c) => c.length > 0).map((c) => c[0]));
    expect(new Set(listed)).toEqual(covered);
  });

  it.for(COMMANDS.map((c) => [c.join(" ") || "(top level)", c] as const))(
    "%s fits 80 columns and shows whole commands as examples",
    async ([, command], { expect }) => {
      const r = await help(command);
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

  it("describes evidence export's campaign", async ({ expect }) => {
    expect((await help(["evidence", "export"])).stdout).toMatch(/campaign\s+The campaign's name/);
  });
});
