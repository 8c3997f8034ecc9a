/**
 * What was typed for an option on the command line, the last time it was given: `--seed abc`,
 * `--seed=abc` or, for a one-letter alias, `-r abc`. yargs turns a number option's text into
 * NaN, and an error should quote what the user wrote instead.
 */
export function typedArgument(
  names: readonly string[],
  args: readonly string[] = process.argv.slice(2),
): string | undefined {
  let typed: string | undefined;
  args.forEach((arg, i) => {
    for (const name of names) {
      if (arg === name) typed = args[i + 1];
      else if (arg.startsWith(`${name}=`)) typed = arg.slice(name.length + 1);
    }
  });
  return typed;
}

/**
 * An option's value as an error message shows it: for a number yargs could not read (NaN),
 * what was typed, quoted (`"abc"`); otherwise the value itself.
 */
export function shownValue(
  names: readonly string[],
  value: unknown,
  args: readonly string[] = process.argv.slice(2),
): string {
  if (typeof value !== "number" || !Number.isNaN(value)) return String(value);
  const typed = typedArgument(names, args);
  return typed === undefined ? "something that is not a number" : JSON.stringify(typed);
}
