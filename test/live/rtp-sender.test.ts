import { createSocket, type Socket } from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import { linearToMulaw } from "../../src/live/agent-tone.js";
import { openRtpSender, type RtpSender } from "../../src/live/rtp-sender.js";
import { decodeRtp, type RtpPacket } from "../../src/rtp/rtp-packet.js";

const INTERVAL_MS = 40;

/** Decodes one G.711 mu-law byte to a 16-bit linear sample. */
function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

async function receiver(): Promise<{ socket: Socket; port: number; packets: RtpPacket[] }> {
  const socket = createSocket("udp4");
  const packets: RtpPacket[] = [];
  socket.on("message", (datagram) => {
    const packet = decodeRtp(datagram);
    if (packet) packets.push({ ...packet, payload: Uint8Array.from(packet.payload) });
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  return { socket, port: socket.address().port, packets };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` or ~5 s (then the assertions that follow say what is missing). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !done(); i++) await sleep(20);
}

describe("RTP sender", () => {
  let sender: RtpSender | undefined;
  let sockets: Socket[] = [];
  afterEach(async () => {
    await sender?.close();
    for (const socket of sockets) socket.close();
    sockets = [];
  });

  it("sends each stream's packets with its SSRC, consecutive sequence and timestamps", async () => {
    const sink = await receiver();
    sockets.push(sink.socket);
    sender = await openRtpSender({ host: "127.0.0.1", packetIntervalMs: INTERVAL_MS });
    const noise = sender.open(0x11111111, { host: "127.0.0.1", port: sink.port }, true);
    const agent = sender.open(0x22222222, { host: "127.0.0.1", port: sink.port }, true);
    const started = performance.now();
    noise.play(13);
    agent.play(0);
    await until(() => sink.packets.filter((p) => p.ssrc === 0x22222222).length >= 6);
    noise.stop();
    agent.stop();
    const elapsed = performance.now() - started;
    await sleep(2 * INTERVAL_MS); // the last packets in flight
    const bySsrc = (ssrc: number) => sink.packets.filter((p) => p.ssrc === ssrc);
    const noisePackets = bySsrc(0x11111111);
    const agentPackets = bySsrc(0x22222222);
    expect(noisePackets.length + agentPackets.length).toBe(sink.packets.length);
    for (const [packets, payloadType, payloadBytes] of [
      [noisePackets, 13, 1],
      [agentPackets, 0, INTERVAL_MS * 8],
    ] as const) {
      expect(packets.length).toBeGreaterThanOrEqual(6);
      // The first at once, then at most one per interval (+1 for where the last falls).
      expect(packets.length).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS) + 2);
      expect(new Set(packets.map((p) => p.payloadType))).toEqual(new Set([payloadType]));
      expect(packets.every((p) => p.payload.length === payloadBytes)).toBe(true);
      expect(packets.map((p) => p.marker)).toEqual(packets.map((_, i) => i === 0));
      for (let i = 1; i < packets.length; i++) {
        expect(packets[i]?.sequence).toBe(((packets[i - 1]?.sequence ?? 0) + 1) & 0xffff);
        expect(packets[i]?.timestamp).toBe((packets[i - 1]?.timestamp ?? 0) + INTERVAL_MS * 8);
      }
    }
  });

  it("marks the switch from comfort noise to agent audio and stops on stop()", async () => {
    const sink = await receiver();
    sockets.push(sink.socket);
    sender = await openRtpSender({ host: "127.0.0.1", packetIntervalMs: INTERVAL_MS });
    const stream = sender.open(7, { host: "127.0.0.1", port: sink.port }, true);
    stream.play(13);
    await until(() => sink.packets.length >= 3);
    stream.play(0);
    await until(() => sink.packets.filter((p) => p.payloadType === 0).length >= 3);
    stream.stop();
    await sleep(2 * INTERVAL_MS);
    const countAfterStop = sink.packets.length;
    await sleep(4 * INTERVAL_MS);
    expect(sink.packets.length).toBe(countAfterStop);
    const types = sink.packets.map((p) => p.payloadType);
    const firstAgent = types.indexOf(0);
    expect(firstAgent).toBeGreaterThanOrEqual(3);
    expect(types.slice(0, firstAgent).every((t) => t === 13)).toBe(true);
    expect(types.slice(firstAgent).every((t) => t === 0)).toBe(true);
    expect(sink.packets[firstAgent]?.marker).toBe(true);
    expect(sink.packets.filter((p) => p.marker)).toHaveLength(2);
  });

  it("sends comfort noise as quiet PCMU to a callee whose answer did not accept payload 13", async () => {
    const sink = await receiver();
    sockets.push(sink.socket);
    sender = await openRtpSender({ host: "127.0.0.1", packetIntervalMs: INTERVAL_MS });
    const stream = sender.open(9, { host: "127.0.0.1", port: sink.port }, false);
    stream.play(13);
    await until(() => sink.packets.length >= 3);
    stream.play(0);
    await until(() => sink.packets.filter((p) => p.marker).length >= 2 && sink.packets.length >= 6);
    stream.stop();
    const switchAt = sink.packets.findIndex((p, i) => i > 0 && p.marker);
    const noise = sink.packets.slice(0, switchAt);
    const agent = sink.packets.slice(switchAt);
    expect(noise.length).toBeGreaterThanOrEqual(3);
    // Only the format the answer listed, both while held and once the agent speaks.
    expect(new Set(sink.packets.map((p) => p.payloadType))).toEqual(new Set([0]));
    // While held: a full packet of noise near -60 dBov (mu-law bytes of samples within ±33, of
    // both signs), far below the agent's tone.
    const peak = (p: RtpPacket) =>
      Math.max(...Array.from(p.payload, (b) => Math.abs(mulawToLinear(b))));
    for (const p of noise) {
      expect(p.payload.length).toBe(INTERVAL_MS * 8);
      expect(peak(p)).toBeLessThanOrEqual(40);
      expect(new Set(p.payload).size).toBeGreaterThan(4);
    }
    expect(Math.min(...agent.map(peak))).toBeGreaterThan(1000);
  });

  it("rejects a packet interval that is not a whole number of samples", async () => {
    await expect(openRtpSender({ host: "127.0.0.1", packetIntervalMs: 0.1 })).rejects.toThrow(
      /packetIntervalMs/,
    );
  });

  it("encodes mu-law like G.711: silence, sign and the clipping ends", () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(-1)).toBe(0x7f);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
  });
});
