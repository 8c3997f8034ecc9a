import { createSocket } from "node:dgram";

/**
 * This machine's IPv4 address that datagrams to `host` leave from (the routing table's
 * choice, read by connecting a UDP socket: nothing is sent): the address a SIP line toward it
 * must bind and put in its Via, Contact and SDP.
 */
export function localAddressToward(host: string, port: number): Promise<string> {
  const socket = createSocket("udp4");
  return new Promise<string>((resolve, reject) => {
    socket.once("error", reject);
    socket.connect(port, host, () => resolve(socket.address().address));
  }).finally(() => socket.close());
}
