/**
 * SIP's UDP timers (RFC 3261 section 17): a final response to an INVITE and any non-INVITE
 * request are resent after T1, then at doubling intervals capped at T2, until answered or until
 * 64*T1 has passed. These are network timers: `--time-scale` never scales them.
 */

/** Round-trip estimate: first retransmission interval. */
export const T1_MS = 500;
/** Longest retransmission interval. */
export const T2_MS = 4000;
/** When an unanswered retransmission gives up (timers H, F and J). */
export const GIVE_UP_MS = 64 * T1_MS;

/** The interval after `previous` (T1 first): doubled, at most T2. */
export function nextInterval(previous: number | null): number {
  return previous === null ? T1_MS : Math.min(2 * previous, T2_MS);
}

/** A message being resent until answered; `stop()` ends it. */
export interface Retransmission {
  stop(): void;
}

/**
 * Sends `send()` now and again at T1, 2*T1, ... (capped at T2) until `stop()`; calls
 * `onGiveUp()` once when 64*T1 passes without a stop. `onResend` is told of every resend (for
 * the Retransmissions counter).
 */
export function retransmit(
  send: () => void,
  onResend: () => void,
  onGiveUp: () => void,
): Retransmission {
  let interval: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const giveUp = setTimeout(() => {
    clearTimeout(timer);
    onGiveUp();
  }, GIVE_UP_MS);
  const schedule = (): void => {
    interval = nextInterval(interval);
    timer = setTimeout(() => {
      send();
      onResend();
      schedule();
    }, interval);
  };
  send();
  schedule();
  return {
    stop() {
      clearTimeout(timer);
      clearTimeout(giveUp);
    },
  };
}
