/** Longest subtitle line, in characters: Vega sizes text by a generous estimate, not by the font. */
export const LINE_CHARS = 70;

/** Breaks each text at spaces into lines of at most `width` characters (longer words stay whole). */
export function wrapLines(texts: readonly string[], width = LINE_CHARS): string[] {
  const lines: string[] = [];
  for (const text of texts) {
    let line = "";
    for (const word of text.split(" ")) {
      if (line !== "" && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line === "" ? word : `${line} ${word}`;
      }
    }
    lines.push(line);
  }
  return lines;
}
