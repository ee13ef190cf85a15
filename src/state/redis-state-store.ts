import { randomBytes } from "node:crypto";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../logger.js";
import { StateUnavailableError, type StateStore, type WindowHit } from "./state-store.js";

export interface RedisStateOptions {
  /** redis://[user:password@]host:port[/db] or rediss:// (REDIS_URL). */
  readonly url: string;
  /** Put before every key and channel, so that several bots (or test runs) can share one Redis. */
  readonly keyPrefix: string;
  /** How long one command may take before the feature falls back, in milliseconds (REDIS_TIMEOUT_MS). */
  readonly timeoutMs: number;
  readonly logger: Logger;
}

/**
 * A sliding window in one round trip, atomic across instances: drop the events older than the window, count
 * the rest, add this one when there is room. Redis's own clock is used, so instances whose clocks differ
 * still count the same window.
 */
const SLIDING_WINDOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

const RENEW_IF_HOLDS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const DELETE_IF_HOLDS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A member of a group, and the group kept as long as its longest-lived member. */
const REMEMBER = `
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1
`;

type ScriptedRedis = Redis & {
  rememberMember(key: string, member: string, value: string, ttlMs: number): Promise<number>;
  slidingWindow(key: string, windowMs: number, limit: number, nonce: string): Promise<[number, number]>;
  renewIfHolds(key: string, value: string, ttlMs: number): Promise<number>;
  deleteIfHolds(key: string, value: string): Promise<number>;
};

/**
 * The state shared by several instances, in Redis (ioredis). Built to fail fast rather than wait: a command
 * is not queued while Redis is away (enableOfflineQueue off) and gives up after `timeoutMs`, so a lost or slow
 * Redis costs a question at most a few timeouts, never a stall. The client reconnects by itself, forever,
 * with a pause growing to 2 s; the log says once when Redis is lost and once when it is back.
 */
export class RedisStateStore implements StateStore {
  readonly kind = "redis" as const;
  private readonly redis: ScriptedRedis;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Array<(message: string) => void>>();
  private readonly reconnectListeners: Array<() => void> = [];
  private state: "connecting" | "ready" | "lost" = "connecting";
  private closed = false;

  constructor(private readonly options: RedisStateOptions) {
    this.redis = new Redis(options.url, this.clientOptions(false)) as ScriptedRedis;
    this.redis.defineCommand("slidingWindow", { numberOfKeys: 1, lua: SLIDING_WINDOW });
    this.redis.defineCommand("renewIfHolds", { numberOfKeys: 1, lua: RENEW_IF_HOLDS });
    this.redis.defineCommand("deleteIfHolds", { numberOfKeys: 1, lua: DELETE_IF_HOLDS });
    this.redis.defineCommand("rememberMember", { numberOfKeys: 1, lua: REMEMBER });
    this.redis.on("ready", () => {
      const was = this.state;
      this.state = "ready";
      if (was === "lost") {
        options.logger.info("shared state (Redis) is back: features use it again");
        for (const listener of this.reconnectListeners) listener();
      } else options.logger.info("shared state (Redis) connected");
    });
    this.redis.on("error", (error: Error) => this.lost(error.message));
    this.redis.on("close", () => this.lost("connection closed"));
  }

  /** Resolves once connected, or after `ms` (Redis down at start is not fatal): true when connected. */
  async ready(ms: number): Promise<boolean> {
    if (this.redis.status === "ready") return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.redis.off("ready", onReady);
        resolve(false);
      }, ms);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.redis.once("ready", onReady);
    });
  }

  get(key: string): Promise<string | undefined> {
    return this.run(async () => (await this.redis.get(key)) ?? undefined);
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.run(async () => void (await this.redis.set(key, value, "PX", Math.max(1, Math.round(ttlMs)))));
  }

  take(key: string): Promise<string | undefined> {
    return this.run(async () => (await this.redis.getdel(key)) ?? undefined);
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.run(async () => (await this.redis.set(key, value, "PX", Math.max(1, Math.round(ttlMs)), "NX")) === "OK");
  }

  renewIfHolds(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.run(async () => (await this.redis.renewIfHolds(key, value, Math.max(1, Math.round(ttlMs)))) === 1);
  }

  deleteIfHolds(key: string, value: string): Promise<boolean> {
    return this.run(async () => (await this.redis.deleteIfHolds(key, value)) === 1);
  }

  hit(key: string, limit: number, windowMs: number): Promise<WindowHit> {
    return this.run(async () => {
      const [allowed, retryInMs] = await this.redis.slidingWindow(key, Math.round(windowMs), limit, randomBytes(4).toString("hex"));
      return { allowed: allowed === 1, retryInMs: Math.max(0, retryInMs) };
    });
  }

  remember(group: string, member: string, value: string, ttlMs: number): Promise<void> {
    // A hash of members, each value stamped with its expiry; the hash itself goes when its last member would.
    return this.run(async () => void (await this.redis.rememberMember(group, member, JSON.stringify({ value, expiresAt: Date.now() + ttlMs }), Math.max(1, Math.round(ttlMs)))));
  }

  members(group: string): Promise<Map<string, string>> {
    return this.run(async () => {
      const live = new Map<string, string>();
      const expired: string[] = [];
      for (const [member, raw] of Object.entries(await this.redis.hgetall(group))) {
        const { value, expiresAt } = JSON.parse(raw) as { value: string; expiresAt: number };
        if (expiresAt > Date.now()) live.set(member, value);
        else expired.push(member);
      }
      if (expired.length > 0) await this.redis.hdel(group, ...expired);
      return live;
    });
  }

  publish(channel: string, message: string): Promise<void> {
    return this.run(async () => void (await this.redis.publish(this.options.keyPrefix + channel, message)));
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    if (!this.subscriber) {
      // A subscribed connection can do nothing else; it queues its SUBSCRIBE until connected, and ioredis
      // subscribes again after each reconnection.
      this.subscriber = new Redis(this.options.url, this.clientOptions(true));
      this.subscriber.on("error", () => undefined);
      this.subscriber.on("message", (name: string, message: string) => {
        for (const handler of this.handlers.get(name) ?? []) handler(message);
      });
    }
    const name = this.options.keyPrefix + channel;
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), onMessage]);
    // Queued while Redis is away (the subscriber's offline queue), so this settles when Redis answers.
    await this.subscriber.subscribe(name).then(
      () => undefined,
      (error: Error) => this.options.logger.warn({ channel, err: { message: error.message } }, "shared state: subscription failed"),
    );
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.redis.disconnect();
    this.subscriber?.disconnect();
  }

  private clientOptions(subscriber: boolean): RedisOptions {
    return {
      keyPrefix: this.options.keyPrefix,
      // Fail now rather than queue: a question must not wait for Redis to come back.
      enableOfflineQueue: subscriber,
      maxRetriesPerRequest: subscriber ? null : 0,
      ...(subscriber ? {} : { commandTimeout: this.options.timeoutMs }),
      connectTimeout: 2000,
      retryStrategy: (times: number) => (this.closed ? null : Math.min(100 * times, 2000)),
      lazyConnect: false,
    };
  }

  private lost(reason: string): void {
    if (this.closed || this.state === "lost") return;
    this.state = "lost";
    this.options.logger.warn({ reason }, "shared state (Redis) unavailable: conversations, votes, the rate limit, the rebuild lock and the feed turn fall back until it returns");
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new StateUnavailableError((error as Error)?.message ?? String(error));
    }
  }
}
