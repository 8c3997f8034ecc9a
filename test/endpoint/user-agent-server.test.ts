import { createSocket } from "node:dgram";
import { afterEach, describe, expect, it } from "vitest";
import { classify } from "../../src/endpoint/call-record.js";
import { callsCsv } from "../../src/endpoint/calls-csv.js";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { summarise, summaryText } from "../../src/endpoint/summary.js";
import { encodeRtp, PAYLOAD_COMFORT_NOISE, PAYLOAD_PCMU } from "../../src/rtp/rtp-packet.js";
import type { Outcome } from "../../src/scenario/scenario.js";
import { headerParam } from "../../src/sip/header-params.js";
import { headerValue, headerValues, type SipMessage } from "../../src/sip/message.js";
import { parseAudioSdp } from "../../src/sip/sdp.js";
import { population } from "./population.js";
import { ack, bye, cancel, invite, okTo, options, type TestCall } from "./sip-requests.js";
import { isRequest, isResponse, SipTestClient } from "./sip-test-client.js";

let endpoint: EndpointHandle | undefined;
let client: SipTestClient | undefined;
afterEach(async () => {
  await client?.close();
  await endpoint?.stop();
  client = undefined;
  endpoint = undefined;
});

async function setUp(
  outcome: Outcome,
  timings: { ring?: number; patience?: number; talk?: number } = {},
  noAnswerLimitSeconds = 120,
  talk: "caller" | "scenario" = "caller",
): Promise<{ endpoint: EndpointHandle; client: SipTestClient }> {
  endpoint = await startEndpoint({
    scenario: population(outcome, timings),
    listen: { host: "127.0.0.1", port: 0 },
    noAnswerLimitSeconds,
    talk,
  });
  client = await SipTestClient.open(endpoint.address);
  return { endpoint, client };
}

let callNumber = 0;
function newCall(c: SipTestClient, e: EndpointHandle, extra: Partial<TestCall> = {}): TestCall {
  return {
    callId: `test-${++callNumber}@127.0.0.1`,
    clientPort: c.port,
    target: e.address,
    ...extra,
  };
}

const toTagOf = (m: SipMessage): string => headerParam(headerValue(m, "to") ?? "", "tag") ?? "";

async function sendRtp(
  to: { port: number },
  ssrc: number,
  payloadType: number,
  socket = createSocket("udp4"),
): Promise<void> {
  const packet = encodeRtp(
    { payloadType, sequence: 1, timestamp: 160, ssrc, marker: false },
    new Uint8Array(160),
  );
  await new Promise<void>((resolve) => socket.send(packet, to.port, "127.0.0.1", () => resolve()));
}

