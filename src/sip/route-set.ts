import { headerUri } from "./header-params.js";
import { headerValues, type SipHeader, type SipRequest } from "./message.js";
import { sipUriHostPort, type UriHostPort } from "./uri.js";

/**
 * The route set a user-agent server learns from a dialog-creating request (RFC 3261 12.1.1):
 * the request's Record-Route values, in order, parameters kept.
 */
export function uasRouteSet(request: SipRequest): readonly string[] {
  return headerValues(request, "record-route");
}

/** The request's Record-Route values as headers, in order: what a 2xx or 18x copies. */
export function recordRouteHeaders(request: SipRequest): SipHeader[] {
  return uasRouteSet(request).map((value) => ({ name: "Record-Route", value }));
}

/** The Route headers of a request inside the dialog (loose routing: the route set in order). */
export function routeHeaders(routeSet: readonly string[]): SipHeader[] {
  return routeSet.map((value) => ({ name: "Route", value }));
}

/**
 * Where a request inside the dialog goes first (RFC 3261 8.1.2, 12.2.1.1): the first route's
 * host and port, or null when the route set is empty or its first entry is no SIP URI.
 */
export function firstHop(routeSet: readonly string[]): UriHostPort | null {
  const first = routeSet[0];
  return first === undefined ? null : sipUriHostPort(headerUri(first));
}
