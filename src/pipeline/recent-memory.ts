/**
 * A bounded, expiring memory of recent values by key — for what a chat needs remembered for a few minutes and
 * never written anywhere. An entry is forgotten `ttlMs` after it was last set, and when the memory is full the
 * entry set longest ago goes first.
 */
export class RecentMemory<Value> {
  private readonly entries = new Map<string, { readonly value: Value; readonly at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at <= this.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** The value, forgotten as it is read: for what may be used once (a vote on an answer). */
  take(key: string): Value | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    // A Map iterates in insertion order, and setting re-inserts: the first key is the one set longest ago.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
