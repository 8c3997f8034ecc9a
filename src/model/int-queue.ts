/**
 * A FIFO of small non-negative integers (lead indices) on a fixed ring buffer: no allocation
 * after construction, so a million-lead campaign costs one typed array per queue.
 */
export class IntQueue {
  private readonly items: Int32Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    const capacity = this.items.length;
    if (this.count === capacity) throw new RangeError(`queue full (${capacity})`);
    this.items[(this.head + this.count) % capacity] = value;
    this.count++;
  }

  /** Removes and returns the oldest value; -1 when empty. */
  shift(): number {
    if (this.count === 0) return -1;
    const value = this.items[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return value;
  }
}
