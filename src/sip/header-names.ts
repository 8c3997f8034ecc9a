/**
 * SIP header names (RFC 3261 section 7.3.3): names are case-insensitive and several have a
 * one-letter compact form. Every lookup goes through {@link canonicalHeaderName} so that `v:`,
 * `VIA:` and `Via:` are the same header.
 */

const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: "call-id",
  m: "contact",
  e: "content-encoding",
  l: "content-length",
  c: "content-type",
  f: "from",
  s: "subject",
  k: "supported",
  t: "to",
  v: "via",
};

/** The lower-case long form of a header name: `L` and `content-length` give `content-length`. */
export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT_FORMS[lower] ?? lower;
}
