/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no whitespace, so the
 * same value always gives the same text and therefore the same hash. Properties whose value is
 * `undefined` are left out, as `JSON.stringify` does. Anything JSON cannot hold exactly
 * (non-finite numbers, bigints, functions, class instances such as Date) is refused rather
 * than silently converted, because a converted value would change the evidence.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON: non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object)
      .filter((k) => object[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(",")}}`;
  }
  throw new TypeError(`canonical JSON: cannot hold a value of type ${typeof value}`);
}
