import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { createBot } from "../../src/bot/create-bot.js";
import { RebuildInProgressError } from "../../src/errors.js";
import { BackgroundRebuild } from "../../src/import/background-rebuild.js";
import { createLogger } from "../../src/logger.js";
import { AnswerPipeline, ensureFreshIndex } from "../../src/pipeline/answer-pipeline.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { followSharedIndex, INDEX_CHANNEL } from "../../src/state/index-sync.js";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { REBUILD_LOCK, acquireRebuildLock, rebuildHolder } from "../../src/state/rebuild-lock.js";
import { RedisStateStore } from "../../src/state/redis-state-store.js";
import type { StateStore } from "../../src/state/state-store.js";
import { TEST_BOT, TEST_TOKEN } from "../support/bot-api-stand-in.js";
import { REDIS_URL, redisStore, sharedStoreKinds, testPrefix } from "../support/redis-test.js";
import { TcpFaultProxy } from "../support/tcp-fault-proxy.js";
import { ADMIN, fakeBotApi, textUpdate } from "../support/telegram-updates.js";
import { cleanupsAfterEach, seedPipelineOptions, silentLogger } from "../support/workspace.js";

const prefix = testPrefix();
const cleanups = cleanupsAfterEach();

const BOOK_FAIR = "---\ntitle: معرض الكتاب في الرباط\ndate: 2026-01\n---\n\nافتتح معرض الكتاب الدولي في الرباط أبوابه بمشاركة ألف ناشر.\n";
/** Short, so that a test waits for the lock in a few rounds; nothing asserted depends on it. */
const RETRY_MS = 20;

const until = async (condition: () => boolean, ms = 10_000) => {
  for (const deadline = Date.now() + ms; !condition() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
};

function capturedLog() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", format: "json", destination: new Writable({ write: (chunk, _encoding, done) => (lines.push(chunk.toString()), done()) }) });
  return { logger, text: () => lines.join("") };
}

/**
 * Two instances' index holders on one corpus and one index folder (built with the seed article), after an
 * import wrote a second article to the corpus; `builds` counts A's rebuilds.
 */
async function twoInstancesAfterAnImport() {
  const options = seedPipelineOptions();
  await ensureFreshIndex(options);
  const a = new IndexHolder(await AnswerPipeline.open(options), options);
  const b = new IndexHolder(await AnswerPipeline.open(options), options);
  writeFileSync(join(options.corpusDir, "2026-01-book-fair.md"), BOOK_FAIR);
  const counted = { builds: 0 };
  const questionsA = { isRebuilding: false, rebuild: () => ((counted.builds += 1), a.rebuild()) };
  return { options, a, b, questionsA, counted };
}

/** A store that counts the attempts to take the rebuild lock through it. */
function countingLockAttempts(store: StateStore) {
  const attempts = { count: 0 };
  const counting = Object.create(store, {
    setIfAbsent: { value: (key: string, value: string, ttlMs: number) => ((attempts.count += key === REBUILD_LOCK.key ? 1 : 0), store.setIfAbsent(key, value, ttlMs)) },
  }) as StateStore;
  return { store: counting, attempts };
}

const shared = sharedStoreKinds(prefix);

