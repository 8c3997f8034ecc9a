import { PAYLOAD_COMFORT_NOISE, PAYLOAD_PCMU } from "../rtp/rtp-packet.js";
import { buildResponse, taggedTo } from "../sip/build-response.js";
import { headerParam, headerUri, parseCSeq, uriUser } from "../sip/header-params.js";
import { newBranch, newTag } from "../sip/identifiers.js";
import { headerValue, type SipHeader, type SipRequest, type SipResponse } from "../sip/message.js";
import { parseSipMessage } from "../sip/parse.js";
import { firstHop, recordRouteHeaders, routeHeaders, uasRouteSet } from "../sip/route-set.js";
import { buildAudioSdp, parseAudioSdp } from "../sip/sdp.js";
import { serialiseSipMessage } from "../sip/serialise.js";
import { badVia } from "../sip/via.js";
import type { CallRecord, EndedBy } from "./call-record.js";
import type { EndpointCounters } from "./counters.js";
import type { CalleeFate } from "./fate.js";
import { GIVE_UP_MS, type Retransmission, retransmit } from "./sip-timers.js";

/** Where a datagram came from or goes to. */
export interface Peer {
  readonly address: string;
  readonly port: number;
}

/** What the user-agent server needs from its surroundings (sockets, clock, fates). */
export interface UasContext {
  /** This endpoint's SIP address (Via, Contact) and RTP address (SDP answers). */
  readonly local: Peer;
  readonly rtpPort: number;
  send(datagram: Buffer, to: Peer): void;
  /** Milliseconds since the epoch, fractional. */
  now(): number;
  drawFate(): CalleeFate;
  /** `caller`: a connected person stays until the dialer's BYE; `scenario`: BYE after talk. */
  readonly talk: "caller" | "scenario";
  /** Scenario milliseconds an answering machine stays before its own BYE. */
  readonly machineCapMs: number;
  readonly counters: EndpointCounters;
  /** Ties RTP to a call (its offer's SSRC and address) and unties it. */
  watchRtp(callId: string, ssrc: number | undefined, address: string): void;
  forgetRtp(callId: string): void;
  /** Told once per call when it finishes. */
  onFinished(record: CallRecord): void;
}

type CallState =
  | "proceeding" // 100/180 sent, no final response yet
  | "rejected" // non-2xx final sent, waiting for the ACK
  | "answered" // 200 sent, waiting for the ACK
  | "confirmed" // 200 ACKed: the dialog is up
  | "hangingUp" // our BYE sent, waiting for its 200
  | "ended";

interface Call {
  readonly record: CallRecord;
  readonly invite: SipRequest;
  readonly inviteSeq: number;
  readonly peer: Peer;
  readonly toTag: string;
  readonly fate: CalleeFate;
  state: CallState;
  /** The last response to the INVITE, resent when the INVITE is. */
  lastResponse: Buffer | null;
  retransmission: Retransmission | null;
  /** The one pending callee timer: ring, patience, talk or machine cap. */
  timer: NodeJS.Timeout | null;
  /** Whether the caller's BYE got our 200, so that a retransmission of it gets 200 again. */
  answeredCallerBye: boolean;
}

/**
 * The callee population's user-agent server (RFC 3261 over UDP): one state machine per Call-ID.
 * It never throws out of {@link UserAgentServer.receive}: malformed datagrams are counted and
 * dropped. Calls are kept for 64*T1 after they end so that retransmitted requests get the same
 * answer again.
 */
export class UserAgentServer {
  private readonly calls = new Map<string, Call>();
  private readonly lingering = new Set<NodeJS.Timeout>();
  private sessionId = 1;

  constructor(private readonly context: UasContext) {}

  private readonly allRecords: CallRecord[] = [];

  /** Records of every call so far, in INVITE order (live objects: they fill in as calls go on). */
  records(): readonly CallRecord[] {
    return this.allRecords;
  }

  /** Handles one datagram from `from`. */
  receive(datagram: Buffer, from: Peer): void {
    const parsed = parseSipMessage(datagram);
    if (!parsed.ok) {
      this.context.counters.add("OutOfCallMsgs");
      return;
    }
    const message = parsed.message;
    if (message.kind === "response") this.onResponse(message);
    else this.onRequest(message, from);
  }

