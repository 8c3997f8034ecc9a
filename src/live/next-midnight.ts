import { utcOffsetSeconds } from "../calendar/local-time.js";

const DAY = 86_400;

/**
 * The wall-clock instant (ms since the epoch) at which the day of `nowMs` ends: the next
 * midnight on `zone`'s clock (an IANA zone, the call centre's), or on the machine's own local
 * clock when `zone` is undefined. Daylight-saving changes are taken into account.
 */
export function nextMidnightMs(nowMs: number, zone: string | undefined): number {
  if (zone === undefined) {
    const midnight = new Date(nowMs);
    midnight.setHours(24, 0, 0, 0);
    return midnight.getTime();
  }
  const now = Math.floor(nowMs / 1000);
  const wall = now + utcOffsetSeconds(zone, now);
  const midnightWall = (Math.floor(wall / DAY) + 1) * DAY;
  // The offset at midnight may differ from now's (a change during the day): read it there.
  const guess = midnightWall - utcOffsetSeconds(zone, now);
  return (midnightWall - utcOffsetSeconds(zone, guess)) * 1000;
}
