import { Audit } from "../compliance/audit.js";
import { type AuditDocument, auditDocument } from "../compliance/audit-document.js";
import { auditText } from "../compliance/audit-file.js";
import { CALL_FORMAT_NAMES, CALL_FORMATS } from "../compliance/formats/call-formats.js";
import { ScenarioError } from "../io/read/scenario-error.js";
import { BUILT_IN_RULE_SETS } from "../rules/built-in-rule-sets.js";
import { TimeScale } from "../time/time-scale.js";

/** What the page sends with a call-records file: its name, format and a built-in rule set's id. */
export interface AuditUpload {
  readonly name: string;
  readonly text: string;
  readonly format: string;
  readonly rules: string;
}

function choice(values: readonly string[], value: string, what: string): string {
  if (values.includes(value)) return value;
  throw new ScenarioError({
    file: what,
    keyPath: "",
    expected: `one of ${values.join(", ")}`,
    got: JSON.stringify(value),
  });
}

/**
 * Audits uploaded call records as `pacelab audit FILE --format F --rules R --json` does, and
 * returns the same document. Only built-in rule sets: the page names no files on the server.
 * Bad records throw ScenarioError, citing the upload's name and line.
 */
export async function auditUpload(upload: AuditUpload): Promise<AuditDocument> {
  const format = choice(CALL_FORMAT_NAMES, upload.format, "format") as keyof typeof CALL_FORMATS;
  const rules = BUILT_IN_RULE_SETS[choice(Object.keys(BUILT_IN_RULE_SETS), upload.rules, "rules")];
  const audit = new Audit(rules, { holidays: [] });
  const run = await auditText(upload.text, upload.name, audit, CALL_FORMATS[format]);
  return auditDocument(run, rules, [], TimeScale.REAL_TIME, null);
}
