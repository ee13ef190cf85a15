import type { MiddlewareFn } from "grammy";
import { stateErrorFields, type StateStore } from "../state/state-store.js";
import type { BotContext } from "./bot-context.js";

export interface RateLimitOptions {
  /** Names the budget in the store's keys (questions and inline queries count apart). */
  readonly name: string;
  /** Updates per reader in any `windowMs` before the refusal. */
  readonly limit: number;
  /** The sliding window, in milliseconds. */
  readonly windowMs: number;
  /**
   * Called for a refused update; `first` is true for the first refusal since the reader was last let through,
   * so that a burst gets one polite notice, not one per message.
   */
  readonly onLimited: (ctx: BotContext, first: boolean) => Promise<unknown> | unknown;
}

/**
 * A per-reader rate limit over a sliding window, counted in the state store so that a reader is counted
 * across every instance. Each let-through update leaves the count `windowMs` after it arrived, so a reader
 * limited at any moment is free again exactly when the oldest of their counted updates is a window old —
 * unlike a fixed window cleared for everyone at once. Refused updates are not counted: a reader who keeps
 * sending is not locked out longer for it. When the store cannot be reached, updates are let through (the
 * log says so): a lost Redis must not silence the bot.
 */
export function rateLimit(store: StateStore, options: RateLimitOptions): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const reader = ctx.from?.id;
    if (reader === undefined) return next();
    let hit;
    try {
      hit = await store.hit(`rate:${options.name}:${reader}`, options.limit, options.windowMs);
    } catch (error) {
      ctx.log.warn({ err: stateErrorFields(error), limit: options.name }, "rate limit not counted (state store unavailable): update let through");
      return next();
    }
    if (hit.allowed) return next();
    // One notice per spell of refusals: the marker lives until the reader may ask again.
    const first = await store.setIfAbsent(`rate-notice:${options.name}:${reader}`, "1", Math.max(1, hit.retryInMs)).catch(() => true);
    await options.onLimited(ctx, first);
  };
}
