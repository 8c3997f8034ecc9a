import { spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeRtp, PAYLOAD_COMFORT_NOISE, PAYLOAD_PCMU } from "../../src/rtp/rtp-packet.js";
import { headerParam } from "../../src/sip/header-params.js";
import { headerValue } from "../../src/sip/message.js";
import { startCli } from "../support/cli-process.js";
import { freeUdpPort } from "../support/sipp.js";
import { ack, bye, invite } from "./sip-requests.js";
import { isResponse, SipTestClient } from "./sip-test-client.js";

const dir = mkdtempSync(join(tmpdir(), "pacelab-endpoint-cli-"));

// Every callee a person answering at once and patient; the rest of the default scenario.
const SCENARIO = join(dir, "persons.yaml");
writeFileSync(
  SCENARIO,
  readFileSync("scenarios/default.yaml", "utf8")
    .replace(
      /person: \{ probability: 0\.30, ring: .*\}/,
      "person: { probability: 1, ring: { dist: fixed, value: 0.1 } }",
    )
    .replace(/machine: \{ probability: 0\.15/, "machine: { probability: 0")
    .replace(/busy: \{ probability: 0\.08/, "busy: { probability: 0")
    .replace(/noAnswer: \{ probability: 0\.37/, "noAnswer: { probability: 0")
    .replace(/invalid: \{ probability: 0\.10/, "invalid: { probability: 0")
    .replace(/patience: .*/, "patience: { dist: fixed, value: 600 }"),
);

// Italy's rules with a 1 s cut-off and a ceiling of 50 per 100, so that a three-call run can
// hold or break each rule.
const RULES = join(dir, "short-cutoff.yaml");
writeFileSync(
  RULES,
  readFileSync("rules/it-garante-2014.yaml", "utf8")
    .replace("id: it-garante-2014", "id: test-short-cutoff")
    .replace(/cutoff:\n {2}seconds: 3/, "cutoff:\n  seconds: 1")
    .replace(/ceiling:\n {2}per100: 3/, "ceiling:\n  per100: 50"),
);

interface Treatment {
  /** Agent audio right after the ACK (a connected call). */
  readonly agent: boolean;
  /** Comfort noise while held without an agent. */
  readonly comfortNoise: boolean;
  /** When the caller hangs up, ms after the ACK. */
  readonly byeAfterMs: number;
}

/** Places one call on the endpoint as a dialer would, with RTP as `treatment` says. */
async function placeCall(
  client: SipTestClient,
  port: number,
  id: string,
  ssrc: number,
  treatment: Treatment,
) {
  const call = {
    callId: id,
    clientPort: client.port,
    target: { address: "127.0.0.1", port },
    ssrc,
  };
  client.send(invite(call));
  const ok = await client.waitFor(id, isResponse(200));
  const toTag = headerParam(headerValue(ok.message, "to") ?? "", "tag") ?? "";
  client.send(ack(call, toTag));
  const rtpPort = Number(/m=audio (\d+)/.exec(ok.message.body)?.[1]);
  const socket = createSocket("udp4");
  const payloadType = treatment.agent
    ? PAYLOAD_PCMU
    : treatment.comfortNoise
      ? PAYLOAD_COMFORT_NOISE
      : null;
  let sequence = 0;
  const timer =
    payloadType === null
      ? undefined
      : setInterval(() => {
          const packet = encodeRtp(
            { payloadType, sequence: sequence++, timestamp: sequence * 160, ssrc, marker: false },
            new Uint8Array(160),
          );
          socket.send(packet, rtpPort, "127.0.0.1");
        }, 20);
  await new Promise((r) => setTimeout(r, treatment.byeAfterMs));
  clearInterval(timer);
  socket.close();
  client.send(bye(call, toTag));
  await client.waitFor(id, isResponse(200, "BYE"));
}

async function runWithCalls(
  silent: Treatment,
): Promise<{ code: number | null; stdout: string; csv: string }> {
  const port = await freeUdpPort();
  const csvPath = join(dir, `calls-${port}.csv`);
  const cli = startCli([
    "endpoint",
    "--scenario",
    SCENARIO,
    "--listen",
    `127.0.0.1:${port}`,
    "--verdict",
    RULES,
    "--max-calls",
    "3",
    "--duration",
    "20",
    "--calls-csv",
    csvPath,
  ]);
  await cli.waitForStderr("listening on");
  const client = await SipTestClient.open({ address: "127.0.0.1", port });
  await Promise.all([
    placeCall(client, port, "connected-1", 101, {
      agent: true,
      comfortNoise: false,
      byeAfterMs: 300,
    }),
    placeCall(client, port, "connected-2", 102, {
      agent: true,
      comfortNoise: false,
      byeAfterMs: 300,
    }),
    placeCall(client, port, "silent", 103, silent),
  ]);
  await client.close();
  const run = await cli.done;
  return { code: run.code, stdout: run.stdout, csv: readFileSync(csvPath, "utf8") };
}

describe("pacelab endpoint --verdict", () => {
  it("holds when the silent call hears comfort noise and is hung up before the cut-off", async () => {
    const run = await runWithCalls({ agent: false, comfortNoise: true, byeAfterMs: 700 });
    expect(run.stdout).toMatch(/Verdict under test-short-cutoff, from the callee's side: HELD/);
    expect(run.stdout).toMatch(/ceiling: held: 1 silent of 2 connected calls = 50 per 100/);
    expect(run.code).toBe(0);
    const silentRow = run.csv.split("\n").find((line) => line.startsWith("silent,"));
    expect(silentRow).toMatch(/,true,caller,0\.\d+,silent,true,false$/);
  });

  it("is violated (exit 1) when the caller holds the silent call past the cut-off without comfort noise", async () => {
    const run = await runWithCalls({ agent: false, comfortNoise: false, byeAfterMs: 1600 });
    expect(run.stdout).toMatch(/VIOLATED/);
    expect(run.stdout).toMatch(/cut-off: VIOLATED: 1 of 3 answered persons/);
    expect(run.stdout).toMatch(/comfort noise: VIOLATED: 1 of 1/);
    expect(run.code).toBe(1);
  });
});

describe("pacelab endpoint's stop on a signal", () => {
  it("writes its files and exits 0 on SIGINT", async () => {
    const port = await freeUdpPort();
    const stat = join(dir, "sigint-stat.csv");
    const calls = join(dir, "sigint-calls.csv");
    const cli = startCli([
      "endpoint",
      "--listen",
      `127.0.0.1:${port}`,
      "--trace-stat",
      stat,
      "--calls-csv",
      calls,
    ]);
    await cli.waitForStderr("listening on");
    cli.kill("SIGINT");
    const run = await cli.done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/calls: 0 received/);
    const rows = readFileSync(stat, "utf8").trim().split("\n");
    expect(rows).toHaveLength(2); // the header and the final row
    expect(readFileSync(calls, "utf8").startsWith("call_id,number,outcome,")).toBe(true);
  });
});

describe("pacelab endpoint's errors and help", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["dist/src/cli/main.js", "endpoint", ...args], {
      encoding: "utf8",
    });

  it("names a port in use and exits 2", async () => {
    const busy = createSocket("udp4");
    await new Promise<void>((resolve) => busy.bind(0, "127.0.0.1", () => resolve()));
    const r = cli("--listen", `127.0.0.1:${busy.address().port}`, "--duration", "1");
    busy.close();
    expect(r.stderr).toMatch(/cannot listen for SIP on 127\.0\.0\.1:\d+: the port is in use/);
    expect(r.status).toBe(2);
  });

  it("names a bad scenario, listen address or rule set and exits 2", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "outcomes:\n  person: { probability: lots }\n");
    for (const [args, message] of [
      [["--scenario", bad], /bad\.yaml/],
      [["--scenario", join(dir, "missing.yaml")], /missing\.yaml/],
      [["--listen", "localhost"], /--listen: expected an IPv4 address and port/],
      [["--verdict", "nowhere"], /--verdict: expected a built-in rule set/],
      [["--time-scale", "0"], /--time-scale: expected a positive number/],
    ] as const) {
      const r = cli(...args, "--duration", "1");
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.status, args.join(" ")).toBe(2);
    }
  });

  it("finds its default scenario from any working folder", () => {
    const r = spawnSync(
      process.execPath,
      [resolve("dist/src/cli/main.js"), "endpoint", "--listen", "127.0.0.1:0", "--duration", "0.2"],
      { encoding: "utf8", cwd: dir },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/calls: 0 received/);
  });

  it("explains itself in --help", () => {
    const r = cli("--help");
    expect(r.status).toBe(0);
    for (const option of [
      "--listen",
      "--time-scale",
      "--verdict",
      "--trace-stat",
      "--calls-csv",
      "X-Pacelab-Callee",
    ])
      expect(r.stdout).toContain(option);
  });
});
