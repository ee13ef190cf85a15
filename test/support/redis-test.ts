import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { RedisStateStore } from "../../src/state/redis-state-store.js";
import { deleteKeysUnder } from "./redis-keys.js";
import { silentLogger } from "./workspace.js";

/**
 * The real Redis the Redis tests run against: REDIS_URL (`.ci/run` sets it to the machine's
 * redis://127.0.0.1:6379). Unset, those tests do not run, and test/support/redis-notice.ts says so at the
 * end of `npm test`. Tests read the environment here, never in src/.
 */
export const REDIS_URL = process.env.REDIS_URL || undefined;

/** A key prefix for this test file's run, so runs never see each other's keys; its keys are deleted after. */
export function testPrefix(): string {
  const prefix = `isnad-test-${randomBytes(4).toString("hex")}:`;
  afterAll(async () => {
    if (REDIS_URL) await deleteKeysUnder(REDIS_URL, prefix);
  });
  return prefix;
}

/** A Redis store on `url` (default REDIS_URL) under `prefix`, closed after the file. */
export function redisStore(prefix: string, url = REDIS_URL!, timeoutMs = 500): RedisStateStore {
  const store = new RedisStateStore({ url, keyPrefix: prefix, timeoutMs, logger: silentLogger });
  afterAll(() => store.close());
  return store;
}
