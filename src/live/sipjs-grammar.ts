import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { SipJs } from "sipjs-udp";

/**
 * Part of the sip-line adapter. sipjs-udp parses headers with a PEG.js 0.8 parser that decodes
 * all of its ~230 bytecode strings again on every `parse()` call, about 8 times per received
 * message: profiled at a fifth of the dialer's CPU. This loads the same generated parser once
 * with that decoding hoisted out of `parse()` (the decoded arrays are only read while parsing)
 * and installs it as `SIP.Grammar.parse`. If the file does not look as expected (another
 * package version), the package's own parser stays in place.
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

/** Installs the hoisted parser in place of the package's (same results, same failures: -1). */
export function speedUpGrammar(SIP: SipJs): void {
  const grammar = loadHoistedGrammar();
  if (!grammar) return;
  SIP.Grammar.parse = (input: string, startRule: string) => {
    const options: Record<string, unknown> = { startRule, SIP };
    try {
      grammar.parse(input, options);
    } catch {
      options.data = -1;
    }
    return options.data;
  };
}
