import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { SipJs } from "sipjs-udp";

/**
 * Part of the sip-line adapter: a faster `SIP.Grammar.parse` for sipjs-udp, with the same
 * results. The package parses each received message's first line and nine of its headers, and
 * the From, To and Request-URI of each request it builds, with a PEG.js 0.8 parser: a bytecode
 * interpreter that also decoded its ~230 bytecode strings again on every call. Profiled, this
 * was half the dialer's CPU. Two layers replace it:
 *
 * - the usual shapes of those values (what SIPp, the endpoint and the package itself write:
 *   `SIP/2.0 180 Ringing`, `SIP/2.0/UDP 10.0.0.1:5060;branch=...`, `<sip:101@10.0.0.1:5060>;tag=...`)
 *   are matched by anchored regular expressions and built into the very objects the grammar's
 *   actions build (test/live/sipjs-grammar.test.ts checks both agree);
 * - anything else goes to the package's own generated parser, loaded once with the bytecode
 *   decoding hoisted out of `parse()`. If that file does not look as expected (another package
 *   version), the package's parser stays in place for it.
 */

const BYTECODE_START = "        peg$bytecode = [\n";
const BYTECODE_END = "\n        ],\n";

type GrammarModule = { parse(input: string, options: Record<string, unknown>): unknown };

function loadHoistedGrammar(): GrammarModule | null {
  const path = createRequire(import.meta.url).resolve("sipjs-udp/src/Grammar/dist/Grammar.js");
  const source = readFileSync(path, "utf8");
  const start = source.indexOf(BYTECODE_START);
  const end = start < 0 ? -1 : source.indexOf(BYTECODE_END, start);
  if (start < 0 || end < 0 || !source.startsWith("module.exports = (function() {")) return null;
  const bytecode = source.slice(start + BYTECODE_START.length, end);
  const hoisted =
    "var peg$hoistedBytecode = (function () {\n" +
    "  function peg$decode(s) { var bc = new Array(s.length); for (var i = 0; i < s.length; i++) bc[i] = s.charCodeAt(i) - 32; return bc; }\n" +
    `  return [\n${bytecode}\n  ];\n})();\n`;
  const body =
    hoisted +
    source.slice(0, start) +
    "        peg$bytecode = peg$hoistedBytecode,\n" +
    source.slice(end + BYTECODE_END.length);
  const module = { exports: {} as GrammarModule };
  new Function("module", "exports", body)(module, module.exports);
  return typeof module.exports.parse === "function" ? module.exports : null;
}

