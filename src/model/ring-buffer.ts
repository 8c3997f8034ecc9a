/** A typed array used as a ring buffer. */
type Ring = Int32Array | Float64Array;

/**
 * A ring buffer's `count` items from `head`, in order, at the start of a new array twice the
 * size (the item at `head` lands at index 0).
 */
export function doubledRing<T extends Ring>(items: T, head: number, count: number): T {
  const grown = new (items.constructor as new (length: number) => T)(items.length * 2);
  const first = Math.min(count, items.length - head);
  grown.set(items.subarray(head, head + first));
  grown.set(items.subarray(0, count - first), first);
  return grown;
}
