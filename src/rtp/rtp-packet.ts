/**
 * RTP packets (RFC 3550), fixed 12-byte header only: no CSRC list, no header extension.
 *
 * pacelab's live mode needs RTP for two things a callee can hear: the agent's voice (PCMU,
 * payload type 0) and comfort noise while a silent call is held (CN, payload type 13, RFC 3389).
 * The endpoint tells them apart by payload type and ties packets to calls by SSRC.
 */

/** PCMU (G.711 mu-law), 8 kHz: what pacelab sends while an agent talks. */
export const PAYLOAD_PCMU = 0;
/** Comfort noise (RFC 3389): what pacelab sends while an answered call waits for an agent. */
export const PAYLOAD_COMFORT_NOISE = 13;

const HEADER_BYTES = 12;

/** The header fields pacelab reads and writes. */
export interface RtpHeader {
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly marker: boolean;
}

/** One RTP packet: header fields and payload. */
export interface RtpPacket extends RtpHeader {
  readonly payload: Uint8Array;
}

/** Encodes an RTP version-2 packet; numeric fields wrap to their field widths. */
export function encodeRtp(header: RtpHeader, payload: Uint8Array): Buffer {
  const packet = Buffer.alloc(HEADER_BYTES + payload.length);
  packet[0] = 0x80; // version 2, no padding, no extension, no CSRC
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  packet.writeUInt16BE(header.sequence & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
  packet.set(payload, HEADER_BYTES);
  return packet;
}

/**
 * Decodes an RTP version-2 packet, or returns null for anything else (too short, another
 * version, a CSRC count or extension that does not fit): a receiver drops such datagrams.
 */
export function decodeRtp(datagram: Uint8Array): RtpPacket | null {
  if (datagram.length < HEADER_BYTES) return null;
  const first = datagram[0] ?? 0;
  if (first >> 6 !== 2) return null;
  let offset = HEADER_BYTES + (first & 0x0f) * 4;
  const view = new DataView(datagram.buffer, datagram.byteOffset, datagram.byteLength);
  if (first & 0x10) {
    if (datagram.length < offset + 4) return null;
    offset += 4 + view.getUint16(offset + 2) * 4;
  }
  let end = datagram.length;
  if (first & 0x20) end -= datagram[datagram.length - 1] ?? 0;
  if (offset > end) return null;
  const second = datagram[1] ?? 0;
  return {
    payloadType: second & 0x7f,
    marker: (second & 0x80) !== 0,
    sequence: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: datagram.subarray(offset, end),
  };
}