// The grammar's terminals, narrowed to spellings it cannot read another way: a canonical dotted
// quad is never a host name, a user without escapes decodes to itself, and only parameters the
// grammar reads whole (its `transport=udp` also matches the start of `udpx`, `lr` of `lrx`).
const TOKEN = "[A-Za-z0-9\\-.!%*_+`'~]+";
const OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`;
const URI = `sip:(?:([A-Za-z0-9\\-_.!~*'()+]+)@)?(${IPV4})(?::([0-9]{1,5}))?((?:;(?:transport=[A-Za-z]+|lr|ob))*)`;
const TRANSPORTS = new Set(["udp", "tcp", "sctp", "tls"]);
const METHODS = "INVITE|ACK|OPTIONS|BYE|CANCEL|REGISTER|SUBSCRIBE|NOTIFY|REFER";

const STATUS_LINE = /^SIP\/2\.0 ([0-9]{3}) ([A-Za-z0-9 \-_.!~*'()/,;?:@&=+$]*)$/;
const VIA = new RegExp(`^SIP/2\\.0/UDP (${IPV4})(?::([0-9]{1,5}))?;branch=(${TOKEN})$`);
const NAME_ADDR = new RegExp(`^<${URI}>(?:;tag=(${TOKEN}))?$`);
const SIP_URI = new RegExp(`^${URI}$`);
const CALL_ID = new RegExp(`^${TOKEN}(?:@${TOKEN})?$`);
const CSEQ = new RegExp(`^([0-9]+) (${METHODS})$`);
const DIGITS = /^[0-9]{1,15}$/;
/** What encodeURIComponent leaves alone (and decodeURIComponent too: no "%"). */
const UNESCAPED_USER = /^[A-Za-z0-9\-_.!~*'()]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: every ASCII character is meant
const ASCII = /^[\x00-\x7f]*$/;

type Params = Record<string, string | undefined>;

/**
 * Classes whose instances behave as the package's URI and NameAddrHeader (same prototype chain,
 * so `instanceof` holds; same own enumerable fields; same accessors with the same setters), but
 * keep scheme, user, host, port and display name in private fields behind prototype accessors:
 * the package's constructors define their accessor properties, with closures, on every instance,
 * which profiled at about half the time of a header parsed by the regular expressions.
 */
function parsedObjectClasses(SIP: SipJs) {
  class ParsedUri {
    #scheme: string;
    #user: string | undefined;
    #host: string;
    #port: number | null | undefined;
    parameters: Record<string, string | null> = {};
    headers: Record<string, string[]> = {};
    constructor(user: string | undefined, host: string, port: number | undefined, params?: Params) {
      this.#scheme = "sip";
      this.#user = user;
      this.#host = host;
      this.#port = port;
      for (const key in params) (this as unknown as UriMethods).setParam(key, params[key]);
    }
    get scheme(): string {
      return this.#scheme;
    }
    set scheme(value: string) {
      this.#scheme = value.toLowerCase();
    }
    get user(): string | undefined {
      return this.#user;
    }
    set user(value: string | undefined) {
      this.#user = value;
    }
    get host(): string {
      return this.#host;
    }
    set host(value: string) {
      this.#host = value.toLowerCase();
    }
    get aor(): string {
      return `${this.#user}@${this.#host}`;
    }
    get port(): number | null | undefined {
      return this.#port;
    }
    set port(value: unknown) {
      this.#port = value === 0 ? value : Number.parseInt(String(value), 10) || null;
    }
  }
  Object.setPrototypeOf(ParsedUri.prototype, SIP.URI.prototype);

  class ParsedNameAddr {
    #uri: ParsedUri;
    #displayName: string | undefined;
    uri: ParsedUri;
    parameters: Record<string, string | null> = {};
    constructor(uri: ParsedUri, tag?: string) {
      this.uri = uri;
      this.#uri = uri;
      if (tag !== undefined) (this as unknown as UriMethods).setParam("tag", tag);
    }
    get friendlyName(): string {
      return this.#displayName || this.#uri.aor;
    }
    get displayName(): string | undefined {
      return this.#displayName;
    }
    set displayName(value: unknown) {
      this.#displayName = value === 0 ? "0" : (value as string | undefined);
    }
  }
  Object.setPrototypeOf(ParsedNameAddr.prototype, SIP.NameAddrHeader.prototype);
  return { ParsedUri, ParsedNameAddr };
}

type UriMethods = { setParam(key: string, value: string | undefined): void };
type ParsedClasses = ReturnType<typeof parsedObjectClasses>;
const classesBySip = new WeakMap<SipJs, ParsedClasses>();

/** The URI that the grammar's SIP_URI action builds from `URI`'s four groups; null: not one. */
function uriOf(
  { ParsedUri }: ParsedClasses,
  match: RegExpExecArray,
  at: number,
): InstanceType<ParsedClasses["ParsedUri"]> | null {
  const port = match[at + 2];
  const params = match[at + 3];
  let parameters: Params | undefined;
  if (params) {
    parameters = {};
    for (const param of params.slice(1).split(";")) {
      if (param.startsWith("transport=")) {
        const transport = param.slice("transport=".length).toLowerCase();
        if (!TRANSPORTS.has(transport)) return null;
        parameters.transport = transport;
      } else parameters[param] = undefined;
    }
  }
  return new ParsedUri(
    match[at],
    match[at + 1] as string,
    port === undefined ? undefined : Number(port),
    parameters,
  );
}

/**
 * What `SIP.Grammar.parse(input, startRule)` returns, for the common shapes above; undefined
 * for anything else (then the generated parser decides).
 */
export function parseCommonShapes(SIP: SipJs, input: string, startRule: string): unknown {
  let classes = classesBySip.get(SIP);
  if (classes === undefined) {
    classes = parsedObjectClasses(SIP);
    classesBySip.set(SIP, classes);
  }
  let match: RegExpExecArray | null;
  switch (startRule) {
    case "Request_Response":
      match = STATUS_LINE.exec(input);
      return match
        ? { sip_version: "SIP/2.0", status_code: Number(match[1]), reason_phrase: match[2] }
        : undefined;
    case "Via":
      match = VIA.exec(input);
      if (!match) return undefined;
      return match[2] === undefined
        ? { protocol: "SIP", transport: "UDP", host_type: "IPv4", host: match[1], branch: match[3] }
        : {
            protocol: "SIP",
            transport: "UDP",
            host_type: "IPv4",
            host: match[1],
            port: Number(match[2]),
            branch: match[3],
          };
    case "From":
    case "To":
    case "Name_Addr_Header": {
      match = NAME_ADDR.exec(input);
      const uri = match && uriOf(classes, match, 1);
      return uri ? new classes.ParsedNameAddr(uri, match?.[5]) : undefined;
    }
    case "Contact": {
      match = NAME_ADDR.exec(input);
      const uri = match && match[5] === undefined && uriOf(classes, match, 1);
      if (!uri) return undefined;
      return [{ position: input.length, offset: 0, parsed: new classes.ParsedNameAddr(uri) }];
    }
    case "SIP_URI":
      match = SIP_URI.exec(input);
      return (match && uriOf(classes, match, 1)) ?? undefined;
    case "Call_ID":
      return CALL_ID.test(input) ? input : undefined;
    case "CSeq":
      match = CSEQ.exec(input);
      return match ? { value: Number(match[1]), method: match[2] } : undefined;
    case "Content_Length":
    case "Max_Forwards":
      return DIGITS.test(input) ? Number(input) : undefined;
    case "Content_Type":
      return input === "application/sdp" ? input : undefined;
    default:
      return undefined;
  }
}

/**
 * SIP.js turns every header name it stores or looks up into its canonical spelling (a split,
 * a map and a join each time); the few names a dialer meets are worth remembering.
 */
function memoise(headerize: (name: string) => string): (name: string) => string {
  const known = new Map<string, string>();
  return (name) => {
    let canonical = known.get(name);
    if (canonical === undefined) {
      canonical = headerize(name);
      if (known.size < 1000) known.set(name, canonical);
    }
    return canonical;
  };
}

/**
 * Installs the faster parser in place of the package's (same results, same failures: -1), and
 * shortcuts for three helpers the package calls on every header and URI. Applied once per
 * process, on import of sip-line.
 */
export function speedUpParsing(SIP: SipJs): void {
  const { escapeUser, str_utf8_length } = SIP.Utils;
  SIP.Utils.headerize = memoise(SIP.Utils.headerize);
  // Both run on every URI and body serialised; for the plain ASCII a dialer writes, the answer
  // is the input itself and its length (the package round-trips it through URI encoding).
  SIP.Utils.escapeUser = (user) => (UNESCAPED_USER.test(user) ? user : escapeUser(user));
  SIP.Utils.str_utf8_length = (text) => (ASCII.test(text) ? text.length : str_utf8_length(text));
  const grammar = loadHoistedGrammar();
  const generated = grammar
    ? (input: string, startRule: string) => {
        const options: Record<string, unknown> = { startRule, SIP };
        try {
          grammar.parse(input, options);
        } catch {
          options.data = -1;
        }
        return options.data;
      }
    : SIP.Grammar.parse;
  SIP.Grammar.parse = (input: string, startRule: string) =>
    parseCommonShapes(SIP, input, startRule) ?? generated(input, startRule);
}