describe("the endpoint's user-agent server over real UDP", () => {
  it("answers a person with 100, 180, then a 200 with SDP resent at growing intervals until the ACK", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.05 });
    const call = newCall(client, endpoint);
    client.send(invite(call));
    await client.waitFor(call.callId, isResponse(100));
    await client.waitFor(call.callId, isResponse(180));
    // Without an ACK the 200 goes out at 0, T1, 3*T1, 7*T1: wait for the fourth copy.
    const fourth = await client.waitFor(call.callId, isResponse(200), 5000, 4);
    const copies = client.messages(call.callId, isResponse(200));
    const gaps = copies.slice(1).map((r, i) => r.at - (copies[i]?.at ?? 0));
    expect(gaps).toHaveLength(3);
    expect(gaps[1]).toBeGreaterThan(gaps[0] ?? 0);
    expect(gaps[2]).toBeGreaterThan(gaps[1] ?? 0);
    const ok = fourth.message;
    expect(headerValue(ok, "x-pacelab-callee")).toBe("person");
    expect(parseAudioSdp(ok.body)?.port).toBe(endpoint.rtpPort);
    expect(toTagOf(ok)).not.toBe("");
    client.send(ack(call, toTagOf(ok)));
    // After the ACK the 200 is not resent: the next copy would be due 4 s after the fourth.
    await new Promise((r) => setTimeout(r, 300));
    const settled = client.messages(call.callId, isResponse(200)).length;
    client.send(bye(call, toTagOf(ok)));
    await client.waitFor(call.callId, isResponse(200, "BYE"));
    expect(client.messages(call.callId, isResponse(200, "INVITE"))).toHaveLength(settled);
    // A retransmitted BYE (our 200 lost, say) gets 200 again, not 481.
    client.send(bye(call, toTagOf(ok)));
    await client.waitFor(call.callId, isResponse(200, "BYE"), 3000, 2);
    const record = endpoint.records()[0];
    expect(record?.endedBy).toBe("caller");
    expect(record?.succeeded).toBe(true);
    expect(endpoint.counters.cumulative.counts.Retransmissions).toBeGreaterThanOrEqual(3);
  });

  it("answers a CANCEL while ringing with 200, then 487 to the INVITE", async () => {
    const { endpoint, client } = await setUp("noAnswer");
    const call = newCall(client, endpoint);
    client.send(invite(call));
    await client.waitFor(call.callId, isResponse(180));
    client.send(cancel(call));
    await client.waitFor(call.callId, isResponse(200, "CANCEL"));
    const terminated = await client.waitFor(call.callId, isResponse(487));
    client.send(ack(call, toTagOf(terminated.message)));
    await waitUntil(() => endpoint.records()[0]?.endedAt !== null);
    const record = endpoint.records()[0];
    expect(record?.finalStatus).toBe(487);
    expect(record?.succeeded).toBe(true);
    expect(record && classify(record)).toBe("not answered");
    expect(record?.cancelAfterAnswerAt).toBeNull();
  });

  it("answers a CANCEL that crosses its 200 with 200 alone, keeps the call up and records the crossing", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.05 });
    const call = newCall(client, endpoint);
    client.send(invite(call));
    const ok = (await client.waitFor(call.callId, isResponse(200, "INVITE"))).message;
    client.send(cancel(call));
    await client.waitFor(call.callId, isResponse(200, "CANCEL"));
    client.send(ack(call, toTagOf(ok)));
    client.send(bye(call, toTagOf(ok)));
    await client.waitFor(call.callId, isResponse(200, "BYE"));
    expect(client.messages(call.callId, isResponse(487))).toEqual([]);
    const record = endpoint.records()[0];
    expect(record?.finalStatus).toBe(200);
    expect(record?.endedBy).toBe("caller");
    expect(record?.cancelAfterAnswerAt).toBeGreaterThanOrEqual(record?.answeredAt ?? Infinity);
    expect(callsCsv(endpoint.records()).split("\n")[1]).toMatch(/,true$/);
  });

  it("answers 481 to a BYE or CANCEL for a call it does not know, and 200 to OPTIONS", async () => {
    const { endpoint, client } = await setUp("person");
    const stray = newCall(client, endpoint);
    client.send(bye(stray, "nobody"));
    await client.waitFor(stray.callId, isResponse(481, "BYE"));
    client.send(cancel(stray));
    await client.waitFor(stray.callId, isResponse(481, "CANCEL"));
    client.send(options(stray));
    await client.waitFor(stray.callId, isResponse(200, "OPTIONS"));
    expect(endpoint.records()).toHaveLength(0);
  });

  it("answers a repeated INVITE with its last response again", async () => {
    const { endpoint, client } = await setUp("noAnswer");
    const call = newCall(client, endpoint);
    client.send(invite(call));
    await client.waitFor(call.callId, isResponse(180));
    client.send(invite(call));
    await client.waitFor(call.callId, isResponse(180), 3000, 2);
    expect(client.messages(call.callId, isResponse(100))).toHaveLength(1);
    expect(endpoint.records()).toHaveLength(1);
  });

  it.each([
    ["busy", 486],
    ["invalid", 404],
    ["noAnswer", 480],
  ] as const)("rejects a %s callee with %i, resent until the ACK", async (outcome, status) => {
    const { endpoint, client } = await setUp(outcome, { ring: 0.05 }, 0.05);
    const call = newCall(client, endpoint);
    client.send(invite(call));
    await client.waitFor(call.callId, isResponse(status), 3000, 2); // the first copy and a resend
    client.send(
      ack(call, toTagOf((await client.waitFor(call.callId, isResponse(status))).message)),
    );
    await waitUntil(() => endpoint.records()[0]?.endedAt !== null);
    expect(endpoint.records()[0]?.finalStatus).toBe(status);
    expect(endpoint.records()[0]?.succeeded).toBe(true);
    expect(client.messages(call.callId, isResponse(180))).toHaveLength(
      outcome === "noAnswer" ? 1 : 0,
    );
  });

  it("hangs up a person after its patience when no agent audio came, resending its BYE until the 200", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02, patience: 0.2 });
    const call = newCall(client, endpoint, { ssrc: 1234 });
    client.send(invite(call));
    const ok = await client.waitFor(call.callId, isResponse(200));
    client.send(ack(call, toTagOf(ok.message)));
    await client.waitFor(call.callId, isRequest("BYE"), 3000, 2); // not answered: resent
    const theirBye = (await client.waitFor(call.callId, isRequest("BYE"))).message;
    client.send(okTo(theirBye));
    await waitUntil(() => endpoint.records()[0]?.endedAt !== null);
    const record = firstRecord(endpoint);
    expect(record.endedBy).toBe("callee");
    expect(classify(record)).toBe("silent");
    expect(headerParam(headerValue(theirBye, "from") ?? "", "tag")).toBe(toTagOf(ok.message));
  });

  it("never counts agent audio that arrives after the callee hung up as heard", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02, patience: 0.2 });
    const call = newCall(client, endpoint, { ssrc: 4321 });
    client.send(invite(call));
    const ok = await client.waitFor(call.callId, isResponse(200));
    client.send(ack(call, toTagOf(ok.message)));
    const theirBye = (await client.waitFor(call.callId, isRequest("BYE"))).message;
    // The agent comes on as the callee's BYE is on its way (or lost): too late to be heard.
    await sendRtp({ port: endpoint.rtpPort }, 4321, PAYLOAD_PCMU);
    await new Promise((r) => setTimeout(r, 100));
    client.send(okTo(theirBye));
    await waitUntil(() => endpoint.records()[0]?.endedAt !== null);
    const record = firstRecord(endpoint);
    expect([classify(record), record.agentAudioAt, record.endedBy]).toEqual([
      "silent",
      null,
      "callee",
    ]);
  });

  it("classifies from RTP: agent audio makes a call connected, comfort noise is recorded", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02, patience: 0.4 });
    const connected = newCall(client, endpoint, { ssrc: 111 });
    const silent = newCall(client, endpoint, { ssrc: 222 });
    for (const call of [connected, silent]) client.send(invite(call));
    for (const call of [connected, silent]) {
      const ok = await client.waitFor(call.callId, isResponse(200));
      client.send(ack(call, toTagOf(ok.message)));
    }
    const rtp = { port: endpoint.rtpPort };
    const sender = createSocket("udp4");
    await sendRtp(rtp, 222, PAYLOAD_COMFORT_NOISE, sender);
    await sendRtp(rtp, 111, PAYLOAD_PCMU, sender);
    await sendRtp(rtp, 999, PAYLOAD_PCMU, sender); // an unknown SSRC from elsewhere: no call's
    sender.close();
    // The silent call's patience runs out; the connected one stays past it until our BYE.
    await client.waitFor(silent.callId, isRequest("BYE"));
    await new Promise((r) => setTimeout(r, 500));
    expect(client.messages(connected.callId, isRequest("BYE"))).toHaveLength(0);
    const okConnected = (await client.waitFor(connected.callId, isResponse(200))).message;
    client.send(bye(connected, toTagOf(okConnected)));
    await client.waitFor(connected.callId, isResponse(200, "BYE"));
    const [a, b] = endpoint.records();
    expect(a && classify(a)).toBe("connected");
    expect(a?.comfortNoise).toBe(false);
    expect(a?.endedBy).toBe("caller");
    expect(b && classify(b)).toBe("silent");
    expect(b?.comfortNoise).toBe(true);
  });

  it("with --talk scenario, hangs up a connected person after its talk time", async () => {
    const { endpoint, client } = await setUp(
      "person",
      { ring: 0.02, patience: 60, talk: 0.3 },
      120,
      "scenario",
    );
    const call = newCall(client, endpoint, { ssrc: 31 });
    client.send(invite(call));
    const ok = (await client.waitFor(call.callId, isResponse(200))).message;
    client.send(ack(call, toTagOf(ok)));
    await sendRtp({ port: endpoint.rtpPort }, 31, PAYLOAD_PCMU);
    const theirBye = (await client.waitFor(call.callId, isRequest("BYE"))).message;
    client.send(okTo(theirBye));
    await waitUntil(() => endpoint.records()[0]?.endedAt !== null);
    const record = firstRecord(endpoint);
    expect(classify(record)).toBe("connected");
    expect(record.endedBy).toBe("callee");
    // The BYE came after the talk time counted from the agent audio, not the patience.
    expect((record.endedAt ?? 0) - (record.agentAudioAt ?? 0)).toBeGreaterThanOrEqual(299);
  });

  it("ties RTP to a call by the offer's address when the offer announces no SSRC", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02, patience: 60 });
    const media = createSocket("udp4");
    await new Promise<void>((resolve) => media.bind(0, "127.0.0.1", () => resolve()));
    const call = newCall(client, endpoint, { rtpPort: media.address().port });
    client.send(invite(call));
    const ok = (await client.waitFor(call.callId, isResponse(200))).message;
    client.send(ack(call, toTagOf(ok)));
    await sendRtp({ port: endpoint.rtpPort }, 4242, PAYLOAD_PCMU, media);
    await waitUntil(() => endpoint.records()[0]?.agentAudioAt !== null);
    media.close();
    client.send(bye(call, toTagOf(ok)));
    await client.waitFor(call.callId, isResponse(200, "BYE"));
    expect(classify(firstRecord(endpoint))).toBe("connected");
  });
});

