import { hostname } from "node:os";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { MemoryStateStore } from "./memory-state-store.js";
import { RedisStateStore } from "./redis-state-store.js";
import type { StateStore } from "./state-store.js";

/** How long start-up waits for Redis before going on without it (it is used as soon as it answers). */
const CONNECT_WAIT_MS = 3000;

/** This instance's name: INSTANCE_NAME, or the host name and the process id. */
export function instanceNameOf(config: Config["state"]): string {
  return config.instanceName ?? `${hostname()}-${process.pid}`;
}

/**
 * The state store the configuration asks for: Redis when REDIS_URL is set, this process's memory otherwise.
 * Redis down at start does not stop the bot: it starts, says so in the log, and uses Redis when it answers.
 */
export async function openStateStore(config: Config["state"], logger: Logger): Promise<StateStore> {
  if (!config.redisUrl) return new MemoryStateStore();
  const store = new RedisStateStore({ url: config.redisUrl, keyPrefix: config.keyPrefix, timeoutMs: config.timeoutMs, logger });
  if (!(await store.ready(CONNECT_WAIT_MS))) logger.warn({ waitedMs: CONNECT_WAIT_MS }, "starting without the shared state (Redis): it will be used as soon as it answers");
  return store;
}
