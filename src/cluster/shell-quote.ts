/** Characters a POSIX shell reads literally in an unquoted word. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word as a POSIX shell (sh, bash) reads it back unchanged: plain words as they are,
 * anything else in single quotes, a single quote written as '\''.
 */
export function shellQuote(word: string): string {
  if (PLAIN.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** A command line of words, each quoted with {@link shellQuote}. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
