/** What SIPp's `-trace_msg` log shows about one call, from SIPp's side. */
export interface SippCallView {
  /** Final status SIPp received for its INVITE. */
  finalStatus: number | null;
  /** X-Pacelab-Callee of the 200 OK it received. */
  callee: string | null;
  /** Who sent the first BYE: SIPp (`caller`) or the endpoint (`callee`). */
  firstBye: "caller" | "callee" | null;
}

/**
 * Reads SIPp's `-trace_msg` message log (blocks of `UDP message sent|received`, each headed by
 * a dashed line) into one view per Call-ID.
 */
export function readSippMessageLog(text: string): Map<string, SippCallView> {
  const calls = new Map<string, SippCallView>();
  for (const block of text.split(/^-{10,}.*$/m)) {
    const direction = /UDP message (sent|received)/.exec(block)?.[1];
    const callId = /^\s*(?:Call-ID|i)\s*:\s*(\S+)/im.exec(block)?.[1];
    const cseqMethod = /^\s*CSeq\s*:\s*\d+\s+(\w+)/im.exec(block)?.[1];
    if (direction === undefined || callId === undefined) continue;
    const view = calls.get(callId) ?? { finalStatus: null, callee: null, firstBye: null };
    calls.set(callId, view);
    const status = /^\s*SIP\/2\.0 (\d{3})/m.exec(block)?.[1];
    const method = /^\s*([A-Z]+) sip:/m.exec(block)?.[1];
    if (direction === "received" && status !== undefined && cseqMethod === "INVITE") {
      const code = Number(status);
      if (code >= 200 && view.finalStatus === null) view.finalStatus = code;
      const callee = /^\s*X-Pacelab-Callee\s*:\s*(\S+)/im.exec(block)?.[1];
      if (callee !== undefined) view.callee = callee;
    }
    if (method === "BYE" && view.firstBye === null)
      view.firstBye = direction === "sent" ? "caller" : "callee";
  }
  return calls;
}
