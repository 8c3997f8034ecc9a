import { describe, expect, it } from "vitest";
import { LiveRequestError } from "../../src/serve/live-request-error.js";
import { isPrivateAddress, parseLiveTarget } from "../../src/serve/live-target.js";

/** The error parseLiveTarget throws for `text`, as status and message. */
function refusal(text: string, policy: "private" | "any" | "none" = "private") {
  try {
    parseLiveTarget(text, policy);
  } catch (error) {
    if (error instanceof LiveRequestError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error(`${text} was accepted`);
}

describe("the Live page's SIP target", () => {
  it("takes an IPv4 address or localhost and a port", () => {
    expect(parseLiveTarget("127.0.0.1:5070", "private")).toEqual({ host: "127.0.0.1", port: 5070 });
    expect(parseLiveTarget(" localhost:5060 ", "private")).toEqual({
      host: "127.0.0.1",
      port: 5060,
    });
    expect(parseLiveTarget("192.168.10.4:5080", "private")).toEqual({
      host: "192.168.10.4",
      port: 5080,
    });
  });

  it("refuses what is not an address and a port, saying what was expected", () => {
    for (const text of [
      "",
      "nonsense",
      "127.0.0.1",
      "127.0.0.1:0",
      "127.0.0.1:70000",
      "300.1.1.1:5060",
      "sip.example.com:5060",
      "[::1]:5060",
    ]) {
      expect(refusal(text)).toEqual({
        status: 400,
        message: `target: expected the SIP endpoint's IPv4 address and port, e.g. 127.0.0.1:5070, got ${JSON.stringify(text)}`,
      });
    }
  });

  it("calls only loopback, private and link-local addresses unless told any", () => {
    const inside = [
      "127.0.0.1",
      "127.9.9.9",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "169.254.1.1",
    ];
    const outside = [
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.1",
      "192.169.0.1",
      "11.0.0.1",
      "0.0.0.0",
      "255.255.255.255",
    ];
    for (const host of inside)
      expect(isPrivateAddress(host.split(".").map(Number)), host).toBe(true);
    for (const host of outside)
      expect(isPrivateAddress(host.split(".").map(Number)), host).toBe(false);
    const refused = refusal("8.8.8.8:5060");
    expect(refused.status).toBe(403);
    expect(refused.message).toBe(
      "target 8.8.8.8:5060: a public address: the page calls only loopback and private addresses (127.0.0.0/8, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16); start pacelab serve with --live-targets any to allow others",
    );
    expect(parseLiveTarget("8.8.8.8:5060", "any")).toEqual({ host: "8.8.8.8", port: 5060 });
  });

  it("refuses every target when live runs from the page are off", () => {
    expect(refusal("127.0.0.1:5070", "none")).toEqual({
      status: 403,
      message:
        "live runs from the page are off: pacelab serve was started with --live-targets none",
    });
  });
});
