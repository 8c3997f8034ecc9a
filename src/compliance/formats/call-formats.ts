import { asteriskFormat } from "./asterisk-format.js";
import type { CallFormat } from "./call-format.js";
import { pacelabFormat } from "./pacelab-format.js";
import { vicidialFormat } from "./vicidial-format.js";

/** The call-record formats `pacelab audit --format` reads, by name. */
export const CALL_FORMATS = {
  pacelab: pacelabFormat,
  vicidial: vicidialFormat,
  asterisk: asteriskFormat,
} as const satisfies Record<string, CallFormat>;

export type CallFormatName = keyof typeof CALL_FORMATS;
export const CALL_FORMAT_NAMES = Object.keys(CALL_FORMATS) as CallFormatName[];
