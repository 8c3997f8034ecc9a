/**
 * Each lead's time zone, for calling hours read on the called party's clock: from the leads
 * file's `time_zone` column, drawn for generated leads from the scenario's fractions (one draw
 * per lead from a seeded stream, so runs are reproducible), or the call centre's.
 */
import type { Scenario } from "../scenario/scenario.js";
import { createStreams } from "../sim/random.js";

/** A lead's IANA time zone; "" for the call centre's own. */
export type TimeZoneOf = (lead: number) => string;

/** The leads' time zones, or null when every lead is in the call centre's zone. */
export function leadTimeZones(scenario: Scenario, seed: number): TimeZoneOf | null {
  const leads = scenario.leads;
  if (leads.kind === "file") {
    const zones = leads.timeZones;
    return zones === undefined || zones.every((z) => z === "") ? null : (lead) => zones[lead];
  }
  if (leads.timeZones === undefined) return null;
  const mix = Object.entries(leads.timeZones);
  const rng = createStreams(seed).stream("time-zone");
  const ofLead = new Uint16Array(leads.count);
  for (let lead = 0; lead < leads.count; lead++) {
    let u = rng();
    let k = 0;
    while (k < mix.length - 1 && u >= mix[k][1]) u -= mix[k++][1];
    ofLead[lead] = k;
  }
  const centre = scenario.calendar.timeZone;
  // A lead drawn into the centre's own zone reads as "" like the others.
  const names = mix.map(([zone]) => (zone === centre ? "" : zone));
  return (lead) => names[ofLead[lead]];
}
