/**
 * Types for the parts of `sipjs-udp` (an untyped CommonJS UDP fork of SIP.js 0.7) that the
 * sip-line adapter (src/live/sip-line.ts, sip-udp-transport.ts, sipjs-grammar.ts) touches. Only
 * those files (and the grammar's test) import the package; the names mirror its sources
 * (node_modules/sipjs-udp/src), snake_case included.
 */
declare module "sipjs-udp" {
  /** A parsed message received from the network (request or response). */
  interface IncomingMessage {
    method: string;
    call_id: string;
    from_tag: string;
    to_tag?: string;
    via_branch: string;
    body: string | null;
    /** Header name in SIP.js's capitalisation -> every value, unparsed in `raw`. */
    headers: Record<string, { raw: string }[]>;
    getHeader(name: string): string | undefined;
  }

  /** A received response. */
  interface IncomingResponse extends IncomingMessage {
    status_code: number;
    reason_phrase: string;
  }

  /** A received request. */
  interface IncomingRequest extends IncomingMessage {
    transport: unknown;
    /** Stateless reply. */
    reply_sl(statusCode: number): void;
  }

  /** A request built by SIP.js for sending. */
  interface OutgoingRequest {
    method: string;
    call_id: string;
    setHeader(name: string, value: string): void;
    /** Set on an INVITE by its client transaction: builds the CANCEL and sends it when allowed. */
    cancel?(reason?: string): void;
    toString(): string;
  }

  type TransactionType = "ict" | "nict" | "ist" | "nist";

  /** A client or server transaction; timers are Node timeouts named after RFC 3261's. */
  interface Transaction {
    type: TransactionType;
    id: string;
    state: number;
    host: string;
    port: number;
    request: OutgoingRequest;
    /** INVITE client transactions: the CANCEL text once a CANCEL was requested. */
    cancel?: string;
    /** INVITE client transactions: the ACK text once a non-2xx final response came. */
    ack?: string;
    request_sender: { ua: UserAgent };
    transport: TransportLike;
    receiveResponse(response: IncomingResponse): void;
    A?: NodeJS.Timeout;
    B?: NodeJS.Timeout;
    D?: NodeJS.Timeout;
    F?: NodeJS.Timeout;
    K?: NodeJS.Timeout;
    M?: NodeJS.Timeout;
    H?: NodeJS.Timeout;
    I?: NodeJS.Timeout;
    J?: NodeJS.Timeout;
    L?: NodeJS.Timeout;
  }

  /** The transport SIP.js sends through (`ua.transport`). */
  interface TransportLike {
    /** SIP.js writes a status field on it. */
    server: object;
    send(host: string, port: number, message: string | OutgoingRequest): boolean;
  }

  /** An outgoing call (SIP.js's InviteClientContext). */
  interface InviteClientContext {
    status: number;
    request: OutgoingRequest;
    on(event: "progress" | "accepted", listener: (response: IncomingResponse) => void): void;
    on(
      event: "failed",
      listener: (response: IncomingResponse | null, cause: string | null) => void,
    ): void;
    on(
      event: "terminated",
      listener: (end: { message: IncomingMessage | null; cause: string | null }) => void,
    ): void;
    sendRequest(
      method: string,
      options: { receiveResponse?: (response: IncomingResponse) => void },
    ): InviteClientContext;
    terminated(message: IncomingMessage | null, cause: string | null): InviteClientContext;
    close(): InviteClientContext;
  }

  /** The media handler SIP.js asks for SDP; methods of arity <= 1 must return Promises. */
  interface MediaHandler {
    getDescription(hint: unknown): Promise<string>;
    setDescription(description: string): Promise<void>;
    close(): void;
    render(): void;
    mute(): void;
    unmute(): void;
    isReady(): boolean;
  }

  interface UserAgentConfiguration {
    uri: string;
    viaHost: string;
    viaPort: number;
  }

  /** SIP.js's UA. */
  interface UserAgent {
    status: number;
    transport: TransportLike | null;
    configuration: UserAgentConfiguration;
    transactions: Record<TransactionType, Record<string, Transaction>>;
    sessions: Record<string, InviteClientContext>;
    newTransaction(transaction: Transaction): void;
    destroyTransaction(transaction: Transaction): void;
    onTransportConnected(transport: TransportLike): void;
    receiveRequest(request: IncomingRequest): void;
    invite(
      target: string,
      options: {
        media: unknown;
        params: { call_id: string };
        extraHeaders: string[];
      },
    ): InviteClientContext;
  }

  interface UserAgentOptions {
    uri: string;
    autostart: boolean;
    register: boolean;
    doUAS: boolean;
    traceSip: boolean;
    userAgentString: string;
    log: { builtinEnabled: boolean; level: number };
    mediaHandlerFactory: (session: InviteClientContext) => MediaHandler;
  }

  type AckTransactionConstructor = new (
    sender: { ua: UserAgent },
    request: OutgoingRequest,
    transport: TransportLike,
  ) => { id: string };

  interface SipJs {
    UA: new (options: UserAgentOptions) => UserAgent;
    Parser: { parseMessage(data: string, ua: UserAgent): IncomingMessage | undefined };
    sanityCheck(message: IncomingMessage, ua: UserAgent, transport: TransportLike): boolean;
    IncomingRequest: abstract new (...args: never[]) => IncomingRequest;
    IncomingResponse: abstract new (...args: never[]) => IncomingResponse;
    Transactions: {
      C: Record<
        | "STATUS_TRYING"
        | "STATUS_PROCEEDING"
        | "STATUS_CALLING"
        | "STATUS_ACCEPTED"
        | "STATUS_COMPLETED"
        | "STATUS_TERMINATED",
        number
      >;
      AckClientTransaction: AckTransactionConstructor;
      InviteClientTransaction: {
        prototype: { sendACK(this: Transaction, response: IncomingResponse): void };
      };
    };
    Timers: { T1: number; T2: number; TIMER_D: number; TIMER_J: number };
    C: { causes: Record<"REQUEST_TIMEOUT" | "CONNECTION_ERROR", string> };
    Session: { C: Record<"STATUS_TERMINATED", number> };
    /** The header grammar; replaced by src/live/sipjs-grammar.ts. */
    Grammar: { parse(input: string, startRule: string): unknown };
    URI: new (
      scheme: string,
      user: string | undefined,
      host: string,
      port: number | undefined,
      parameters?: Record<string, string | undefined>,
    ) => object;
    NameAddrHeader: new (
      uri: object,
      displayName?: string,
      parameters?: Record<string, string | undefined>,
    ) => object;
    Utils: {
      headerize(name: string): string;
      escapeUser(user: string): string;
      str_utf8_length(text: string): number;
    };
  }

  const SIP: SipJs;
  export default SIP;
  export type {
    IncomingMessage,
    IncomingRequest,
    IncomingResponse,
    InviteClientContext,
    MediaHandler,
    OutgoingRequest,
    SipJs,
    Transaction,
    TransportLike,
    UserAgent,
  };
}
