import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { createStreams } from "../../src/sim/random.js";

/**
 * A UDP relay on loopback that loses a seeded fraction of datagrams, for loss tests. Clients
 * send to `port`; each client gets its own socket towards the server (like a NAT), so the
 * server answers to the relay and the relay forwards back to that client. SIPp and the
 * built-in endpoint answer to the source address of a request, so a dialer behind the relay
 * sees every message pass through it.
 */
export interface LossyRelay {
  /** Where clients send. */
  readonly port: number;
  /** Datagrams forwarded and dropped, each way. */
  readonly counters: {
    toServer: number;
    toClient: number;
    droppedToServer: number;
    droppedToClient: number;
  };
  close(): Promise<void>;
}

/** Options of {@link startLossyRelay}. */
export interface LossyRelayOptions {
  server: { host: string; port: number };
  /** Fraction of datagrams dropped, in [0, 1). */
  lossRate: number;
  /** Seeds the drop decisions. */
  seed: number | string;
  /** "sip": drop only SIP messages (RTP passes); "all" (default): any datagram. */
  only?: "sip" | "all";
}

const SIP_START = /^(SIP\/2\.0 |[A-Z]+ sip:)/;

function bindLoopback(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      socket.off("error", reject);
      resolve();
    });
  });
}

/** Starts a relay towards `options.server`. */
export async function startLossyRelay(options: LossyRelayOptions): Promise<LossyRelay> {
  if (!(options.lossRate >= 0 && options.lossRate < 1))
    throw new RangeError(`lossy-relay: lossRate must be in [0, 1), got ${options.lossRate}`);
  const draw = createStreams(options.seed).stream("relay-loss");
  const counters = { toServer: 0, toClient: 0, droppedToServer: 0, droppedToClient: 0 };
  const drops = (datagram: Buffer): boolean => {
    if (options.only === "sip" && !SIP_START.test(datagram.toString("latin1", 0, 16))) return false;
    return draw() < options.lossRate;
  };
  const front = createSocket("udp4");
  await bindLoopback(front);
  const backs = new Map<string, Promise<Socket>>();

  const backFor = (client: RemoteInfo): Promise<Socket> => {
    const key = `${client.address}:${client.port}`;
    let back = backs.get(key);
    if (!back) {
      const socket = createSocket("udp4");
      socket.on("message", (datagram) => {
        if (drops(datagram)) counters.droppedToClient++;
        else {
          counters.toClient++;
          front.send(datagram, client.port, client.address);
        }
      });
      back = bindLoopback(socket).then(() => socket);
      backs.set(key, back);
    }
    return back;
  };

  front.on("message", (datagram, client) => {
    if (drops(datagram)) {
      counters.droppedToServer++;
      return;
    }
    counters.toServer++;
    void backFor(client).then((socket) =>
      socket.send(datagram, options.server.port, options.server.host),
    );
  });

  const close = (socket: Socket) => new Promise<void>((resolve) => socket.close(() => resolve()));
  return {
    port: front.address().port,
    counters,
    async close() {
      await close(front);
      for (const back of backs.values()) await close(await back);
    },
  };
}
