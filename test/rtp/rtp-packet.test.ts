import { describe, expect, it } from "vitest";
import { decodeRtp, encodeRtp, PAYLOAD_COMFORT_NOISE } from "../../src/rtp/rtp-packet.js";

describe("RTP packets", () => {
  it("decodes what it encodes, wrapping fields to their widths", () => {
    const payload = Uint8Array.of(40);
    const packet = encodeRtp(
      {
        payloadType: PAYLOAD_COMFORT_NOISE,
        sequence: 65_537,
        timestamp: 2 ** 32 + 5,
        ssrc: 0xdeadbeef,
        marker: true,
      },
      payload,
    );
    expect(packet.length).toBe(13);
    const decoded = decodeRtp(packet);
    expect({ ...decoded, payload: [...(decoded?.payload ?? [])] }).toEqual({
      payloadType: 13,
      marker: true,
      sequence: 1,
      timestamp: 5,
      ssrc: 0xdeadbeef,
      payload: [40],
    });
  });

  it("skips CSRCs and header extensions and strips padding", () => {
    const packet = Buffer.from([
      0xb1,
      0x00,
      0,
      1,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      3, // v2, padding, extension, 1 CSRC
      0,
      0,
      0,
      9, // CSRC
      0xbe,
      0xde,
      0,
      1,
      1,
      2,
      3,
      4, // extension of one word
      7,
      8,
      0,
      2, // payload 7 8, then 2 bytes of padding
    ]);
    expect([...(decodeRtp(packet)?.payload ?? [])]).toEqual([7, 8]);
  });

  it("rejects datagrams that are not RTP version 2", () => {
    expect(decodeRtp(Buffer.from("INVITE sip:1@x SIP/2.0"))).toBeNull();
    expect(decodeRtp(Buffer.alloc(5))).toBeNull();
    expect(decodeRtp(Buffer.from([0x8f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
