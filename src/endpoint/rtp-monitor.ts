import { createSocket, type Socket } from "node:dgram";
import { decodeRtp } from "../rtp/rtp-packet.js";
import { enlargeReceiveBuffer } from "./receive-buffer.js";

/** Who an RTP packet belongs to: the call's SSRC from the offer, or the sender's address. */
export interface RtpSource {
  readonly ssrc?: number;
  /** `host:port` announced in the offer's SDP. */
  readonly address: string;
}

/** The endpoint's one RTP socket, announced in every SDP answer. */
export interface RtpMonitor {
  readonly port: number;
  /** Ties packets from `source` to `callId` until {@link RtpMonitor.forget}. */
  watch(callId: string, source: RtpSource): void;
  forget(callId: string): void;
  close(): Promise<void>;
}

/**
 * Opens the RTP socket on `host` (port 0: any) and reports each packet's payload type with the
 * call it belongs to. Packets are matched by the SSRC the offer announced (RFC 5576's
 * `a=ssrc:`), or, for an offer without one, by the source address being the offer's address
 * (symmetric RTP). Datagrams that are not RTP, or belong to no call, are dropped.
 */
export async function openRtpMonitor(
  host: string,
  port: number,
  onPacket: (callId: string, payloadType: number) => void,
): Promise<RtpMonitor> {
  const socket: Socket = createSocket("udp4");
  const bySsrc = new Map<number, string>();
  const byAddress = new Map<string, string>();
  const sources = new Map<string, RtpSource>();
  socket.on("message", (datagram, from) => {
    const packet = decodeRtp(datagram);
    if (packet === null) return;
    const callId = bySsrc.get(packet.ssrc) ?? byAddress.get(`${from.address}:${from.port}`);
    if (callId !== undefined) onPacket(callId, packet.payloadType);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  enlargeReceiveBuffer(socket);
  socket.on("error", () => {
    // A UDP receive error (e.g. ICMP port unreachable echoed back) must not stop the monitor.
  });
  return {
    port: socket.address().port,
    watch(callId, source) {
      sources.set(callId, source);
      // A dialer may send every call's audio from one socket: the address only identifies a
      // call that announced no SSRC.
      if (source.ssrc !== undefined) bySsrc.set(source.ssrc, callId);
      else byAddress.set(source.address, callId);
    },
    forget(callId) {
      const source = sources.get(callId);
      if (source === undefined) return;
      sources.delete(callId);
      if (source.ssrc !== undefined && bySsrc.get(source.ssrc) === callId)
        bySsrc.delete(source.ssrc);
      if (byAddress.get(source.address) === callId) byAddress.delete(source.address);
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
