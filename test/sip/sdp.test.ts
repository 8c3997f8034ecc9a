import { describe, expect, it } from "vitest";
import { buildAudioSdp, parseAudioSdp } from "../../src/sip/sdp.js";

describe("audio SDP", () => {
  it("parses what it builds, SSRC included", () => {
    const audio = { host: "127.0.0.1", port: 40_000, payloadTypes: [0, 13], ssrc: 123_456 };
    expect(parseAudioSdp(buildAudioSdp(audio, 7))).toEqual(audio);
  });

  it("prefers the media-level address and reads only the first audio stream", () => {
    const body = [
      "v=0",
      "c=IN IP4 10.0.0.1",
      "m=audio 5000 RTP/AVP 8",
      "c=IN IP4 127.0.0.2",
      "m=audio 6000 RTP/AVP 0",
    ].join("\n");
    expect(parseAudioSdp(body)).toEqual({ host: "127.0.0.2", port: 5000, payloadTypes: [8] });
  });

  it("returns null without an address or an audio stream", () => {
    expect(parseAudioSdp("v=0\r\nm=audio 5000 RTP/AVP 0\r\n")).toBeNull();
    expect(parseAudioSdp("v=0\r\nc=IN IP4 127.0.0.1\r\nm=video 5000 RTP/AVP 96\r\n")).toBeNull();
    expect(parseAudioSdp("")).toBeNull();
  });
});
