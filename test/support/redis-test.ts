import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { RedisStateStore } from "../../src/state/redis-state-store.js";
import type { StateStore } from "../../src/state/state-store.js";
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

/** At least two handles on one store, as that many instances hold it. */
export type SharedHandles = [StateStore, StateStore, ...StateStore[]];

/**
 * Where several instances' state lives, for tests that run against both (describe.each): one memory object
 * every instance holds, and — with REDIS_URL — as many Redis clients as instances, under a prefix of their own
 * for each test, each connected before the test goes on. `open(count)` gives `count` handles (2 by default).
 */
export function sharedStoreKinds(prefix: string): Array<[string, (count?: number) => Promise<SharedHandles>]> {
  const kinds: Array<[string, (count?: number) => Promise<SharedHandles>]> = [
    [
      "one memory store",
      async (count = 2) => {
        const store = new MemoryStateStore();
        return [store, store, ...Array.from({ length: count - 2 }, () => store)];
      },
    ],
  ];
  let opened = 0;
  if (REDIS_URL) {
    kinds.push([
      "Redis",
      async (count = 2) => {
        const keys = `${prefix}${(opened += 1)}:`;
        const handles: SharedHandles = [redisStore(keys), redisStore(keys), ...Array.from({ length: count - 2 }, () => redisStore(keys))];
        for (const handle of handles) if (!(await (handle as RedisStateStore).ready(2000))) throw new Error(`Redis at ${REDIS_URL} did not answer within 2 s`);
        return handles;
      },
    ]);
  }
  return kinds;
}