describe("the endpoint behind a record-routing proxy", () => {
  it("copies the INVITE's Record-Route into its 180 and 200, in order", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02, patience: 60 });
    const routes = [
      `<sip:127.0.0.1:${client.port};lr;ftag=caller-tag>`,
      "<sip:10.9.9.9:5070;lr>",
      "<sip:edge.example.net;lr>",
    ];
    const call = newCall(client, endpoint, {
      // Two values on one line, then one on its own (RFC 3261 7.3.1 allows both).
      inviteHeaders: [`Record-Route: ${routes[0]}, ${routes[1]}`, `Record-Route: ${routes[2]}`],
    });
    client.send(invite(call));
    const ringing = (await client.waitFor(call.callId, isResponse(180))).message;
    const ok = (await client.waitFor(call.callId, isResponse(200))).message;
    expect(headerValues(ringing, "record-route")).toEqual(routes);
    expect(headerValues(ok, "record-route")).toEqual(routes);
    expect(
      headerValues(client.messages(call.callId, isResponse(100))[0]?.message ?? ok, "record-route"),
    ).toEqual([]);
    client.send(ack(call, toTagOf(ok)));
    client.send(bye(call, toTagOf(ok)));
    await client.waitFor(call.callId, isResponse(200, "BYE"));
  });

  it("sends its own BYE to the first route, with the route set as Route headers", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02, patience: 0.1 });
    const proxy = await SipTestClient.open(endpoint.address);
    try {
      const routes = [`<sip:127.0.0.1:${proxy.port};lr;ftag=caller-tag>`, "<sip:10.9.9.9;lr>"];
      const call = newCall(client, endpoint, {
        inviteHeaders: routes.map((r) => `Record-Route: ${r}`),
      });
      client.send(invite(call));
      const ok = (await client.waitFor(call.callId, isResponse(200))).message;
      client.send(ack(call, toTagOf(ok)));
      // The person's patience runs out: the BYE goes to the proxy, not straight to the caller.
      const theirBye = (await proxy.waitFor(call.callId, isRequest("BYE"))).message;
      expect(theirBye.kind === "request" && theirBye.uri).toBe(
        `sip:dialer@127.0.0.1:${client.port}`,
      );
      expect(headerValues(theirBye, "route")).toEqual(routes);
      proxy.send(okTo(theirBye));
      await waitUntil(() => endpoint.records()[0]?.endedAt !== null);
      expect(firstRecord(endpoint).endedBy).toBe("callee");
      expect(client.messages(call.callId, isRequest("BYE"))).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });
});