  /**
   * RTP from a call's caller: the first agent audio and any comfort noise after the answer.
   * Once the callee has hung up (its BYE out), nothing more is heard.
   */
  onRtp(callId: string, payloadType: number): void {
    const call = this.calls.get(callId);
    if (call === undefined || call.record.answeredAt === null) return;
    if (call.state === "ended" || call.state === "hangingUp") return;
    if (payloadType === PAYLOAD_COMFORT_NOISE) call.record.comfortNoise = true;
    if (payloadType === PAYLOAD_PCMU && call.record.agentAudioAt === null) {
      call.record.agentAudioAt = this.context.now();
      if (call.state === "confirmed" && call.fate.outcome === "person") this.startTalk(call);
    }
  }

  /** Stops every timer; calls in progress stay unfinished in {@link records}. */
  close(): void {
    for (const call of this.calls.values()) this.clearTimers(call);
    for (const timer of this.lingering) clearTimeout(timer);
    this.lingering.clear();
  }

  private onRequest(request: SipRequest, from: Peer): void {
    const via = badVia(request);
    if (via !== null) {
      this.rejectBadVia(request, via, from);
      return;
    }
    const callId = headerValue(request, "call-id") ?? "";
    const call = this.calls.get(callId);
    switch (request.method) {
      case "INVITE":
        if (call === undefined) this.newCall(request, callId, from);
        else this.repeatedInvite(call, request, from);
        return;
      case "ACK":
        if (call === undefined) this.context.counters.add("OutOfCallMsgs");
        else this.onAck(call, request);
        return;
      case "CANCEL":
        this.onCancel(call, request, from);
        return;
      case "BYE":
        this.onBye(call, request, from);
        return;
      case "OPTIONS":
        this.reply(request, 200, from, { headers: [allowHeader()] });
        return;
      default:
        this.reply(request, 501, from, { headers: [allowHeader()] });
    }
  }

  // A strict UAS answers a malformed request 400 (RFC 3261 21.4.1), at its source address since
  // the Via cannot say where responses go; an ACK is never answered.
  private rejectBadVia(request: SipRequest, via: string, from: Peer): void {
    this.context.counters.badRequests++;
    if (request.method === "ACK") return;
    const why = `Malformed Via header: ${via.slice(0, 80).replaceAll('"', "'")}`;
    this.reply(request, 400, from, {
      toTag: newTag(),
      headers: [{ name: "Warning", value: `399 pacelab "${why}"` }],
    });
  }

  private newCall(invite: SipRequest, callId: string, from: Peer): void {
    const cseq = parseCSeq(headerValue(invite, "cseq") ?? "");
    if (cseq === null) return; // the parser already rejects this
    const fate = this.context.drawFate();
    const now = this.context.now();
    const call: Call = {
      record: {
        callId,
        number: uriUser(invite.uri),
        outcome: fate.outcome,
        invitedAt: now,
        ringingAt: null,
        answeredAt: null,
        finalStatus: null,
        finalAt: null,
        agentAudioAt: null,
        comfortNoise: false,
        endedAt: null,
        endedBy: null,
        succeeded: null,
        cancelAfterAnswerAt: null,
      },
      invite,
      inviteSeq: cseq.seq,
      peer: from,
      toTag: newTag(),
      fate,
      state: "proceeding",
      lastResponse: null,
      retransmission: null,
      timer: null,
      answeredCallerBye: false,
    };
    this.calls.set(callId, call);
    this.allRecords.push(call.record);
    this.context.counters.add("IncomingCall");
    this.context.counters.current++;
    const offer = parseAudioSdp(invite.body);
    if (offer !== null) this.context.watchRtp(callId, offer.ssrc, `${offer.host}:${offer.port}`);
    this.sendProvisional(call, 100);
    switch (fate.outcome) {
      case "busy":
        call.timer = setTimeout(() => this.reject(call, 486), fate.ringMs);
        return;
      case "invalid":
        call.timer = setTimeout(() => this.reject(call, 404), fate.ringMs);
        return;
      case "noAnswer":
        this.ring(call);
        call.timer = setTimeout(() => this.reject(call, 480), fate.ringMs);
        return;
      default:
        this.ring(call);
        call.timer = setTimeout(() => this.answer(call), fate.ringMs);
    }
  }

  private repeatedInvite(call: Call, invite: SipRequest, from: Peer): void {
    const cseq = parseCSeq(headerValue(invite, "cseq") ?? "");
    if (cseq?.seq === call.inviteSeq) {
      // RFC 3261 17.2.1: a retransmitted INVITE gets the last response again.
      if (call.lastResponse !== null) this.context.send(call.lastResponse, call.peer);
      return;
    }
    // A re-INVITE: this population does not renegotiate media.
    this.reply(invite, 488, from, { toTag: call.toTag });
  }

