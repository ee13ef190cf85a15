import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Transformer } from "grammy";
import type { Logger } from "../logger.js";

/** Bounds for retrying Bot API calls. auto-retry's own defaults are unbounded. */
export interface RetryBounds {
  /** Retries of one call after a 429, a 5xx or a network error. Default 3. */
  readonly maxAttempts: number;
  /** A 429 asking to wait longer than this fails the call instead. Default 60 s. */
  readonly maxDelaySeconds: number;
  /** First wait after a network error, doubled each time. Default 1 s. */
  readonly networkDelaySeconds: number;
}

export const DEFAULT_RETRY_BOUNDS: RetryBounds = { maxAttempts: 3, maxDelaySeconds: 60, networkDelaySeconds: 1 };

/**
 * The transformers every call goes through, outermost first: a bounded retry for network errors (auto-retry
 * would retry those forever), auto-retry for 429 (waiting `retry_after`) and 5xx, and innermost a log line
 * for each failed attempt (method and code, never the payload or the URL with the token). grammY wraps each
 * installed transformer around the ones before it, so they are installed in reverse.
 */
export function apiTransformers(logger: Logger, bounds: RetryBounds = DEFAULT_RETRY_BOUNDS): Transformer[] {
  const retryRateLimitsAndServerErrors = autoRetry({ maxRetryAttempts: bounds.maxAttempts, maxDelaySeconds: bounds.maxDelaySeconds, rethrowHttpErrors: true });
  return [
    retryNetworkErrors(bounds),
    // getUpdates is left to the runner's own retry loop, which backs off more gently and never gives up.
    (prev, method, payload, signal) => (method === "getUpdates" ? prev(method, payload, signal) : retryRateLimitsAndServerErrors(prev, method, payload, signal)),
    logFailedCalls(logger),
  ];
}

function retryNetworkErrors(bounds: RetryBounds): Transformer {
  return async (prev, method, payload, signal) => {
    let delay = bounds.networkDelaySeconds;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        // getUpdates has the runner's own retry loop; an aborted call is a shutdown.
        if (!(error instanceof HttpError) || method === "getUpdates" || signal?.aborted || attempt >= bounds.maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay * 1000));
        delay *= 2;
      }
    }
  };
}

function logFailedCalls(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        logger.warn({ method, errorCode: result.error_code, description: result.description, retryAfter: result.parameters?.retry_after }, "Bot API call failed");
      }
      return result;
    } catch (error) {
      // HttpError.error may hold the request URL, which holds the token: only name and message are logged.
      if (!signal?.aborted) logger.warn({ method, err: { name: (error as Error).name, message: (error as Error).message } }, "Bot API call failed");
      throw error;
    }
  };
}
