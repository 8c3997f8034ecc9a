import { createSocket } from "node:dgram";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CallEvents,
  type DialRequest,
  type OutboundCall,
  openSipLine,
  type SipLine,
} from "../../src/live/sip-line.js";
import { buildAudioSdp } from "../../src/sip/sdp.js";
import { startLossyRelay } from "../support/lossy-relay.js";
import { freeUdpPort, type SippProcess, startSipp } from "../support/sipp.js";

/**
 * The SIP line against real SIPp (scenarios/sipp/uas-by-number.xml: the dialled number's first
 * digit chooses the callee's fate) over real UDP, and through a relay that loses 5% of SIP.
 */

const SCENARIO = resolve("scenarios/sipp/uas-by-number.xml");
const OFFER = buildAudioSdp({ host: "127.0.0.1", port: 40_000, payloadTypes: [0, 13], ssrc: 1 }, 1);

/** Everything the line reported for one call, with a check of the contract's invariant. */
class Recorder implements CallEvents {
  readonly log: string[] = [];
  status?: number;
  cause?: string;
  by?: string;
  calleeHeader?: string;
  answerSdp?: string;
  private settled?: () => void;
  readonly finished = new Promise<void>((resolve) => (this.settled = resolve));

  constructor(private readonly onAnsweredThen?: (recorder: Recorder) => void) {}

  onRinging(): void {
    this.log.push("ringing");
  }
  onAnswered(answer: { sdp: string; headers: Readonly<Record<string, string>> }): void {
    this.log.push("answered");
    this.calleeHeader = answer.headers["x-pacelab-callee"];
    this.answerSdp = answer.sdp;
    this.onAnsweredThen?.(this);
  }
  onFailed(failure: { status: number; reason: string; cause: string }): void {
    this.log.push("failed");
    this.status = failure.status;
    this.cause = failure.cause;
    this.settled?.();
  }
  onEnded(end: { by: string }): void {
    this.log.push("ended");
    this.by = end.by;
    this.settled?.();
  }
  /** Exactly one onFailed, or onAnswered then exactly one onEnded (onRinging aside). */
  get keptInvariant(): boolean {
    const finals = this.log.filter((event) => event !== "ringing").join(",");
    return finals === "failed" || finals === "answered,ended";
  }
}

function request(number: string, noAnswerTimeoutMs = 10_000): DialRequest {
  return { number, sdpOffer: OFFER, noAnswerTimeoutMs };
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

let sipp: SippProcess;
let sippPort: number;
/** The line to SIPp of the first tests; the silent callee's call has a line of its own. */
let line: SipLine;
let silentLine: SipLine;
const silent = new Recorder();

// The silent callee's call is ended by the 64 x T1 = 32 s watchdog: it is placed before every
// other test and checked after them, so that the wait overlaps theirs.
beforeAll(async () => {
  sippPort = await freeUdpPort();
  const dir = mkdtempSync(join(tmpdir(), "pacelab-sip-line-"));
  sipp = startSipp(["-sf", SCENARIO, "-i", "127.0.0.1", "-p", String(sippPort)], dir);
  const target = { host: "127.0.0.1", port: sippPort };
  line = await openSipLine({ localHost: "127.0.0.1", localPort: 0, target });
  silentLine = await openSipLine({ localHost: "127.0.0.1", localPort: 0, target });
  silentLine.dial(request("6001", 300), silent);
});

afterAll(async () => {
  await line?.close();
  await silentLine?.close();
  await sipp?.stop();
});

describe("SIP line against SIPp", () => {
  it("reports each callee fate with the right events", async () => {
    const calls: Record<string, OutboundCall> = {};
    const person = new Recorder(() => setTimeout(() => calls.person?.hangUp(), 200));
    const machine = new Recorder(() => setTimeout(() => calls.machine?.hangUp(), 200));
    const impatient = new Recorder();
    const busy = new Recorder();
    const invalid = new Recorder();
    const noAnswer = new Recorder();
    const cancelled = new Recorder();
    calls.person = line.dial(request("1001"), person);
    calls.machine = line.dial(request("2001"), machine);
    line.dial(request("1101"), impatient);
    line.dial(request("3001"), busy);
    line.dial(request("5001"), invalid);
    line.dial(request("4001", 400), noAnswer);
    const toCancel = line.dial(request("4002"), cancelled);
    await waitUntil(() => cancelled.log.includes("ringing"), 5000);
    toCancel.cancel();
    await Promise.all(
      [person, machine, impatient, busy, invalid, noAnswer, cancelled].map((r) => r.finished),
    );

    expect(person.log).toEqual(["ringing", "answered", "ended"]);
    expect(person.calleeHeader).toBe("person");
    expect(person.answerSdp).toMatch(/^m=audio \d+ RTP\/AVP 0 13/m);
    expect(person.by).toBe("local");
    expect(machine.log).toEqual(["ringing", "answered", "ended"]);
    expect(machine.calleeHeader).toBe("machine");
    expect(machine.by).toBe("local");
    expect(impatient.log).toEqual(["ringing", "answered", "ended"]);
    expect(impatient.by).toBe("remote");
    expect([busy.log, busy.status, busy.cause]).toEqual([["failed"], 486, "rejected"]);
    expect([invalid.log, invalid.status, invalid.cause]).toEqual([["failed"], 404, "rejected"]);
    expect([noAnswer.log, noAnswer.status, noAnswer.cause]).toEqual([
      ["ringing", "failed"],
      487,
      "no-answer-timeout",
    ]);
    expect([cancelled.status, cancelled.cause]).toEqual([487, "cancelled"]);
    expect(line.active).toBe(0);
  }, 60_000);

  it("hangUpAll CANCELs ringing calls and BYEs answered ones, leaving nothing active", async () => {
    const answered = Array.from({ length: 20 }, () => new Recorder());
    const ringing = Array.from({ length: 20 }, () => new Recorder());
    for (const [i, r] of answered.entries()) line.dial(request(`20${i}`), r);
    for (const [i, r] of ringing.entries()) line.dial(request(`40${i}`, 60_000), r);
    await waitUntil(
      () =>
        answered.every((r) => r.log.includes("answered")) &&
        ringing.every((r) => r.log.includes("ringing")),
      10_000,
    );
    expect(line.active).toBe(40);
    await line.hangUpAll(10_000);
    expect(line.active).toBe(0);
    expect(answered.map((r) => r.by)).toEqual(answered.map(() => "local"));
    expect(ringing.map((r) => `${r.status} ${r.cause}`)).toEqual(
      ringing.map(() => "487 cancelled"),
    );
  });
});

describe("SIP line identifiers", () => {
  it("gives 1,200 concurrent INVITEs distinct Via branches and Call-IDs", async () => {
    const sink = createSocket("udp4");
    const branchOfCall = new Map<string, string>(); // retransmissions repeat both
    sink.on("message", (datagram) => {
      const text = datagram.toString("utf8");
      if (!text.startsWith("INVITE ")) return;
      const callId = /^Call-ID: (.+)$/im.exec(text)?.[1]?.trim() ?? "";
      const branch = /branch=([^;\s]+)/.exec(text)?.[1] ?? "";
      if ((branchOfCall.get(callId) ?? branch) !== branch) branchOfCall.set(callId, "changed");
      else branchOfCall.set(callId, branch);
    });
    await new Promise<void>((resolve) => sink.bind(0, "127.0.0.1", () => resolve()));
    const line = await openSipLine({
      localHost: "127.0.0.1",
      localPort: 0,
      target: { host: "127.0.0.1", port: sink.address().port },
    });
    const recorders: Recorder[] = [];
    for (let i = 0; i < 1200; i++) {
      // In bursts of 100, so that the sink's receive buffer keeps up; all stay in flight.
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 50));
      recorders.push(new Recorder());
      line.dial(request(String(1000 + i)), recorders[i] as Recorder);
    }
    await waitUntil(() => branchOfCall.size >= 1200, 20_000); // lost ones come again at T1
    expect(line.active).toBe(1200);
    await line.close(); // nothing answered: close() ends every call as lost, exactly once
    sink.close();
    expect(branchOfCall.size).toBe(1200);
    expect(new Set(branchOfCall.values()).size).toBe(1200);
    expect(recorders.every((r) => r.keptInvariant && r.cause === "lost")).toBe(true);
    expect(() => line.dial(request("1"), new Recorder())).toThrow(/after close/);
  });
});