describe.each(shared)("the rebuild after an import, two instances sharing %s", (_, open) => {
  it("waits while another instance holds the rebuild lock, and builds once it is released", async () => {
    const [storeA, storeB] = await open();
    const { a, questionsA, counted } = await twoInstancesAfterAnImport();
    const { store, attempts } = countingLockAttempts(storeA);
    const held = (await acquireRebuildLock(storeB, "inst-b"))!;
    const rebuild = new BackgroundRebuild(questionsA, silentLogger, { store, instanceName: "inst-a", busyRetryMs: RETRY_MS });
    const done = rebuild.request("/add 1 article(s)");
    // It has looked for the lock three times and found it held: it has not built.
    expect(await until(() => attempts.count >= 3)).toBe(true);
    expect(counted.builds).toBe(0);
    expect(a.manifest.corpus.articles).toBe(1);
    await held.release();
    expect(await done).toBe(true);
    expect(counted.builds).toBe(1);
    expect(a.manifest.corpus.articles).toBe(2);
    expect(await rebuildHolder(storeB)).toBeUndefined();
  });

  it("holds the lock /reindex takes while it builds: a /reindex sent to the other instance is told a rebuild runs elsewhere", async () => {
    const [storeA, storeB] = await open();
    const { b, questionsA } = await twoInstancesAfterAnImport();
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const building = { started: false };
    const gated = { isRebuilding: false, rebuild: async () => ((building.started = true), await gate, questionsA.rebuild()) };
    const done = new BackgroundRebuild(gated, silentLogger, { store: storeA, instanceName: "inst-a", busyRetryMs: RETRY_MS }).request("2 article(s) from feeds");
    expect(await until(() => building.started)).toBe(true);
    expect(await rebuildHolder(storeB)).toBe("inst-a");
    const api = fakeBotApi();
    const { bot } = createBot(TEST_TOKEN, { questions: b, logger: silentLogger, adminUserIds: [ADMIN.id], botInfo: TEST_BOT, innerTransformers: [api.transformer], store: storeB, instanceName: "inst-b" });
    await bot.handleUpdate(textUpdate("/reindex", { from: ADMIN }) as Update);
    expect(api.sent().map((call) => call.payload.text)).toEqual([BOT_TEXT.reindexBusyElsewhere]);
    letGo();
    expect(await done).toBe(true);
  });

  it("announces the new build, and the other instance swaps it in without waiting for its minute's look", async () => {
    const [storeA, storeB] = await open();
    const { a, b, questionsA } = await twoInstancesAfterAnImport();
    const announcements: string[] = [];
    await storeB.subscribe(INDEX_CHANNEL, (message) => announcements.push(message));
    // B looks at the folder by itself only every minute: within the wait below, only the announcement moves it.
    const follow = followSharedIndex(storeB, b, "inst-b", silentLogger);
    cleanups.push(() => follow.stop());
    await follow.listening;
    expect(await new BackgroundRebuild(questionsA, silentLogger, { store: storeA, instanceName: "inst-a" }).request("/add 1 article(s)")).toBe(true);
    expect(await until(() => announcements.length > 0, 5000)).toBe(true);
    expect(JSON.parse(announcements[0]!)).toEqual({ instance: "inst-a", builtAt: a.manifest.builtAt });
    expect(await until(() => b.manifest.corpus.articles === 2, 5000)).toBe(true);
    expect((await b.answer("كم ناشرا شارك في معرض الكتاب في الرباط؟")).text).toContain("ألف ناشر");
  });

  it("releases the lock after a failed build, keeps the index in use, and says why in the log", async () => {
    const [storeA, storeB] = await open();
    const { options, a, questionsA } = await twoInstancesAfterAnImport();
    rmSync(options.corpusDir, { recursive: true, force: true });
    const { logger, text } = capturedLog();
    const { store, attempts } = countingLockAttempts(storeA);
    expect(await new BackgroundRebuild(questionsA, logger, { store, instanceName: "inst-a" }).request("/add 1 article(s)")).toBe(false);
    expect(attempts.count).toBe(1);
    expect(text()).toContain("index rebuild after import failed; the previous index stays in use");
    expect(await rebuildHolder(storeB)).toBeUndefined();
    const next = await acquireRebuildLock(storeB, "inst-b");
    expect(next).toBeDefined();
    await next!.release();
    expect((await a.answer("أين يقام منتدى IGEF 2025؟")).text).toContain("أنقرة");
  });
});

describe("the rebuild after an import, without the shared state", () => {
  it("still rebuilds when the store cannot be reached, and logs that it built without the lock", async () => {
    // Redis down: the store's address answers nothing (a closed proxy), so every command fails fast.
    const proxy = await TcpFaultProxy.start({ host: "127.0.0.1", port: 6379 }, { down: true });
    const store = new RedisStateStore({ url: proxy.url, keyPrefix: `${prefix}down:`, timeoutMs: 200, logger: silentLogger });
    cleanups.push(() => store.close());
    const { a, questionsA, counted } = await twoInstancesAfterAnImport();
    const { logger, text } = capturedLog();
    expect(await new BackgroundRebuild(questionsA, logger, { store, instanceName: "inst-a", busyRetryMs: RETRY_MS }).request("/add 1 article(s)")).toBe(true);
    expect(counted.builds).toBe(1);
    expect(a.manifest.corpus.articles).toBe(2);
    expect(text()).toContain("rebuilding the index after import without the rebuild lock (state store unavailable)");
    expect(text()).toContain("new index not announced (state store unavailable)");
    expect(text()).toContain("index rebuilt after import");
  });

  it("folds requests made during a rebuild into one more rebuild, and waits out an admin's /reindex", async () => {
    let rebuilds = 0;
    let busy = 1;
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const questions = {
      isRebuilding: false,
      rebuild: async () => {
        if (busy-- > 0) throw new RebuildInProgressError();
        rebuilds += 1;
        if (rebuilds === 1) await gate;
        return { manifest: { builtAt: `build-${rebuilds}`, corpus: { articles: 1, chunks: 1, problems: [] }, buildSeconds: 0 } } as never;
      },
    };
    const rebuild = new BackgroundRebuild(questions, silentLogger, { busyRetryMs: RETRY_MS });
    const first = rebuild.request("a");
    // Past the /reindex it waited out, and into its own rebuild.
    expect(await until(() => rebuilds === 1)).toBe(true);
    const second = rebuild.request("b");
    const third = rebuild.request("c");
    letGo();
    expect(await Promise.all([first, second, third])).toEqual([true, true, true]);
    expect(rebuilds).toBe(2);
  });

  it("gives up waiting for the lock when stopped, and builds nothing", async () => {
    const store = new MemoryStateStore();
    const { questionsA, counted } = await twoInstancesAfterAnImport();
    const { store: counting, attempts } = countingLockAttempts(store);
    const held = (await acquireRebuildLock(store, "inst-b"))!;
    const rebuild = new BackgroundRebuild(questionsA, silentLogger, { store: counting, instanceName: "inst-a", busyRetryMs: RETRY_MS });
    const done = rebuild.request("/add 1 article(s)");
    expect(await until(() => attempts.count >= 1)).toBe(true);
    rebuild.stop();
    expect(await done).toBe(false);
    await held.release();
    expect(counted.builds).toBe(0);
  });
});
