import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Transformer } from "grammy";
import type { Logger } from "../logger.js";

/** Bounds for retrying Bot API calls. auto-retry's own defaults are unbounded. */
export interface RetryBounds {
  /** Retries of one call after a 5xx or a network error. Default 3. */
  readonly maxAttempts: number;
  /** A 429 asking to wait longer than this fails the call instead. Default 60 s. */
  readonly maxDelaySeconds: number;
  /**
   * The most one call waits out 429s in all, however many come (Telegram's flood limits are per chat, so
   * only that chat waits). Default 180 s: a reader under a flood limit still gets the answer within 3 minutes.
   */
  readonly maxRateLimitWaitSeconds: number;
  /** First wait after a network error, doubled each time. Default 1 s. */
  readonly networkDelaySeconds: number;
  /**
   * A call other than getUpdates with no response after this long is abandoned (a dead connection), well
   * before the client's 60 s timeout that the 30 s long poll needs. Default 20 s.
   */
  readonly callTimeoutSeconds: number;
}

export const DEFAULT_RETRY_BOUNDS: RetryBounds = { maxAttempts: 3, maxDelaySeconds: 60, maxRateLimitWaitSeconds: 180, networkDelaySeconds: 1, callTimeoutSeconds: 20 };

/**
 * A message that may or may not have reached the reader: its request went out and no response came back
 * (timed out, or the connection broke after sending). It is not sent again — a second copy is worse than the
 * small chance of none — and the reader gets no apology either, since the answer most likely arrived.
 */
export class DeliveryUnknownError extends Error {
  constructor(
    readonly method: string,
    readonly reason: string,
  ) {
    super(`${method}: no response from the Bot API (${reason}); not sent again, as the message may have arrived`);
    this.name = "DeliveryUnknownError";
  }
}

/** Calls that send something a reader sees: repeating one after a lost response shows it twice. */
const SENDS = new Set(["sendMessage", "forwardMessage", "copyMessage", "sendPhoto", "sendDocument", "sendMediaGroup"]);

/** Network errors raised before a request could reach the server: safe to repeat any call after them. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * Whether a call that failed with `error` may have reached the Bot API: a network error after the request could
 * have gone out (a timeout, a connection broken mid-call). Not a connection refused, a name not resolved, or a
 * connection reset — nearly always a kept-alive socket the server had closed before the request.
 */
export function mayHaveArrived(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false;
  const cause = networkCause(error);
  return !NEVER_SENT.has(cause) && cause !== "ECONNRESET";
}

/**
 * The system error code under a grammY HttpError (ECONNREFUSED, ENOTFOUND, ECONNRESET…), "timeout" when the
 * call timed out, or the underlying message when there is no code.
 */
export function networkCause(error: unknown): string {
  const inner = error instanceof HttpError ? (error.error as { code?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown } }) : undefined;
  if (!inner) return error instanceof Error ? error.message : String(error);
  if (typeof inner.code === "string") return inner.code;
  if (typeof inner.cause?.code === "string") return inner.cause.code;
  if (inner.name === "AbortError" || /timed out/u.test(String(inner.message))) return "timeout";
  return String(inner.message ?? "unknown");
}

/**
 * The transformers every call goes through, outermost first: a bounded retry for network errors (auto-retry
 * would retry those forever), the wait for 429s, auto-retry for 5xx, a time limit per attempt, and innermost
 * a log line for each failed attempt (method and code, never the payload or the URL with the token). grammY
 * wraps each installed transformer around the ones before it, so they are installed in reverse.
 */
export function apiTransformers(logger: Logger, bounds: RetryBounds = DEFAULT_RETRY_BOUNDS): Transformer[] {
  // auto-retry for 5xx only: a 429 always asks for at least 1 s, above maxDelaySeconds 0, so it passes
  // through to waitOutRateLimits, which bounds the total wait rather than the number of 429s.
  const retryServerErrors = autoRetry({ maxRetryAttempts: bounds.maxAttempts, maxDelaySeconds: 0, rethrowHttpErrors: true });
  return [
    retryNetworkErrors(bounds, logger),
    waitOutRateLimits(bounds, logger),
    // getUpdates is left to the runner's own retry loop, which backs off more gently and never gives up.
    (prev, method, payload, signal) => (method === "getUpdates" ? prev(method, payload, signal) : retryServerErrors(prev, method, payload, signal)),
    // Inside the retries, so that each attempt has its own time limit.
    limitCallTime(bounds),
    logFailedCalls(logger),
  ];
}

/** Every call but the long poll gets `callTimeoutSeconds` per attempt; the caller's signal still aborts it. */
function limitCallTime(bounds: RetryBounds): Transformer {
  return async (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, bounds.callTimeoutSeconds * 1000);
    signal?.addEventListener("abort", abort);
    try {
      // grammY types signals with the abort-controller package's class; Node's is the same at run time.
      return await prev(method, payload, controller.signal as unknown as typeof signal);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", abort);
    }
  };
}

/** What the transformers need of an abort signal (grammY's type comes from the abort-controller package). */
interface Abortable {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

function retryNetworkErrors(bounds: RetryBounds, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    let delay = bounds.networkDelaySeconds;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        // getUpdates has the runner's own retry loop; an aborted call is a shutdown.
        if (!(error instanceof HttpError) || method === "getUpdates" || signal?.aborted) throw error;
        const cause = networkCause(error);
        // A message whose request may have arrived is not repeated. A reset connection is repeated: it is
        // nearly always a kept-alive socket the server had closed before the request, not a lost response.
        if (SENDS.has(method) && mayHaveArrived(error)) {
          logger.warn({ method, cause }, "message delivery unknown: not sent again");
          throw new DeliveryUnknownError(method, cause);
        }
        if (attempt >= bounds.maxAttempts) throw error;
        await pause(delay, signal);
        delay *= 2;
      }
    }
  };
}

function waitOutRateLimits(bounds: RetryBounds, logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    let waited = 0;
    for (;;) {
      const result = await prev(method, payload, signal);
      const retryAfter = result.ok ? undefined : result.parameters?.retry_after;
      if (retryAfter === undefined || method === "getUpdates") return result;
      if (retryAfter > bounds.maxDelaySeconds || waited + retryAfter > bounds.maxRateLimitWaitSeconds) {
        logger.warn({ method, retryAfter, waited }, "flood limit longer than the bot waits: call given up");
        return result;
      }
      await pause(retryAfter, signal);
      waited += retryAfter;
    }
  };
}

/** Waits, or rejects as soon as `signal` aborts (a shutdown must not sit out a flood wait). */
function pause(seconds: number, signal?: Abortable): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, seconds * 1000);
    const abort = () => {
      clearTimeout(timer);
      reject(new Error("call aborted while waiting to retry"));
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
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
      // HttpError.error may hold the request URL, which holds the token: only name, message and cause are logged.
      // A long poll aborted is the runner stopping, not a failure.
      if (!(method === "getUpdates" && signal?.aborted)) logger.warn({ method, cause: networkCause(error), err: { name: (error as Error).name, message: (error as Error).message } }, "Bot API call failed");
      throw error;
    }
  };
}
