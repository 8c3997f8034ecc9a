import { doubledRing } from "./ring-buffer.js";

/**
 * A FIFO of small non-negative integers (lead indices) on a ring buffer that doubles when full:
 * nothing is allocated in steady state, and memory follows what is queued rather than the size
 * of the list, so a replication of a large list does not start by zeroing megabytes.
 */
export class IntQueue {
  private items: Int32Array;
  private head = 0;
  private count = 0;

  constructor(initialCapacity = 256) {
    this.items = new Int32Array(Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) % this.items.length] = value;
    this.count++;
  }

  /** Doubles the buffer, which is full (apart, so that `push` stays small enough to inline). */
  private grow(): void {
    this.items = doubledRing(this.items, this.head, this.count);
    this.head = 0;
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