  private ring(call: Call): void {
    call.record.ringingAt = this.context.now();
    this.sendProvisional(call, 180);
  }

  private sendProvisional(call: Call, status: 100 | 180): void {
    const response = buildResponse(call.invite, status, {
      ...(status === 100 ? {} : { toTag: call.toTag }),
      // RFC 3261 12.1.1: a response that creates a dialog copies the Record-Route headers.
      headers: status === 100 ? [] : [this.contactHeader(), ...recordRouteHeaders(call.invite)],
    });
    call.lastResponse = serialiseSipMessage(response);
    this.context.send(call.lastResponse, call.peer);
  }

  private answer(call: Call): void {
    call.timer = null;
    const now = this.context.now();
    call.record.answeredAt = now;
    call.record.finalStatus = 200;
    call.record.finalAt = now;
    call.state = "answered";
    const sdp = buildAudioSdp(
      { host: this.context.local.address, port: this.context.rtpPort, payloadTypes: [0, 13] },
      this.sessionId++,
    );
    const response = buildResponse(call.invite, 200, {
      toTag: call.toTag,
      headers: [
        this.contactHeader(),
        ...recordRouteHeaders(call.invite),
        { name: "X-Pacelab-Callee", value: call.fate.outcome },
        { name: "Content-Type", value: "application/sdp" },
      ],
      body: sdp,
    });
    this.sendFinal(call, serialiseSipMessage(response));
  }

  private reject(call: Call, status: 404 | 480 | 486 | 487): void {
    this.clearTimers(call);
    call.record.finalStatus = status;
    call.record.finalAt = this.context.now();
    call.state = "rejected";
    const response = buildResponse(call.invite, status, { toTag: call.toTag });
    this.sendFinal(call, serialiseSipMessage(response));
  }

  // A final response to an INVITE is resent until its ACK (RFC 3261 17.2.1, timers G and H).
  private sendFinal(call: Call, datagram: Buffer): void {
    call.lastResponse = datagram;
    call.retransmission = retransmit(
      () => this.context.send(datagram, call.peer),
      () => this.context.counters.add("Retransmissions"),
      () => this.finish(call, "lost", false),
    );
  }

  private onAck(call: Call, ack: SipRequest): void {
    const cseq = parseCSeq(headerValue(ack, "cseq") ?? "");
    if (cseq?.seq !== call.inviteSeq) return;
    if (call.state === "rejected") {
      this.finish(call, null, true);
    } else if (call.state === "answered") {
      call.retransmission?.stop();
      call.retransmission = null;
      call.state = "confirmed";
      this.startCalleeTimer(call);
    }
    // ACKs retransmitted after that need nothing.
  }

  // The callee's own hang-up: a person's patience (or talk), a machine's cap.
  private startCalleeTimer(call: Call): void {
    if (call.fate.outcome === "machine") {
      call.timer = setTimeout(() => this.hangUp(call), this.context.machineCapMs);
    } else if (call.record.agentAudioAt !== null) {
      this.startTalk(call);
    } else {
      const waited = this.context.now() - (call.record.answeredAt ?? this.context.now());
      call.timer = setTimeout(() => this.hangUp(call), Math.max(0, call.fate.patienceMs - waited));
    }
  }

  private startTalk(call: Call): void {
    if (call.timer !== null) clearTimeout(call.timer);
    call.timer =
      this.context.talk === "scenario"
        ? setTimeout(() => this.hangUp(call), call.fate.talkMs)
        : null;
  }

  private onCancel(call: Call | undefined, cancel: SipRequest, from: Peer): void {
    const cseq = parseCSeq(headerValue(cancel, "cseq") ?? "");
    if (call === undefined || cseq?.seq !== call.inviteSeq) {
      this.context.counters.add("OutOfCallMsgs");
      this.reply(cancel, 481, from, {});
      return;
    }
    // RFC 3261 9.2: 200 to the CANCEL; if no final response went out yet, 487 to the INVITE.
    this.reply(cancel, 200, from, { toTag: call.toTag });
    if (call.record.answeredAt !== null) call.record.cancelAfterAnswerAt ??= this.context.now();
    if (call.state === "proceeding") this.reject(call, 487);
  }

