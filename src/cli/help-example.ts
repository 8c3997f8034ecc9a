/**
 * Help examples as a shell reads them. yargs squeezes a described example's command into half
 * of the 80 columns and wraps it mid-command; these are laid out in full width instead.
 */

/** Columns an example line may take: 80, less yargs' indent of 2 on either side. */
export const EXAMPLE_WIDTH = 76;

/**
 * An example for yargs' `.example(...example(command, description))`: `# description` above
 * the command (`$0` read as pacelab), both within {@link EXAMPLE_WIDTH} columns. A long
 * command is continued before an option, ending its line with ` \` so it still pastes into a
 * shell as one.
 */
export function example(command: string, description: string): [string, string] {
  const comment = wrap(description.split(" "), EXAMPLE_WIDTH - 2).map((line) => `# ${line}`);
  const shown = command.replace(/^\$0/, "pacelab");
  const words = shown.split(" ").reduce<string[]>((parts, word) => {
    // An option keeps its value with it: "--out DIR" is broken before, never inside.
    if (parts.length > 0 && !word.startsWith("-")) parts[parts.length - 1] += ` ${word}`;
    else parts.push(word);
    return parts;
  }, []);
  const lines = wrap(words, EXAMPLE_WIDTH - 2).map((line, i, all) =>
    i < all.length - 1 ? `${line} \\` : line,
  );
  return [[...comment, ...lines].join("\n"), ""];
}

// Greedy word wrap of `words` (joined by spaces) into lines of at most `width` where possible.
function wrap(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}
