/**
 * How every `pacelab` command is declared: each command's file exports one yargs command
 * module (usage, help line, options, run), and main.ts only lists them.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { reportFailure } from "./exit-codes.js";

/** Where a command writes its output. */
export type Print = (text: string) => void;

/** Standard output. */
export const printToStdout: Print = (text) => {
  process.stdout.write(text);
};

/**
 * A command module whose `run` returns the exit code; an error it throws is reported and
 * exits with the code {@link reportFailure} gives it (2 for bad input).
 */
export function commandModule<T>(
  usage: string,
  describe: string,
  builder: (y: Argv) => Argv<T>,
  run: (argv: ArgumentsCamelCase<T>, print: Print) => Promise<number> | number,
): CommandModule<object, T> {
  return {
    command: usage,
    describe,
    builder,
    handler: async (argv) => {
      try {
        process.exitCode = await run(argv, printToStdout);
      } catch (error) {
        process.exit(reportFailure(error));
      }
    },
  };
}
