/**
 * The little SDP (RFC 4566) that pacelab's live mode and test endpoint exchange: one audio
 * stream offering PCMU (0) and comfort noise (13), with the sender's SSRC announced by
 * `a=ssrc:` (RFC 5576) so that the receiver can tie RTP packets to the call.
 */

/** Where and how a party receives audio. */
export interface AudioDescription {
  /** IPv4 address from the `c=` line. */
  readonly host: string;
  /** Port from the `m=audio` line. */
  readonly port: number;
  /** Payload types offered on the `m=audio` line, in order. */
  readonly payloadTypes: readonly number[];
  /** SSRC the party will send with, from `a=ssrc:`, when announced. */
  readonly ssrc?: number;
}

/** Writes an SDP body for one audio stream; `sessionId` keeps o= lines unique per call. */
export function buildAudioSdp(audio: AudioDescription, sessionId: number): string {
  const lines = [
    "v=0",
    `o=pacelab ${sessionId} ${sessionId} IN IP4 ${audio.host}`,
    "s=pacelab",
    `c=IN IP4 ${audio.host}`,
    "t=0 0",
    `m=audio ${audio.port} RTP/AVP ${audio.payloadTypes.join(" ")}`,
    "a=rtpmap:0 PCMU/8000",
    "a=rtpmap:13 CN/8000",
  ];
  if (audio.ssrc !== undefined) lines.push(`a=ssrc:${audio.ssrc >>> 0} cname:pacelab`);
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * Reads the first audio stream of an SDP body, or returns null when it has no usable `c=`
 * address or `m=audio` line (a media-level `c=` overrides the session-level one).
 */
export function parseAudioSdp(body: string): AudioDescription | null {
  let host: string | undefined;
  let port: number | undefined;
  let payloadTypes: number[] = [];
  let ssrc: number | undefined;
  let inAudio = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("m=")) {
      if (inAudio) break; // only the first audio stream
      const match = /^m=audio (\d+)(?:\/\d+)? RTP\/AVP((?: \d+)*)$/.exec(line);
      if (match) {
        inAudio = true;
        port = Number(match[1]);
        payloadTypes = (match[2] ?? "").trim().split(" ").filter(Boolean).map(Number);
      }
    } else if (line.startsWith("c=")) {
      const match = /^c=IN IP4 ([0-9.]+)/.exec(line);
      if (match && (inAudio || port === undefined)) host = match[1];
    } else if (inAudio && line.startsWith("a=ssrc:")) {
      const match = /^a=ssrc:(\d+)/.exec(line);
      if (match && ssrc === undefined) ssrc = Number(match[1]) >>> 0;
    }
  }
  if (host === undefined || port === undefined || port <= 0 || port > 65535) return null;
  return ssrc === undefined ? { host, port, payloadTypes } : { host, port, payloadTypes, ssrc };
}
