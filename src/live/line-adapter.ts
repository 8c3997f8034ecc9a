import type { Call, CallResult } from "../model/call.js";
import { buildAudioSdp, parseAudioSdp } from "../sip/sdp.js";
import type { LiveActions, LiveCampaign } from "./live-campaign.js";
import type { RtpSender, RtpStream } from "./rtp-sender.js";
import type { CallEvents, OutboundCall, SipLine } from "./sip-line.js";

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

/** One call on the wire, with what the records need of it. */
interface LineCall {
  outbound: OutboundCall | null;
  readonly ssrc: number;
  readonly number: string;
  stream: RtpStream | null;
  answeredAt: number | null;
  byeAt: number | null;
}

/** Hands one network event to the campaign, in turn with the others. */
export type Deliver = (event: (campaign: LiveCampaign) => void) => void;

/** What the line adapter works with. */
export interface LineAdapterOptions {
  readonly line: SipLine;
  readonly rtp: RtpSender;
  /** Where the dialer's RTP leaves from (the SDP offer's address). */
  readonly localHost: string;
  /** The scenario's no-answer timeout, in wall-clock ms. */
  readonly noAnswerTimeoutMs: number;
  /** The wall clock, ms since the epoch. */
  readonly wallMs: () => number;
  /** Told of each call once it is over on the dialer's side. */
  readonly onCallEnded?: (call: LiveCallRecord) => void;
}

/**
 * The campaign's actions carried out on a SIP line and an RTP sender (an INVITE with an SDP
 * offer, comfort noise, agent audio, BYE), and what the line reports turned back into the
 * campaign's terms through `deliver`. It keeps a record of every call for the endpoint
 * comparison, and the answer-to-BYE time of every call hung up at the cut-off.
 */
export class LineAdapter implements LiveActions {
  /** Every attempt, in the order it ended on the dialer's side. */
  readonly records: LiveCallRecord[] = [];
  /** Answer-to-BYE wall-clock seconds of every call hung up at the cut-off (no agent free). */
  readonly cutoffHoldSeconds: number[] = [];
  private readonly calls = new Map<Call, LineCall>();
  private nextSsrc: number;

  constructor(
    private readonly options: LineAdapterOptions,
    private readonly deliver: Deliver,
  ) {
    this.nextSsrc = (Math.floor(options.wallMs()) * 2654435761) >>> 0;
  }

  dial(call: Call, number: string): void {
    const { line, rtp, localHost, noAnswerTimeoutMs } = this.options;
    this.nextSsrc = (this.nextSsrc + 0x9e3779b1) >>> 0;
    const entry: LineCall = {
      outbound: null,
      ssrc: this.nextSsrc,
      number,
      stream: null,
      answeredAt: null,
      byeAt: null,
    };
    this.calls.set(call, entry);
    const sdpOffer = buildAudioSdp(
      { host: localHost, port: rtp.port, payloadTypes: [0, 13], ssrc: entry.ssrc },
      call.id,
    );
    try {
      entry.outbound = line.dial({ number, sdpOffer, noAnswerTimeoutMs }, this.events(call, entry));
    } catch {
      // Not sendable (e.g. not a valid SIP user): booked as rejected with status 0.
      this.deliver((campaign) => {
        campaign.failed(call, "rejected", 0);
        this.finish(call, entry);
      });
    }
  }

  playComfortNoise(call: Call): void {
    this.calls.get(call)?.stream?.play(13);
  }

  playAgentAudio(call: Call): void {
    this.calls.get(call)?.stream?.play(0);
  }

  hangUp(call: Call, result: CallResult): void {
    const entry = this.calls.get(call);
    if (entry === undefined) return;
    entry.stream?.stop();
    entry.byeAt = this.options.wallMs();
    if (result === "silent-no-agent" && entry.answeredAt !== null) {
      this.cutoffHoldSeconds.push((entry.byeAt - entry.answeredAt) / 1000);
    }
    entry.outbound?.hangUp();
  }

  /**
   * The run's end: CANCELs every call still ringing and BYEs every answered one (the line does
   * both), stamping the BYE's time on the records as {@link hangUp} does; resolves when every
   * call has ended or after `timeoutMs`.
   */
  hangUpAll(timeoutMs: number): Promise<void> {
    const now = this.options.wallMs();
    for (const entry of this.calls.values()) {
      if (entry.answeredAt !== null && entry.byeAt === null) entry.byeAt = now;
    }
    return this.options.line.hangUpAll(timeoutMs);
  }

  /** What the line reports of one call, handed to the campaign in turn. */
  private events(call: Call, entry: LineCall): CallEvents {
    return {
      onCancelling: () => this.deliver((campaign) => campaign.cancelling(call)),
      onAnswered: (answer) =>
        this.deliver((campaign) => {
          entry.answeredAt = this.options.wallMs();
          const media = parseAudioSdp(answer.sdp);
          if (media !== null) {
            const to = { host: media.host, port: media.port };
            entry.stream = this.options.rtp.open(entry.ssrc, to, media.payloadTypes.includes(13));
          }
          const truth = answer.headers["x-pacelab-callee"];
          if (answer.afterCancel) campaign.answeredAfterGiveUp(call, truth);
          else campaign.answered(call, truth);
        }),
      onFailed: (failure) =>
        this.deliver((campaign) => {
          campaign.failed(call, failure.cause, failure.status);
          this.finish(call, entry);
        }),
      onEnded: (end) =>
        this.deliver((campaign) => {
          campaign.ended(call, end.by);
          this.finish(call, entry);
        }),
    };
  }

  private finish(call: Call, entry: LineCall): void {
    entry.stream?.stop();
    this.calls.delete(call);
    const record: LiveCallRecord = {
      callId: entry.outbound?.callId ?? "",
      number: entry.number,
      result: call.result,
      answeredAt: entry.answeredAt,
      byeAt: entry.byeAt,
    };
    this.records.push(record);
    this.options.onCallEnded?.(record);
  }
}