  private onBye(call: Call | undefined, bye: SipRequest, from: Peer): void {
    const toTag = headerParam(headerValue(bye, "to") ?? "", "tag");
    if (call === undefined || toTag !== call.toTag) {
      this.context.counters.add("OutOfCallMsgs");
      this.reply(bye, 481, from, {});
      return;
    }
    switch (call.state) {
      case "answered":
      case "confirmed":
      case "hangingUp":
        this.reply(bye, 200, from, {});
        call.answeredCallerBye = true;
        this.finish(call, call.state === "hangingUp" ? "callee" : "caller", true);
        return;
      case "ended":
        if (call.answeredCallerBye) this.reply(bye, 200, from, {});
        else this.reply(bye, 481, from, {});
        this.context.counters.add("DeadCallMsgs");
        return;
      default:
        this.reply(bye, 481, from, {});
    }
  }

  private hangUp(call: Call): void {
    call.timer = null;
    if (call.state !== "confirmed") return;
    call.state = "hangingUp";
    const invite = call.invite;
    const remoteTarget = headerUri(
      headerValue(invite, "contact") ?? headerValue(invite, "from") ?? "",
    );
    const local = this.context.local;
    // Loose routing (RFC 3261 12.2.1.1): the route set in Route headers, sent to its first entry.
    const routeSet = uasRouteSet(invite);
    const nextHop = firstHop(routeSet);
    const to = nextHop === null ? call.peer : { address: nextHop.host, port: nextHop.port };
    const bye: SipRequest = {
      kind: "request",
      method: "BYE",
      uri: remoteTarget,
      headers: [
        {
          name: "Via",
          value: `SIP/2.0/UDP ${local.address}:${local.port};branch=${newBranch()};rport`,
        },
        { name: "Max-Forwards", value: "70" },
        ...routeHeaders(routeSet),
        { name: "From", value: taggedTo(invite, call.toTag) },
        { name: "To", value: headerValue(invite, "from") ?? "" },
        { name: "Call-ID", value: call.record.callId },
        { name: "CSeq", value: "1 BYE" },
      ],
      body: "",
    };
    const datagram = serialiseSipMessage(bye);
    call.retransmission = retransmit(
      () => this.context.send(datagram, to),
      () => this.context.counters.add("Retransmissions"),
      () => this.finish(call, "lost", false),
    );
  }

  private onResponse(response: SipResponse): void {
    const call = this.calls.get(headerValue(response, "call-id") ?? "");
    const cseq = parseCSeq(headerValue(response, "cseq") ?? "");
    if (call === undefined || cseq?.method !== "BYE") {
      this.context.counters.add("OutOfCallMsgs");
      return;
    }
    if (call.state === "hangingUp" && response.status >= 200) this.finish(call, "callee", true);
  }

  private finish(call: Call, endedBy: EndedBy | null, succeeded: boolean): void {
    if (call.state === "ended") return;
    this.clearTimers(call);
    call.state = "ended";
    const record = call.record;
    record.endedAt = this.context.now();
    record.endedBy = record.answeredAt === null ? (endedBy === "lost" ? "lost" : null) : endedBy;
    record.succeeded = succeeded;
    const counters = this.context.counters;
    counters.current--;
    counters.add(succeeded ? "SuccessfulCall" : "FailedCall");
    if (!succeeded) counters.add("FailedMaxUDPRetrans");
    counters.addCallLength(record.endedAt - record.invitedAt);
    this.context.forgetRtp(record.callId);
    this.context.onFinished(record);
    // Keep the call a while to answer retransmissions, then only its record.
    const linger = setTimeout(() => {
      this.lingering.delete(linger);
      this.calls.delete(record.callId);
    }, GIVE_UP_MS);
    this.lingering.add(linger);
  }

  private clearTimers(call: Call): void {
    if (call.timer !== null) clearTimeout(call.timer);
    call.timer = null;
    call.retransmission?.stop();
    call.retransmission = null;
  }

  private reply(
    request: SipRequest,
    status: number,
    to: Peer,
    parts: { toTag?: string; headers?: readonly SipHeader[] },
  ): void {
    this.context.send(serialiseSipMessage(buildResponse(request, status, parts)), to);
  }

  private contactHeader(): SipHeader {
    const { address, port } = this.context.local;
    return { name: "Contact", value: `<sip:pacelab@${address}:${port}>` };
  }
}

function allowHeader(): SipHeader {
  return { name: "Allow", value: "INVITE, ACK, CANCEL, BYE, OPTIONS" };
}
