import type { Scenario } from "../scenario/scenario.js";
import type { LiveLockouts } from "./live-campaign.js";
import type { LockoutStore } from "./lockout-store.js";
import { nextMidnightMs } from "./next-midnight.js";

/**
 * The campaign's lock-outs kept in the store that outlives the run, with wall-clock ends that
 * are never scaled: the rule set's lock-out, and the call centre's next midnight.
 */
export function storeLockouts(
  store: LockoutStore,
  scenario: Scenario,
  wallMs: () => number,
): LiveLockouts {
  return {
    state: (number) => store.state(number, wallMs()),
    lock: (number, lock) => {
      const now = wallMs();
      const lockoutEnd = now + scenario.rules.lockoutSeconds * 1000;
      store.lock(number, {
        until: lock.lockout === "refuse" ? lockoutEnd : 0,
        agentRequiredUntil: Math.max(
          lock.lockout === "agent" ? lockoutEnd : 0,
          lock.agentForDay ? nextMidnightMs(now, scenario.calendar.timeZone) : 0,
        ),
        needsAgent: lock.needsAgent,
      });
    },
    guaranteeHonoured: (number) => store.guaranteeHonoured(number, wallMs()),
  };
}
