import { performance } from "node:perf_hooks";
import type { Call, CallResult } from "../model/call.js";
import type { CampaignRun } from "../model/campaign.js";
import type { Scenario } from "../scenario/scenario.js";
import { buildAudioSdp, parseAudioSdp } from "../sip/sdp.js";
import { LiveCampaign, type LiveCounts } from "./live-campaign.js";
import type { LockoutStore } from "./lockout-store.js";
import { nextMidnightMs } from "./next-midnight.js";
import { openRtpSender, type RtpStream } from "./rtp-sender.js";
import { type CallEvents, type OutboundCall, openSipLine } from "./sip-line.js";

/** How to run a campaign live. */
export interface LiveRunOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly target: { readonly host: string; readonly port: number };
  /** Where the SIP line binds (port 0: any); RTP leaves from the same host. */
  readonly local: { readonly host: string; readonly port: number };
  /** Scenario durations run k times faster; the cut-off and the lock-out store's ends stay real. */
  readonly timeScale: number;
  readonly lockouts: LockoutStore;
  /** Stop (and drain) after this many wall-clock seconds. */
  readonly durationSeconds?: number;
  /** Place no more than this many calls, then let those in progress end. */
  readonly maxAttempts?: number;
  /** RTP packet interval (20 ms in a real call). */
  readonly rtpIntervalMs?: number;
  /** Aborting hangs up every call and ends the run early (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Wall clock, ms since the epoch (default: the performance clock). */
  readonly clock?: () => number;
  /** Keep every attempt in the run (`run.calls`), for calls.csv. */
  readonly recordCalls?: boolean;
  /** Check the campaign's laws as it runs and at its end (docs/invariants.md). */
  readonly checkInvariants?: boolean;
  /** Told of each call once it is over on the dialer's side. */
  onCallEnded?(call: LiveCallRecord): void;
}

/** One attempt as the dialer saw it, for checking against the endpoint call for call. */
export interface LiveCallRecord {
  readonly callId: string;
  readonly number: string;
  readonly result: CallResult | "";
  /** Wall-clock ms of the 200 OK, or null. */
  readonly answeredAt: number | null;
  /** Wall-clock ms of the dialer's BYE, or null when it sent none. */
  readonly byeAt: number | null;
}

/** What a live run adds to a simulation's result. */
export interface LiveRunOutcome {
  readonly run: CampaignRun;
  readonly counts: LiveCounts;
  readonly startedAt: Date;
  readonly endedAt: Date;
  /** Why the run stopped. */
  readonly stoppedBy: "calendar" | "leads" | "duration" | "max-attempts" | "interrupted";
  readonly attemptsPlaced: number;
  readonly attemptsEnded: number;
  /** Answer-to-BYE wall-clock seconds of every call hung up at the cut-off (no agent free). */
  readonly cutoffHoldSeconds: readonly number[];
  readonly calls: readonly LiveCallRecord[];
  /** Calls the line still had when it closed (should be 0). */
  readonly leftOnLine: number;
}

/** How long the drain waits for answers to CANCEL and BYE. */
const DRAIN_TIMEOUT_MS = 40_000;

interface LineCall {
  outbound: OutboundCall | null;
  readonly ssrc: number;
  readonly number: string;
  stream: RtpStream | null;
  answeredAt: number | null;
  byeAt: number | null;
}

/**
 * Runs a scenario live: the campaign (pure, {@link LiveCampaign}) on a real clock, its calls on a
 * SIP line and its audio on an RTP sender. Scenario time runs `timeScale` times faster than the
 * wall clock from the first calling window; the scenario handed to the campaign has its cut-off
 * multiplied by the scale so that it stays the rule set's real seconds on the wire.
 */
