type Cell = string | number | boolean | null;

/** Quotes a CSV field when it needs it (RFC 4180). */
export function csvField(value: Cell): string {
  if (value === null) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV lines (each ending in a newline), header first: stream them to a file. */
export function* csvLines(
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Generator<string> {
  yield `${header.map(csvField).join(",")}\n`;
  for (const row of rows) yield `${row.map(csvField).join(",")}\n`;
}

/** Joins rows into CSV text with a header line and a final newline. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  return [...csvLines(header, rows)].join("");
}
