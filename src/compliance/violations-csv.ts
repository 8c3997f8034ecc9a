/**
 * Every violation an audit finds, and every finding about the records (duplicate rows,
 * overlapping calls), one CSV row each, written while the audit streams (a file may have
 * millions). The file appears under its name only when the audit completed: it is
 * written under a temporary name and renamed, or removed if the audit failed.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { csvField } from "../io/write/csv.js";
import type { Finding, Violation } from "./audit.js";

export const VIOLATIONS_CSV_HEADER = [
  "kind",
  "line",
  "campaign",
  "number",
  "start",
  "detail",
  "related_line",
] as const;

/** One violation or finding as a CSV line (with its newline). */
export function violationCsvLine(v: Violation | Finding): string {
  return `${[v.kind, v.line, v.campaign, v.number, v.start, v.detail, v.relatedLine ?? null].map(csvField).join(",")}\n`;
}

const FLUSH_AT = 1 << 20;

/** A violations CSV being written: {@link add} each, then {@link commit} or {@link abort}. */
export class ViolationsCsvFile {
  private readonly temp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  private closed = false;

  constructor(readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.temp, "w");
    this.push(`${VIOLATIONS_CSV_HEADER.join(",")}\n`);
  }

  readonly add = (v: Violation | Finding): void => {
    this.push(violationCsvLine(v));
  };

  /** Writes what is buffered, closes and renames the file into place. */
  commit(): void {
    this.flush();
    this.close();
    renameSync(this.temp, this.path);
  }

  /** Closes and removes the temporary file. */
  abort(): void {
    this.close();
    rmSync(this.temp, { force: true });
  }

  private push(line: string): void {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.size > 0) writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
