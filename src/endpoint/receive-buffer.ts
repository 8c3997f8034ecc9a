import type { Socket } from "node:dgram";

/** Receive buffer asked for: bursts of thousands of calls per second outlast a busy event loop. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * Enlarges a bound socket's receive buffer so that datagrams arriving while the event loop is
 * busy wait in the kernel instead of being dropped (Linux's default is about 200 KiB). The kernel
 * caps the size at `net.core.rmem_max`; a refusal leaves the default, which still works.
 */
export function enlargeReceiveBuffer(socket: Socket): void {
  try {
    socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
  } catch {
    // Not allowed here: keep the default size.
  }
}
