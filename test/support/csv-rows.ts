import { readFileSync } from "node:fs";
import { splitLine } from "../../src/io/read/csv-fields.js";

/** A CSV file's rows as objects keyed by its header, for tests that check what a run wrote. */
export function readCsvRows(path: string): Record<string, string>[] {
  const [header = "", ...rows] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const names = splitLine(header).fields;
  return rows.map((row) =>
    Object.fromEntries(splitLine(row).fields.map((value, i) => [names[i], value])),
  );
}
