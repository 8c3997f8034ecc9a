import { createSocket, type Socket } from "node:dgram";
import { lookup } from "node:dns";
import { isIPv4 } from "node:net";

/**
 * A UDP socket for the dialer's many small sends. Node resolves every send's address through
 * `dns.lookup`, which answers an IP literal one tick later: a queued callback and a closure per
 * datagram (a tenth of a send's CPU). The dialer sends to addresses it already holds as IPs (the
 * target is resolved once, SDP carries IPs), so an IPv4 literal is answered at once; anything
 * else still goes to `dns.lookup`.
 */
export function createUdp4Socket(): Socket {
  return createSocket({
    type: "udp4",
    lookup: (hostname, options, callback) => {
      if (isIPv4(hostname)) callback(null, hostname, 4);
      else lookup(hostname, options, callback);
    },
  });
}