describe("the endpoint given a request with a malformed Via", () => {
  const badVias = [
    "garbage",
    "SIP/2.0/UDP ;branch=z9hG4bKnohost",
    "SIP/2.0/UDP :5070;branch=z9hG4bKnohost",
    "SIP/2.0/UDP 127.0.0.1:99999;branch=z9hG4bKbadport",
    "SIP/2.0/UDP",
    "SIP/3.0/UDP 127.0.0.1:5070;branch=z9hG4bKv3",
    "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKok, bad via",
  ];

  it.each(badVias)(
    "answers an INVITE with Via %j 400 to the source, starting no call",
    async (via) => {
      const { endpoint, client } = await setUp("person", { ring: 0.02 });
      const call = newCall(client, endpoint);
      client.send(withVia(invite(call), via));
      const refused = (await client.waitFor(call.callId, isResponse(400))).message;
      expect(headerValue(refused, "warning")).toMatch(/^399 pacelab "Malformed Via/);
      expect(toTagOf(refused)).not.toBe("");
      await new Promise((r) => setTimeout(r, 100));
      expect(
        client.messages(call.callId).map((r) => r.message.kind === "response" && r.message.status),
      ).toEqual([400]);
      expect(endpoint.records()).toHaveLength(0);
      expect(endpoint.counters.badRequests).toBe(1);
      expect(endpoint.counters.cumulative.counts.IncomingCall).toBe(0);
    },
  );

  it("counts a bad ACK, BYE or OPTIONS too, answering all but the ACK, and says so in its summary", async () => {
    const { endpoint, client } = await setUp("person", { ring: 0.02 });
    const call = newCall(client, endpoint);
    client.send(withVia(options(call), "SIP/2.0/UDP ;rport"));
    await client.waitFor(call.callId, isResponse(400, "OPTIONS"));
    client.send(withVia(bye(call, "t"), "nonsense"));
    await client.waitFor(call.callId, isResponse(400, "BYE"));
    client.send(withVia(ack(call, "t"), "nonsense"));
    await waitUntil(() => endpoint.counters.badRequests === 3);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.messages(call.callId)).toHaveLength(2);
    const summary = summarise(endpoint.records(), endpoint.counters, {
      listen: "test",
      seed: 1,
      timeScale: 1,
      verdict: null,
    });
    expect(summary.badRequests).toBe(3);
    expect(summaryText(summary)).toContain("bad requests refused: 3");
    // A well-formed call still goes through.
    client.send(invite(call));
    await client.waitFor(call.callId, isResponse(200));
  });
});

/** `request` with its Via line replaced by `via` (raw text, as it goes on the wire). */
function withVia(request: string, via: string): string {
  return request.replace(/^Via: .*$/m, `Via: ${via}`);
}

function firstRecord(e: EndpointHandle) {
  const record = e.records()[0];
  if (record === undefined) throw new Error("the endpoint recorded no call");
  return record;
}

async function waitUntil(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}
