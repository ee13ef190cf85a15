import { EventEmitter } from "node:events";
import type { StateStore, WindowHit } from "./state-store.js";

interface Entry {
  readonly value: string;
  readonly expiresAt: number;
}

/**
 * The state of one process, in memory: today's behaviour, and the default (a fresh clone needs no server).
 * Lost at each restart. Each namespace (the key up to its first ":") holds at most `maxEntriesPerNamespace`
 * keys; when one is full, the key set longest ago goes first, so a flood of chats cannot grow memory without
 * bound nor push another feature's keys out.
 */
export class MemoryStateStore implements StateStore {
  readonly kind = "memory" as const;
  private readonly namespaces = new Map<string, Map<string, Entry>>();
  private readonly windows = new Map<string, number[]>();
  private readonly groups = new Map<string, Map<string, Entry>>();
  private readonly channels = new EventEmitter();

  constructor(
    private readonly maxEntriesPerNamespace = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const entries = this.namespaceOf(key);
    // A Map iterates in insertion order, and setting re-inserts: the first key is the one set longest ago.
    entries.delete(key);
    entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (entries.size > this.maxEntriesPerNamespace) entries.delete(entries.keys().next().value!);
  }

  async take(key: string): Promise<string | undefined> {
    const entry = this.live(key);
    this.namespaceOf(key).delete(key);
    return entry?.value;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async renewIfHolds(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async deleteIfHolds(key: string, value: string): Promise<boolean> {
    if (this.live(key)?.value !== value) return false;
    this.namespaceOf(key).delete(key);
    return true;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<WindowHit> {
    const now = this.now();
    const counted = (this.windows.get(key) ?? []).filter((at) => at > now - windowMs);
    const allowed = counted.length < limit;
    if (allowed) counted.push(now);
    this.windows.delete(key);
    if (counted.length > 0) this.windows.set(key, counted);
    this.forgetIdleWindows(now, windowMs);
    return { allowed, retryInMs: allowed ? 0 : counted[0]! + windowMs - now };
  }

  async remember(group: string, member: string, value: string, ttlMs: number): Promise<void> {
    const members = this.groups.get(group) ?? new Map<string, Entry>();
    members.set(member, { value, expiresAt: this.now() + ttlMs });
    this.groups.set(group, members);
  }

  async members(group: string): Promise<Map<string, string>> {
    const live = new Map<string, string>();
    for (const [member, entry] of this.groups.get(group) ?? []) if (entry.expiresAt > this.now()) live.set(member, entry.value);
    return live;
  }

  async publish(channel: string, message: string): Promise<void> {
    this.channels.emit(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    this.channels.on(channel, onMessage);
  }

  onReconnect(): void {
    // Memory is never lost while the process runs.
  }

  async close(): Promise<void> {
    this.channels.removeAllListeners();
  }

  private namespaceOf(key: string): Map<string, Entry> {
    const name = key.split(":", 1)[0]!;
    let entries = this.namespaces.get(name);
    if (!entries) this.namespaces.set(name, (entries = new Map()));
    return entries;
  }

  private live(key: string): Entry | undefined {
    const entries = this.namespaceOf(key);
    const entry = entries.get(key);
    if (entry && entry.expiresAt > this.now()) return entry;
    entries.delete(key);
    return undefined;
  }

  /** Readers who stopped asking are dropped from the counts, a few at a time (the oldest windows first). */
  private forgetIdleWindows(now: number, windowMs: number): void {
    let checked = 0;
    for (const [key, counted] of this.windows) {
      if (checked++ >= 8) break;
      if (counted.at(-1)! <= now - windowMs) this.windows.delete(key);
    }
    while (this.windows.size > this.maxEntriesPerNamespace) this.windows.delete(this.windows.keys().next().value!);
  }
}
