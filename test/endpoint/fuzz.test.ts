import { createSocket } from "node:dgram";
import { describe, expect, it } from "vitest";
import { startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { createStreams, type Rng } from "../../src/sim/random.js";
import { headerParam } from "../../src/sip/header-params.js";
import { headerValue } from "../../src/sip/message.js";
import { parseSipMessage } from "../../src/sip/parse.js";
import { population } from "./population.js";
import { ack, bye, cancel, invite, options } from "./sip-requests.js";
import { isResponse, SipTestClient } from "./sip-test-client.js";

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

/** Valid requests of every kind the endpoint handles, as mutation seeds. */
function seeds(port: number): string[] {
  const call = { callId: "fuzz@127.0.0.1", clientPort: 1, target: { address: "127.0.0.1", port } };
  return [
    invite({ ...call, ssrc: 5 }),
    ack(call, "t"),
    cancel(call),
    bye(call, "t"),
    options(call),
  ];
}

/** One datagram: random bytes, or a valid request with a few random mutations. */
function fuzzDatagram(rng: Rng, valid: readonly string[], n: number): Buffer {
  if (rng() < 0.25) {
    const bytes = Buffer.alloc(int(rng, 1500));
    for (let i = 0; i < bytes.length; i++) bytes[i] = int(rng, 256);
    return bytes;
  }
  // A fresh Call-ID per datagram most of the time, so mutations also start calls.
  let text = (valid[int(rng, valid.length)] ?? "").replaceAll(
    "fuzz@",
    `fuzz${int(rng, 50) < 40 ? n : 0}@`,
  );
  const mutations = 1 + int(rng, 4);
  for (let m = 0; m < mutations; m++) {
    const lines = text.split("\r\n");
    const at = int(rng, lines.length);
    switch (int(rng, 8)) {
      case 0: // drop a line
        lines.splice(at, 1);
        break;
      case 1: // duplicate a line
        lines.splice(at, 0, lines[at] ?? "");
        break;
      case 2: // a random Content-Length
        lines.splice(at, 0, `Content-Length: ${int(rng, 3) === 0 ? "-" : ""}${int(rng, 5000)}`);
        break;
      case 3: // fold a line
        lines[at] = ` ${lines[at] ?? ""}`;
        break;
      case 4: // truncate
        return Buffer.from(text.slice(0, int(rng, text.length)));
      case 5: // LF only, or CR only
        return Buffer.from(text.replaceAll("\r\n", rng() < 0.5 ? "\n" : "\r"));
      case 6: {
        // flip a few bytes
        const bytes = Buffer.from(text);
        for (let k = 0; k < 1 + int(rng, 5); k++) bytes[int(rng, bytes.length)] = int(rng, 256);
        return bytes;
      }
      default: // a random method or a random status line
        lines[0] =
          rng() < 0.5 ? `FOO${int(rng, 9)} sip:x@y SIP/2.0` : `SIP/2.0 ${int(rng, 700)} Whatever`;
    }
    text = lines.join("\r\n");
  }
  return Buffer.from(text);
}

describe("garbage and mutated SIP", () => {
  it("never makes the parser throw", () => {
    const rng = createStreams(42).stream("fuzz/parser");
    const valid = seeds(5060);
    let rejected = 0;
    for (let n = 0; n < 20_000; n++) {
      if (!parseSipMessage(fuzzDatagram(rng, valid, n)).ok) rejected++;
    }
    // The mix holds both: most mutations break a message, some leave it valid.
    expect(rejected).toBeGreaterThan(5_000);
    expect(rejected).toBeLessThan(20_000);
  });

  it("never crashes the endpoint, which still completes a valid call afterwards", async () => {
    const endpoint = await startEndpoint({
      scenario: population("person", { ring: 0.02, patience: 60 }),
      listen: { host: "127.0.0.1", port: 0 },
    });
    const rng = createStreams(7).stream("fuzz/endpoint");
    const valid = seeds(endpoint.address.port);
    const fuzzer = createSocket("udp4");
    await new Promise<void>((resolve) => fuzzer.bind(0, "127.0.0.1", () => resolve()));
    fuzzer.on("message", () => {}); // the endpoint's answers to mutated requests
    for (let n = 0; n < 5000; n++) {
      fuzzer.send(fuzzDatagram(rng, valid, n), endpoint.address.port, "127.0.0.1");
      // Yield now and then so that the socket buffers drain rather than drop.
      if (n % 100 === 99) await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(endpoint.counters.cumulative.counts.OutOfCallMsgs).toBeGreaterThan(500);
    fuzzer.close();

    const client = await SipTestClient.open(endpoint.address);
    const call = {
      callId: "after-fuzz@127.0.0.1",
      clientPort: client.port,
      target: endpoint.address,
      ssrc: 77,
    };
    client.send(invite(call));
    const ok = await client.waitFor(call.callId, isResponse(200));
    const toTag = headerParam(headerValue(ok.message, "to") ?? "", "tag") ?? "";
    client.send(ack(call, toTag));
    client.send(bye(call, toTag));
    await client.waitFor(call.callId, isResponse(200, "BYE"));
    const record = endpoint.records().find((r) => r.callId === call.callId);
    expect(record?.succeeded).toBe(true);
    expect(record?.endedBy).toBe("caller");
    await client.close();
    await endpoint.stop();
  });
});
