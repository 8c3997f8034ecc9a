import { headerValue, type SipMessage } from "../../src/sip/message.js";
import { buildAudioSdp } from "../../src/sip/sdp.js";

/** What a test caller's requests need to know about its call. */
export interface TestCall {
  readonly callId: string;
  readonly clientPort: number;
  readonly target: { address: string; port: number };
  readonly number?: string;
  /** The SSRC the caller announces; its RTP must carry it. */
  readonly ssrc?: number;
  /** The caller's RTP port announced in the offer. */
  readonly rtpPort?: number;
  /** Header lines the INVITE adds (Record-Route, say), in order. */
  readonly inviteHeaders?: readonly string[];
}

const FROM_TAG = "caller-tag";

function base(
  call: TestCall,
  method: string,
  seq: number,
  toTag?: string,
  branch = "z9hG4bKinv",
): string[] {
  const number = call.number ?? "0612345678";
  const to = `<sip:${number}@${call.target.address}:${call.target.port}>`;
  return [
    `${method} sip:${number}@${call.target.address}:${call.target.port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${call.clientPort};branch=${branch}`,
    "Max-Forwards: 70",
    `From: <sip:dialer@127.0.0.1:${call.clientPort}>;tag=${FROM_TAG}`,
    `To: ${to}${toTag === undefined ? "" : `;tag=${toTag}`}`,
    `Call-ID: ${call.callId}`,
    `CSeq: ${seq} ${method}`,
    `Contact: <sip:dialer@127.0.0.1:${call.clientPort}>`,
  ];
}

function finish(lines: string[], body = ""): string {
  const withBody = body === "" ? lines : [...lines, "Content-Type: application/sdp"];
  return `${[...withBody, `Content-Length: ${Buffer.byteLength(body)}`].join("\r\n")}\r\n\r\n${body}`;
}

/** An INVITE with an SDP offer (PCMU and CN, `a=ssrc:`). */
export function invite(call: TestCall): string {
  const sdp = buildAudioSdp(
    {
      host: "127.0.0.1",
      port: call.rtpPort ?? 40000,
      payloadTypes: [0, 13],
      ...(call.ssrc === undefined ? {} : { ssrc: call.ssrc }),
    },
    1,
  );
  return finish([...base(call, "INVITE", 1), ...(call.inviteHeaders ?? [])], sdp);
}

/** The ACK for the INVITE's final response (`toTag` from that response). */
export function ack(call: TestCall, toTag: string): string {
  return finish(base(call, "ACK", 1, toTag));
}

/** A CANCEL of the INVITE. */
export function cancel(call: TestCall): string {
  return finish(base(call, "CANCEL", 1));
}

/** The caller's BYE. */
export function bye(call: TestCall, toTag: string): string {
  return finish(base(call, "BYE", 2, toTag, "z9hG4bKbye"));
}

/** An OPTIONS ping. */
export function options(call: TestCall): string {
  return finish(base(call, "OPTIONS", 1, undefined, "z9hG4bKopt"));
}

/** The caller's 200 OK to the callee's `bye`, echoing its Via, From, To, Call-ID and CSeq. */
export function okTo(bye: SipMessage): string {
  const echo = ["Via", "From", "To", "Call-ID", "CSeq"].map(
    (name) => `${name}: ${headerValue(bye, name) ?? ""}`,
  );
  return finish(["SIP/2.0 200 OK", ...echo]);
}
