/**
 * Consent data for leads a scenario generates by count (`leads: { count, consent: {...} }`):
 * each lead falls, independently, into one of a few kinds of record with the scenario's
 * fractions, drawn from a seeded stream so results are reproducible. Each kind is a realistic
 * record that the gate refuses for one reason, so generated leads go through the same gate as
 * leads read from a file.
 */
import type { Rng } from "../sim/random.js";
import type { LeadConsent } from "./consent-record.js";

/** The kinds of generated lead the gate refuses, by the reason it refuses them. */
export const CONSENT_MIX_KINDS = ["optedOut", "noConsent", "publicWebOnly"] as const;
export type ConsentMixKind = (typeof CONSENT_MIX_KINDS)[number];

/** Fractions of generated leads of each refused kind; the rest consent. They sum to at most 1. */
export type ConsentMix = Readonly<Record<ConsentMixKind, number>>;

/**
 * The record of each kind of generated lead, relative to `startDay` (the campaign's first day,
 * days since 1970-01-01): index 0 consents, index i + 1 is `CONSENT_MIX_KINDS[i]`.
 */
export function generatedLeadConsents(startDay: number): readonly LeadConsent[] {
  const marketing = (channel: "operator" | "paper", daysBefore: number) => ({
    purpose: "marketing" as const,
    channel,
    day: startDay - daysBefore,
    source: "web-form",
  });
  const listed = { consents: [], registeredDay: null, sources: ["list-broker"] };
  return [
    // Consented to operator calls a month ago.
    { ...listed, consents: [marketing("operator", 30)] },
    // Consented three months ago, then joined the opt-out register two months ago.
    { ...listed, consents: [marketing("operator", 90)], registeredDay: startDay - 60 },
    // Consented to paper mail only: that does not cover calls.
    { ...listed, consents: [marketing("paper", 30)] },
    // Found on a company's contact page.
    { consents: [], registeredDay: null, sources: ["public-web"] },
  ];
}

/**
 * Draws each of `count` leads' kind (an index into {@link generatedLeadConsents}) with one
 * draw per lead from `rng`.
 */
export function drawConsentKinds(count: number, mix: ConsentMix, rng: Rng): Uint8Array {
  const kinds = new Uint8Array(count);
  for (let lead = 0; lead < count; lead++) {
    let u = rng();
    for (let k = 0; k < CONSENT_MIX_KINDS.length; k++) {
      u -= mix[CONSENT_MIX_KINDS[k]];
      if (u < 0) {
        kinds[lead] = k + 1;
        break;
      }
    }
  }
  return kinds;
}