export async function runLive(options: LiveRunOptions): Promise<LiveRunOutcome> {
  const k = options.timeScale;
  const clock = options.clock ?? (() => performance.timeOrigin + performance.now());
  const scenario = options.scenario;
  const line = await openSipLine({
    localHost: options.local.host,
    localPort: options.local.port,
    target: { host: options.target.host, port: options.target.port },
  });
  const rtp = await openRtpSender({
    host: options.local.host,
    packetIntervalMs: options.rtpIntervalMs ?? 20,
  }).catch(async (error: unknown) => {
    await line.close();
    throw error;
  });

  const lineCalls = new Map<Call, LineCall>();
  const records: LiveCallRecord[] = [];
  const cutoffHolds: number[] = [];
  const noAnswerTimeoutMs = (scenario.dialer.noAnswerTimeoutSeconds / k) * 1000;
  let nextSsrc = (Math.floor(clock()) * 2654435761) >>> 0;

  // Network events that arrive while the campaign is busy wait their turn.
  let busy = false;
  const pending: (() => void)[] = [];
  const onNetwork = (event: () => void): void => {
    pending.push(event);
    if (busy) return;
    busy = true;
    try {
      while (pending.length > 0) {
        campaign.advanceTo(scenarioNow());
        (pending.shift() as () => void)();
      }
    } finally {
      busy = false;
    }
    arm();
  };

  const finishCall = (call: Call, entry: LineCall): void => {
    entry.stream?.stop();
    lineCalls.delete(call);
    const record: LiveCallRecord = {
      callId: entry.outbound?.callId ?? "",
      number: entry.number,
      result: call.result,
      answeredAt: entry.answeredAt,
      byeAt: entry.byeAt,
    };
    records.push(record);
    options.onCallEnded?.(record);
  };

  const events = (call: Call, entry: LineCall): CallEvents => ({
    onAnswered: (answer) =>
      onNetwork(() => {
        const answeredAt = clock();
        entry.answeredAt = answeredAt;
        const media = parseAudioSdp(answer.sdp);
        if (media !== null) {
          entry.stream = rtp.open(entry.ssrc, { host: media.host, port: media.port });
        }
        const truth = answer.headers["x-pacelab-callee"];
        if (answer.afterCancel) campaign.answeredAfterGiveUp(call, truth);
        else campaign.answered(call, truth);
      }),
    onFailed: (failure) =>
      onNetwork(() => {
        campaign.failed(call, failure.cause, failure.status);
        finishCall(call, entry);
      }),
    onEnded: (end) =>
      onNetwork(() => {
        campaign.ended(call, end.by);
        finishCall(call, entry);
      }),
  });

  const campaign: LiveCampaign = new LiveCampaign(
    {
      ...scenario,
      dialer: { ...scenario.dialer, cutoffSeconds: scenario.dialer.cutoffSeconds * k },
    },
    options.seed,
    {
      dial(call, number) {
        nextSsrc = (nextSsrc + 0x9e3779b1) >>> 0;
        const entry: LineCall = {
          outbound: null,
          ssrc: nextSsrc,
          number,
          stream: null,
          answeredAt: null,
          byeAt: null,
        };
        lineCalls.set(call, entry);
        const sdpOffer = buildAudioSdp(
          { host: options.local.host, port: rtp.port, payloadTypes: [0, 13], ssrc: entry.ssrc },
          call.id,
        );
        try {
          entry.outbound = line.dial({ number, sdpOffer, noAnswerTimeoutMs }, events(call, entry));
        } catch {
          // Not sendable (e.g. not a valid SIP user): booked as rejected with status 0.
          pending.push(() => {
            campaign.failed(call, "rejected", 0);
            finishCall(call, entry);
          });
        }
      },
      playComfortNoise(call) {
        lineCalls.get(call)?.stream?.play(13);
      },
      playAgentAudio(call) {
        lineCalls.get(call)?.stream?.play(0);
      },
      hangUp(call, result) {
        const entry = lineCalls.get(call);
        if (entry === undefined) return;
        entry.stream?.stop();
        entry.byeAt = clock();
        if (result === "silent-no-agent" && entry.answeredAt !== null) {
          cutoffHolds.push((entry.byeAt - entry.answeredAt) / 1000);
        }
        entry.outbound?.hangUp();
      },
    },
    {
      state: (number) => options.lockouts.state(number, clock()),
      // Wall-clock ends, never scaled: the rule set's lock-out and the centre's midnight.
      lock: (number, lock) => {
        const now = clock();
        const lockoutEnd = now + scenario.rules.lockoutSeconds * 1000;
        options.lockouts.lock(number, {
          until: lock.lockout === "refuse" ? lockoutEnd : 0,
          agentRequiredUntil: Math.max(
            lock.lockout === "agent" ? lockoutEnd : 0,
            lock.agentForDay ? nextMidnightMs(now, scenario.calendar.timeZone) : 0,
          ),
          needsAgent: lock.needsAgent,
        });
      },
      guaranteeHonoured: (number) => options.lockouts.guaranteeHonoured(number, clock()),
    },
    { recordCalls: options.recordCalls, checkInvariants: options.checkInvariants },
  );
  if (options.maxAttempts !== undefined) campaign.limitAttempts(options.maxAttempts);

  const startedAt = new Date();
  const scenarioStart = campaign.start();
  const wallStart = clock();
  const scenarioNow = (): number => scenarioStart + ((clock() - wallStart) / 1000) * k;

  let stoppedBy: LiveRunOutcome["stoppedBy"] | null = null;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let wake: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });

  const stop = (why: NonNullable<typeof stoppedBy>): void => {
    if (stoppedBy !== null) return;
    stoppedBy = why;
    campaign.stopDialing();
    if (timer !== null) clearTimeout(timer);
    timer = null;
    wake();
  };

  /** Checks the stop conditions, then sleeps until the campaign's next timer. */
  function arm(): void {
    if (stoppedBy !== null) return;
    const now = scenarioNow();
    if (campaign.completed) stop("leads");
    else if (now >= campaign.end) stop("calendar");
    else if (campaign.attemptsExhausted && campaign.inProgress === 0) stop("max-attempts");
    if (stoppedBy !== null) return;
    const next = Math.min(campaign.nextEventAt, campaign.end);
    if (timer !== null && next >= timerAt) return;
    if (timer !== null) clearTimeout(timer);
    timerAt = next;
    timer = setTimeout(tick, Math.max(0, ((next - now) / k) * 1000));
  }

  function tick(): void {
    timer = null;
    timerAt = Number.POSITIVE_INFINITY;
    onNetwork(() => {});
  }

  const onAbort = (): void => stop("interrupted");
  options.signal?.addEventListener("abort", onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const durationTimer =
    options.durationSeconds === undefined
      ? null
      : setTimeout(() => stop("duration"), options.durationSeconds * 1000);

  onNetwork(() => {});
  await stopped;
  if (durationTimer !== null) clearTimeout(durationTimer);
  options.signal?.removeEventListener("abort", onAbort);

  // Drain: the campaign books each CANCELled or BYEd call as its events come back.
  await line.hangUpAll(DRAIN_TIMEOUT_MS);
  campaign.advanceTo(scenarioNow());
  const leftOnLine = line.active;
  await line.close();
  await rtp.close();
  const run = campaign.finish();
  return {
    run,
    counts: campaign.live,
    startedAt,
    endedAt: new Date(),
    stoppedBy: stoppedBy ?? "interrupted",
    attemptsPlaced: run.dialer.placed,
    attemptsEnded: run.dialer.ended,
    cutoffHoldSeconds: cutoffHolds,
    calls: records,
    leftOnLine,
  };
}
