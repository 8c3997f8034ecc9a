/**
 * What a dialer knows about a lead's permission to be called for marketing: its consents
 * (purpose, channel, date, source), whether the number is on the public opt-out register
 * (Italy: Registro pubblico delle opposizioni), and where the number came from. Plain data,
 * free of simulator types, so the simulator and the live runner share it. Dates are whole days
 * since 1970-01-01 on the call centre's calendar (see `daysFromCivil`).
 */

/** What a consent was given for; only `marketing` consents let a marketing call through. */
export const CONSENT_PURPOSES = ["marketing", "profiling", "third-party"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Channels of contact. The automated ones (`automated` for all of them, or one of e-mail, SMS,
 * MMS, fax, recorded calls) are the most invasive: consent to any of them also covers operator
 * calls and paper mail, never the reverse (Garante, marketing vademecum of April 2015).
 */
export const AUTOMATED_CHANNELS = [
  "automated",
  "email",
  "sms",
  "mms",
  "fax",
  "recorded-call",
] as const;
export const CONSENT_CHANNELS = ["operator", "paper", ...AUTOMATED_CHANNELS] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** The source naming public web pages: publication is not consent, and not a lawful source. */
export const PUBLIC_WEB_SOURCE = "public-web";

/** One consent as recorded: what for, for which channel, when, and how it was collected. */
export interface Consent {
  readonly purpose: ConsentPurpose;
  readonly channel: ConsentChannel;
  /** The day it was given (days since 1970-01-01). */
  readonly day: number;
  /** How it was collected, e.g. `web-form`, `contract`, `phone`. */
  readonly source: string;
}

/** A lead's consents, register status and sources: the gate's view of a lead. */
export interface LeadConsent {
  readonly consents: readonly Consent[];
  /** The day the number was entered on the opt-out register; null when it is not on it. */
  readonly registeredDay: number | null;
  /** Where the number came from (`customer`, `list-broker`, `public-web`, ...); may be empty. */
  readonly sources: readonly string[];
}

/** Whether a consent given for `given` covers contact by `channel` (the channel hierarchy). */
export function channelCovers(given: ConsentChannel, channel: ConsentChannel): boolean {
  if (given === channel) return true;
  const automated = (c: ConsentChannel) => (AUTOMATED_CHANNELS as readonly string[]).includes(c);
  if (automated(given)) {
    // Any automated consent covers the less invasive channels; the generic `automated` also
    // covers each automated channel.
    return channel === "operator" || channel === "paper" || given === "automated";
  }
  return false;
}

/**
 * The lead of a file or scenario that gives no consent data: consenting to every channel since
 * forever, not on the register. Keeps results without consent data as they were.
 */
export const ASSUMED_CONSENT: LeadConsent = {
  consents: [
    {
      purpose: "marketing",
      channel: "automated",
      day: Number.NEGATIVE_INFINITY,
      source: "assumed",
    },
  ],
  registeredDay: null,
  sources: [],
};