describe("SIP line under loss", () => {
  it("ends every call exactly once when 5% of SIP datagrams are lost", async () => {
    const sippPort = await freeUdpPort();
    const dir = mkdtempSync(join(tmpdir(), "pacelab-sip-loss-"));
    const sipp = startSipp(["-sf", SCENARIO, "-i", "127.0.0.1", "-p", String(sippPort)], dir);
    const relay = await startLossyRelay({
      server: { host: "127.0.0.1", port: sippPort },
      lossRate: 0.05,
      seed: 6,
      only: "sip",
    });
    const line = await openSipLine({
      localHost: "127.0.0.1",
      localPort: 0,
      target: { host: "127.0.0.1", port: relay.port },
    });
    try {
      const numbers = ["1", "11", "2", "3", "4", "5"];
      const recorders: Recorder[] = [];
      for (let i = 0; i < 180; i++) {
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 250)); // 40 calls/s
        const number = `${numbers[i % numbers.length]}0${i}`;
        const calls: OutboundCall[] = [];
        const recorder = new Recorder(() => setTimeout(() => calls[0]?.hangUp(), 100));
        calls.push(line.dial(request(number, number.startsWith("4") ? 1500 : 10_000), recorder));
        recorders.push(recorder);
      }
      await Promise.all(recorders.map((r) => r.finished));
      // Let late retransmissions arrive: they must not produce a second event.
      await new Promise((r) => setTimeout(r, 1500));
      expect(recorders.filter((r) => !r.keptInvariant).map((r) => r.log)).toEqual([]);
      expect(line.active).toBe(0);
      expect(relay.counters.droppedToServer + relay.counters.droppedToClient).toBeGreaterThan(20);
      // Retransmissions recover most losses. SIPp aborts a call on a retransmitted INVITE that
      // arrives after its 180 (see scenarios/sipp/README.md), and the line then ends it as lost.
      const lost = recorders.filter((r) => r.cause === "lost" || r.by === "lost").length;
      expect(lost).toBeLessThan(recorders.length / 4);
    } finally {
      await line.close();
      await relay.close();
      await sipp.stop();
    }
  }, 120_000);
});

describe("SIP line against SIPp's silent callee", () => {
  it("ends as lost by the watchdog a call whose CANCEL is accepted but never gets its 487", async () => {
    await silent.finished;
    expect([silent.log, silent.cause]).toEqual([["failed"], "lost"]);
    expect(silentLine.active).toBe(0);
  }, 60_000);
});
