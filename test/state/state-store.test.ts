import { describe, expect, it } from "vitest";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { takeFeedTurn } from "../../src/state/feed-turn.js";
import { acquireRebuildLock, rebuildHolder } from "../../src/state/rebuild-lock.js";
import { knownInstances, startHeartbeat } from "../../src/state/instance-registry.js";
import type { StateStore } from "../../src/state/state-store.js";
import { REDIS_URL, redisStore, testPrefix } from "../support/redis-test.js";

const prefix = testPrefix();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The two implementations, held to one contract; Redis only when REDIS_URL is set (see redis-test.ts). */
const stores: Array<[string, () => Promise<StateStore>]> = [["memory", async () => new MemoryStateStore()]];
let opened = 0;
if (REDIS_URL) {
  stores.push([
    "redis",
    async () => {
      // Each test its own keys under the run's prefix.
      const store = redisStore(`${prefix}${(opened += 1)}:`);
      expect(await store.ready(2000)).toBe(true);
      return store;
    },
  ]);
}

describe.each(stores)("the %s state store", (_, open) => {
  it("keeps a value until its expiry, then forgets it", async () => {
    const store = await open();
    await store.set("chat:1", "أين انعقد المنتدى؟", 150);
    expect(await store.get("chat:1")).toBe("أين انعقد المنتدى؟");
    await pause(250);
    expect(await store.get("chat:1")).toBeUndefined();
  });

  it("gives a taken value to one taker only, even when several take at once", async () => {
    const store = await open();
    await store.set("vote:abc", "{}", 60_000);
    const taken = await Promise.all([store.take("vote:abc"), store.take("vote:abc"), store.take("vote:abc")]);
    expect(taken.filter((value) => value !== undefined)).toEqual(["{}"]);
  });

  it("sets only an absent key, and renews or deletes it only for the value it holds", async () => {
    const store = await open();
    expect(await store.setIfAbsent("lock:x", "a", 60_000)).toBe(true);
    expect(await store.setIfAbsent("lock:x", "b", 60_000)).toBe(false);
    expect(await store.renewIfHolds("lock:x", "b", 60_000)).toBe(false);
    expect(await store.renewIfHolds("lock:x", "a", 60_000)).toBe(true);
    expect(await store.deleteIfHolds("lock:x", "b")).toBe(false);
    expect(await store.deleteIfHolds("lock:x", "a")).toBe(true);
    expect(await store.get("lock:x")).toBeUndefined();
  });

  it("counts a sliding window: full at the limit, free again as the oldest event leaves it", async () => {
    const store = await open();
    const key = `rate:q:${Math.random()}`;
    expect((await store.hit(key, 2, 400)).allowed).toBe(true);
    await pause(200);
    expect((await store.hit(key, 2, 400)).allowed).toBe(true);
    const refused = await store.hit(key, 2, 400);
    expect(refused.allowed).toBe(false);
    expect(refused.retryInMs).toBeGreaterThan(100);
    expect(refused.retryInMs).toBeLessThanOrEqual(220);
    // The first event has left the window, the second has not: one more fits, then none.
    await pause(refused.retryInMs + 30);
    expect((await store.hit(key, 2, 400)).allowed).toBe(true);
    expect((await store.hit(key, 2, 400)).allowed).toBe(false);
  });

  it("lists the members of a group until each expires", async () => {
    const store = await open();
    await store.remember("instances", "a", "1", 60_000);
    await store.remember("instances", "b", "2", 100);
    await pause(200);
    expect([...(await store.members("instances"))]).toEqual([["a", "1"]]);
  });

  it("delivers a published message to its subscribers", async () => {
    const store = await open();
    const received: string[] = [];
    await store.subscribe("index-published", (message) => received.push(message));
    // A subscription is made on its own connection: give it a moment.
    await pause(100);
    await store.publish("index-published", "build-1");
    for (let i = 0; i < 50 && received.length === 0; i += 1) await pause(20);
    expect(received).toEqual(["build-1"]);
  });

  it("lets one instance hold the rebuild lock, and names it", async () => {
    const store = await open();
    const held = await acquireRebuildLock(store, "bot-a");
    expect(held).toBeDefined();
    expect(await acquireRebuildLock(store, "bot-b")).toBeUndefined();
    expect(await rebuildHolder(store)).toBe("bot-a");
    await held!.release();
    const next = await acquireRebuildLock(store, "bot-b");
    expect(next).toBeDefined();
    await next!.release();
  });

  it("gives the feed turn to one instance, keeps it in the reader's name until its next round, and to another after that", async () => {
    const store = await open();
    const a = await takeFeedTurn(store, "bot-a");
    expect(a).toBeDefined();
    expect(await takeFeedTurn(store, "bot-b")).toBeUndefined();
    // The round is over; its interval (here 300 ms) is not.
    await a!.release(300);
    expect(await takeFeedTurn(store, "bot-b")).toBeUndefined();
    const again = await takeFeedTurn(store, "bot-a");
    expect(again).toBeDefined();
    await again!.release(100);
    await pause(200);
    const b = await takeFeedTurn(store, "bot-b");
    expect(b).toBeDefined();
    await b!.release();
  });

  it("lists the instances that beat, and drops one soon after it stops", async () => {
    const store = await open();
    const a = startHeartbeat(store, { name: "bot-a", startedAt: "2026-01-01T00:00:00.000Z" });
    const b = startHeartbeat(store, { name: "bot-b", startedAt: "2026-01-01T00:00:00.000Z" });
    await pause(50);
    expect((await knownInstances(store)).map((instance) => instance.name)).toEqual(["bot-a", "bot-b"]);
    await b.stop();
    await pause(1100);
    expect((await knownInstances(store)).map((instance) => instance.name)).toEqual(["bot-a"]);
    await a.stop();
  });
});

describe("the memory state store", () => {
  it("holds at most its limit per namespace, forgetting the key set longest ago, and leaves other namespaces be", async () => {
    const store = new MemoryStateStore(2);
    await store.set("vote:1", "v", 60_000);
    for (const chat of ["a", "b", "c"]) await store.set(`chat:${chat}`, chat, 60_000);
    expect(await store.get("chat:a")).toBeUndefined();
    expect(await store.get("chat:c")).toBe("c");
    expect(await store.get("vote:1")).toBe("v");
  });
});
