/**
 * Parameters of SIP header values (`;tag=`, `;branch=`) and the CSeq header: the few fields a
 * user-agent server matches transactions and dialogs by.
 */

/** The value of `;name=value` in a header (outside the `<uri>` part), or undefined. */
export function headerParam(value: string, name: string): string | undefined {
  const close = value.lastIndexOf(">");
  const params = close >= 0 ? value.slice(close + 1) : value;
  for (const part of params.split(";").slice(1)) {
    const [key, ...rest] = part.split("=");
    if ((key ?? "").trim().toLowerCase() === name.toLowerCase()) return rest.join("=").trim();
  }
  return undefined;
}

/** The URI of a name-addr (`"Bob" <sip:b@h>;tag=1` gives `sip:b@h`) or addr-spec value. */
export function headerUri(value: string): string {
  const open = value.indexOf("<");
  const close = value.indexOf(">", open);
  if (open >= 0 && close > open) return value.slice(open + 1, close).trim();
  return (value.split(";")[0] ?? "").trim();
}

/** The sequence number and method of a CSeq value, or null when malformed. */
export function parseCSeq(value: string): { readonly seq: number; readonly method: string } | null {
  const match = /^(\d{1,10})\s+(\S+)$/.exec(value.trim());
  return match ? { seq: Number(match[1]), method: match[2] ?? "" } : null;
}

/** The user part of a SIP URI (`sip:0612345678@host:5060` gives `0612345678`), or "". */
export function uriUser(uri: string): string {
  const match = /^sips?:([^@;>]*)@/i.exec(uri.trim());
  return match ? decodeURIComponentSafe(match[1] ?? "") : "";
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
