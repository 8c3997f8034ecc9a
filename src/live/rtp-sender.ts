import type { Socket } from "node:dgram";
import { encodeRtp, PAYLOAD_PCMU } from "../rtp/rtp-packet.js";
import { agentTone, comfortNoiseInPcmu } from "./agent-tone.js";
import { createUdp4Socket } from "./udp4-socket.js";

/**
 * The dialer's audio: one UDP socket sends every call's RTP, comfort noise (payload 13) while an
 * answered call waits for an agent and PCMU (payload 0) while an agent talks. One timer wheel
 * paces every stream (a timer per call would cost a timer callback per packet), and it spreads
 * the streams over its slots so that 1,000 calls do not send 1,000 packets in one burst.
 */

/** One call's outgoing audio. */
export interface RtpStream {
  /** Starts sending `payloadType` (or switches to it): a marked packet at once, then one per interval. */
  play(payloadType: 0 | 13): void;
  /** Stops sending for good. */
  stop(): void;
}

/** The sender shared by every call. */
export interface RtpSender {
  /** Local UDP port the packets leave from. */
  readonly port: number;
  /**
   * A stream with its own SSRC to `to` (the callee's SDP address); silent until play().
   * `acceptsComfortNoise`: whether the callee's answer listed payload 13; if not, comfort noise
   * goes as quiet noise in PCMU, the one format it accepted (RFC 3264 5.1: send only what the
   * answer lists), so that the callee hears it rather than dropping it.
   */
  open(ssrc: number, to: { host: string; port: number }, acceptsComfortNoise: boolean): RtpStream;
  /** Stops every stream, waits for packets in flight and closes the socket. */
  close(): Promise<void>;
}

/** RFC 3389 noise level, in -dBov: 60 is a quiet hiss. */
const COMFORT_NOISE_LEVEL = 60;
const SAMPLES_PER_MS = 8; // both payloads are 8 kHz
/** Wheel slots are about this long, so that streams spread over the packet interval. */
const SLOT_MS = 5;

interface Stream {
  readonly ssrc: number;
  readonly to: { host: string; port: number };
  readonly acceptsComfortNoise: boolean;
  payloadType: 0 | 13 | null;
  marker: boolean;
  sequence: number;
  timestamp: number;
  slot: number;
}

/**
 * Opens the sender on `host` (port chosen by the system). `packetIntervalMs` (20 ms in a real
 * call; tests and benchmarks may use more) sets both the pace and the PCMU payload size.
 */
export async function openRtpSender(options: {
  host: string;
  packetIntervalMs: number;
}): Promise<RtpSender> {
  const interval = options.packetIntervalMs;
  if (!(interval > 0) || !Number.isInteger(interval * SAMPLES_PER_MS))
    throw new RangeError(
      `rtp-sender: packetIntervalMs must be a positive multiple of 0.125 ms, got ${interval}`,
    );
  const socket = createUdp4Socket();
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, options.host, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  socket.on("error", () => {}); // a refused or dropped datagram is just lost audio
  return new WheelRtpSender(socket, interval);
}

class WheelRtpSender implements RtpSender {
  readonly port: number;
  private readonly slots: Set<Stream>[];
  private readonly slotMs: number;
  private readonly samplesPerPacket: number;
  private readonly pcmu: Uint8Array;
  private readonly noise = Uint8Array.of(COMFORT_NOISE_LEVEL);
  private readonly pcmuNoise: Uint8Array;
  private cursor = 0;
  private nextSlotAt = 0;
  private playing = 0;
  private placed = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    intervalMs: number,
  ) {
    this.port = socket.address().port;
    const slotCount = Math.max(1, Math.round(intervalMs / SLOT_MS));
    this.slots = Array.from({ length: slotCount }, () => new Set<Stream>());
    this.slotMs = intervalMs / slotCount;
    this.samplesPerPacket = intervalMs * SAMPLES_PER_MS;
    this.pcmu = agentTone(this.samplesPerPacket);
    this.pcmuNoise = comfortNoiseInPcmu(this.samplesPerPacket);
  }

  open(ssrc: number, to: { host: string; port: number }, acceptsComfortNoise: boolean): RtpStream {
    if (this.closed) throw new Error("rtp-sender: open() after close()");
    // Initial sequence and timestamp should be unpredictable (RFC 3550 5.1): the caller's
    // random SSRC provides that without a second random source.
    const stream: Stream = {
      ssrc: ssrc >>> 0,
      to,
      acceptsComfortNoise,
      payloadType: null,
      marker: true,
      sequence: ssrc & 0xffff,
      timestamp: Math.imul(ssrc, 2654435761) >>> 0,
      slot: this.placed++ % this.slots.length,
    };
    return {
      play: (payloadType) => this.play(stream, payloadType),
      stop: () => this.stop(stream),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) slot.clear();
    this.playing = 0;
    this.stopClock();
    // A datagram the system could not take at once waits in libuv's queue; closing drops it.
    while (this.socket.getSendQueueCount() > 0)
      await new Promise((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private play(stream: Stream, payloadType: 0 | 13): void {
    if (this.closed || stream.payloadType === payloadType) return;
    if (stream.payloadType === null) {
      this.slots[stream.slot]?.add(stream);
      if (this.playing++ === 0) this.startClock();
    }
    stream.payloadType = payloadType;
    stream.marker = true;
    // The first packet of a start or switch goes at once (comfort noise "from the very instant",
    // and a talk shorter than one interval still reaches the callee); the wheel sends the rest.
    this.send(stream);
  }

  private stop(stream: Stream): void {
    if (stream.payloadType === null || !this.slots[stream.slot]?.delete(stream)) return;
    stream.payloadType = null;
    if (--this.playing === 0) this.stopClock();
  }

  private startClock(): void {
    this.nextSlotAt = performance.now();
    this.timer = setInterval(() => this.turn(), this.slotMs);
  }

  private stopClock(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Sends every slot that has come due; after a stall, at most one packet per stream. */
  private turn(): void {
    const now = performance.now();
    for (let due = 0; this.nextSlotAt <= now && due < this.slots.length; due++) {
      for (const stream of this.slots[this.cursor] ?? []) this.send(stream);
      this.cursor = (this.cursor + 1) % this.slots.length;
      this.nextSlotAt += this.slotMs;
    }
    if (this.nextSlotAt <= now) this.nextSlotAt = now + this.slotMs;
  }

  private send(stream: Stream): void {
    const playing = stream.payloadType;
    if (playing === null) return;
    const noiseInPcmu = playing !== PAYLOAD_PCMU && !stream.acceptsComfortNoise;
    const packet = encodeRtp(
      {
        payloadType: noiseInPcmu ? PAYLOAD_PCMU : playing,
        sequence: stream.sequence,
        timestamp: stream.timestamp,
        ssrc: stream.ssrc,
        marker: stream.marker,
      },
      playing === PAYLOAD_PCMU ? this.pcmu : noiseInPcmu ? this.pcmuNoise : this.noise,
    );
    stream.marker = false;
    stream.sequence = (stream.sequence + 1) & 0xffff;
    stream.timestamp = (stream.timestamp + this.samplesPerPacket) >>> 0;
    // No completion callback (it costs a fifth of a send): close() waits on the send queue.
    this.socket.send(packet, stream.to.port, stream.to.host);
  }
}
