import { IsnadError } from "../errors.js";

/** The outcome of counting one more event in a sliding window (StateStore.hit). */
export interface WindowHit {
  /** True when the event fits in the window, and was counted; false when the window is full. */
  readonly allowed: boolean;
  /** When refused: milliseconds until the oldest counted event leaves the window. 0 when allowed. */
  readonly retryInMs: number;
}

/**
 * What the bot keeps between updates — conversations, which question each answer message answered, what each
 * vote button refers to, the rate limit's counts, the rebuild lock, the feed turn, the instances alive — behind
 * one small interface, so that one process keeps it in memory (MemoryStateStore, the default) and several
 * instances share it in Redis (RedisStateStore, when REDIS_URL is set).
 *
 * Every key has an expiry: nothing is kept longer than the feature that wrote it needs. Values are strings
 * (JSON where structured). Any method may reject with StateUnavailableError (Redis lost or slow); callers
 * fall back — answer without the follow-up, send no vote buttons, let the question through — and log it.
 */
export interface StateStore {
  /** "memory" (one process) or "redis" (shared by the instances). */
  readonly kind: "memory" | "redis";
  get(key: string): Promise<string | undefined>;
  /** Sets `key`, forgotten `ttlMs` milliseconds from now. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Reads and deletes in one step: of several instances taking the same key at once, one gets the value. */
  take(key: string): Promise<string | undefined>;
  /** Sets `key` only when it is absent (a lock, a once-per-window notice); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Gives `key` a new expiry while it still holds `value` (the lock's owner renewing it); true when it did. */
  renewIfHolds(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` while it still holds `value` (the lock's owner releasing it); true when it did. */
  deleteIfHolds(key: string, value: string): Promise<boolean>;
  /**
   * Counts an event under `key` when fewer than `limit` were counted in the last `windowMs` milliseconds (a
   * sliding window: each counted event leaves it `windowMs` after it happened). Refused events are not counted.
   */
  hit(key: string, limit: number, windowMs: number): Promise<WindowHit>;
  /** Records `member` of `group` with `value` for `ttlMs` (an instance's heartbeat). */
  remember(group: string, member: string, value: string, ttlMs: number): Promise<void>;
  /** The members of `group` not yet expired, with their values. */
  members(group: string): Promise<Map<string, string>>;
  /** Sends `message` to every instance subscribed to `channel` (this one included). */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Calls `onMessage` for each message published on `channel`, for as long as the store is open. Resolves once
   * the subscription is made (a message published before is not heard) — with Redis away, when it is back.
   */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  /** Calls `listener` each time the store is reachable again after it was lost (never for memory). */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/** The shared state store cannot be reached, or did not answer in time. */
export class StateUnavailableError extends IsnadError {
  readonly code = "STATE_UNAVAILABLE";
  readonly fix = "Check that Redis is running and reachable at REDIS_URL; the bot reconnects by itself.";
  constructor(reason: string) {
    super(`The shared state store (Redis) is unavailable: ${reason}`);
  }
}

/** A rejection as the short, id-free fields a log line carries. */
export function stateErrorFields(error: unknown): { name: string; message: string } {
  return { name: (error as Error)?.name ?? "Error", message: (error as Error)?.message ?? String(error) };
}

/**
 * The state the instances share and this instance's name (INSTANCE_NAME): what the rebuild lock, the feed turn
 * and the index announcements are taken in, and owned by. Memory for one process, Redis (REDIS_URL) for several.
 */
export interface InstanceSharing {
  readonly store: StateStore;
  readonly instanceName: string;
}
