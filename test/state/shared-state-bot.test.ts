import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import { NOT_IN_SOURCES } from "../../src/answer/compose-answer.js";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { createBot } from "../../src/bot/create-bot.js";
import { drain } from "../../src/bot/run-polling.js";
import type { FeedbackRecord } from "../../src/feedback/feedback-log.js";
import { createLogger } from "../../src/logger.js";
import { AnswerPipeline, ensureFreshIndex, type PipelineOptions } from "../../src/pipeline/answer-pipeline.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { followSharedIndex } from "../../src/state/index-sync.js";
import { startHeartbeat } from "../../src/state/instance-registry.js";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { RedisStateStore } from "../../src/state/redis-state-store.js";
import type { StateStore } from "../../src/state/state-store.js";
import { REDIS_URL, redisStore, sharedStoreKinds, testPrefix } from "../support/redis-test.js";
import { TcpFaultProxy } from "../support/tcp-fault-proxy.js";
import { TEST_BOT, TEST_TOKEN } from "../support/bot-api-stand-in.js";
import { ADMIN, ALICE, callbackQueryUpdate, fakeBotApi, textUpdate } from "../support/telegram-updates.js";
import { cleanupsAfterEach, seedCorpus, seedPipelineOptions, temporaryFolder } from "../support/workspace.js";

const prefix = testPrefix();
let options: PipelineOptions;
let holder: IndexHolder;
beforeAll(async () => {
  options = seedPipelineOptions();
  await ensureFreshIndex(options);
  holder = new IndexHolder(await AnswerPipeline.open(options), options);
});

const cleanups = cleanupsAfterEach();

/** A log captured as lines. */
function capturedLog() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", format: "json", destination: new Writable({ write: (chunk, _encoding, done) => (lines.push(chunk.toString()), done()) }) });
  return { logger, lines };
}

/**
 * Instances of the bot as Telegram meets them: one Bot API (one message id sequence), and each instance its
 * own bot, own log and own handle on the shared store.
 */
function instances(stores: readonly StateStore[], questions: IndexHolder[] = stores.map(() => holder), extra: { rateLimit?: { limit: number; windowMs: number } } = {}) {
  const api = fakeBotApi();
  const votes: FeedbackRecord[] = [];
  const bots = stores.map((store, i) => {
    const { logger, lines } = capturedLog();
    const { bot, inFlight } = createBot(TEST_TOKEN, {
      questions: questions[i]!,
      logger,
      adminUserIds: [ADMIN.id],
      botInfo: TEST_BOT,
      innerTransformers: [api.transformer],
      feedback: { record: async (entry) => void votes.push(entry) },
      store,
      instanceName: `bot-${"abc"[i]}`,
      ...extra,
    });
    return { send: (update: ReturnType<typeof textUpdate>) => bot.handleUpdate(update as Update), inFlight, log: lines };
  });
  const texts = () => api.sent().map((call) => call.payload.text as string);
  return { api, bots, votes, texts };
}

type Keyboard = { inline_keyboard: Array<Array<{ callback_data: string }>> };

const shared = sharedStoreKinds(prefix);
/** Prefixes of the proxied stores below, apart from sharedStoreKinds's. */
let proxied = 0;

describe.each(shared)("two instances sharing %s", (_, open) => {
  it("reads a follow-up asked on B with the question asked on A, and a reply to A's answer on B with its question", async () => {
    const { bots, texts, api } = instances(await open());
    const [a, b] = bots;
    await a!.send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await b!.send(textUpdate("ومتى؟"));
    expect(texts()[1]!.split("\n")[0]).toBe("\u200F(قرأت سؤالك تتمةً لسؤالك السابق: «أين يقام منتدى IGEF 2025؟»)");
    expect(texts()[1]).toContain("18 إلى 20 شتنبر");
    // In a group, Alice asks on A; another member replies «ومتى؟» to A's answer, and B reads it with her question.
    await a!.send(textUpdate("/ask@isnad_test_bot أين يقام منتدى IGEF 2025؟", { chat: "group" }));
    const answerOnA = api.sent()[2]!.messageId!;
    await b!.send(textUpdate("ومتى؟", { chat: "group", from: ADMIN, replyTo: { fromBot: true, messageId: answerOnA } }));
    expect(texts()[3]).toContain("18 إلى 20 شتنبر");
  });

  it("records a vote once when its buttons are pressed on both instances", async () => {
    const { bots, api, votes } = instances(await open());
    const [a, b] = bots;
    await a!.send(textUpdate("مع من التقى حموشي خلال زيارته إلى تركيا؟"));
    const sent = api.sent()[0]!;
    const [useful] = (sent.payload.reply_markup as Keyboard).inline_keyboard.flat();
    await Promise.all([b!.send(callbackQueryUpdate(useful!.callback_data, { chatId: ALICE.id, messageId: sent.messageId! })), a!.send(callbackQueryUpdate(useful!.callback_data, { chatId: ALICE.id, messageId: sent.messageId! }))]);
    expect(votes).toHaveLength(1);
    const notices = api.calls.filter((call) => call.method === "answerCallbackQuery").map((call) => call.payload.text);
    expect(notices.sort()).toEqual([BOT_TEXT.feedbackExpired, BOT_TEXT.feedbackThanks].sort());
  });

  it("counts a reader's questions across the instances, with one notice", async () => {
    const { bots, texts } = instances(await open(), undefined, { rateLimit: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 6; i += 1) await bots[i % 2]!.send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(texts().map((text) => (text === BOT_TEXT.rateLimited ? "notice" : "answer"))).toEqual(["answer", "answer", "answer", "notice"]);
  });

  it("builds once on /reindex sent to both, and both answer from the new index; /status names both instances", async () => {
    const stores = await open();
    const corpusDir = seedCorpus();
    const own = { ...options, corpusDir, indexDir: temporaryFolder() };
    await ensureFreshIndex(own);
    const holders = [new IndexHolder(await AnswerPipeline.open(own), own), new IndexHolder(await AnswerPipeline.open(own), own)];
    const { bots, texts } = instances(stores, holders);
    const { logger } = capturedLog();
    const sync = followSharedIndex(stores[1]!, holders[1]!, "bot-b", logger);
    cleanups.push(() => sync.stop());
    const beats = stores.map((store, i) => startHeartbeat(store, { name: `bot-${"ab"[i]}`, startedAt: new Date().toISOString() }));
    cleanups.push(() => Promise.all(beats.map((beat) => beat.stop())));
    await sync.listening;
    writeFileSync(join(corpusDir, "2026-01-book-fair.md"), "---\ntitle: معرض الكتاب في الرباط\ndate: 2026-01\n---\n\nافتتح معرض الكتاب الدولي في الرباط أبوابه بمشاركة ألف ناشر.\n");
    await Promise.all([bots[0]!.send(textUpdate("/reindex", { from: ADMIN })), bots[1]!.send(textUpdate("/reindex", { from: ADMIN }))]);
    expect(texts().sort()).toEqual([BOT_TEXT.reindexStarted, BOT_TEXT.reindexBusyElsewhere].sort());
    await Promise.all(bots.map((bot) => drain(bot.inFlight, 10_000)));
    expect(texts().filter((text) => text.startsWith("اكتملت إعادة البناء"))).toHaveLength(1);
    // B hears the announcement and opens the new build.
    for (let i = 0; i < 100 && holders[1]!.manifest.corpus.articles !== 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const bot of bots) await bot.send(textUpdate("كم ناشرا شارك في معرض الكتاب في الرباط؟", { from: ADMIN }));
    expect(texts().slice(-2).every((text) => text.includes("ألف ناشر"))).toBe(true);
    await bots[1]!.send(textUpdate("/status", { from: ADMIN }));
    expect(texts().at(-1)).toContain("• النسخ العاملة 2: bot-a، bot-b (هذه)");
  });
});

describe("Redis faults", () => {
  it("say, without Redis, that the instances cannot share: two memory stores keep their readers apart", async () => {
    // The baseline these faults fall back to, and why REDIS_URL exists: each instance alone.
    const { bots, texts } = instances([new MemoryStateStore(), new MemoryStateStore()]);
    await bots[0]!.send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await bots[1]!.send(textUpdate("ومتى؟"));
    expect(texts()[1]).not.toContain("قرأت سؤالك تتمةً");
  });

  if (!REDIS_URL) return;
  const redisPort = Number(new URL(REDIS_URL).port || 6379);
  const redisHost = new URL(REDIS_URL).hostname;

  /** Bots on Redis through a fault proxy, each with its own client. */
  async function behindProxy(options: { down?: boolean; timeoutMs?: number } = {}) {
    const proxy = await TcpFaultProxy.start({ host: redisHost, port: redisPort }, options);
    cleanups.push(() => proxy.cut());
    const keys = `${prefix}proxied-${(proxied += 1)}:`;
    const { logger, lines } = capturedLog();
    const stores = [0, 1].map(() => new RedisStateStore({ url: proxy.url, keyPrefix: keys, timeoutMs: options.timeoutMs ?? 300, logger }));
    cleanups.push(() => Promise.all(stores.map((store) => store.close())));
    return { proxy, stores, log: lines, ...instances(stores) };
  }
  const followUpWorks = async (bots: ReturnType<typeof instances>["bots"], texts: () => string[]) => {
    await bots[0]!.send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await bots[1]!.send(textUpdate("ومتى؟"));
    return texts().at(-1)!.includes("قرأت سؤالك تتمةً");
  };

  it("start without Redis, answer meanwhile (follow-ups on their own, no vote buttons), and use it when it comes up", async () => {
    const { proxy, stores, bots, texts, api, log } = await behindProxy({ down: true });
    expect(await stores[0]!.ready(300)).toBe(false);
    expect(await followUpWorks(bots, texts)).toBe(false);
    expect(texts()[0]).toContain("أنقرة");
    expect(api.sent()[0]!.payload.reply_markup).toBeUndefined();
    expect(log.join("")).toContain("shared state (Redis) unavailable");
    expect(bots[0]!.log.join("")).toContain("state store unavailable: the answer goes without vote buttons");
    await proxy.restore();
    expect(await stores[0]!.ready(5000)).toBe(true);
    expect(await stores[1]!.ready(5000)).toBe(true);
    expect(await followUpWorks(bots, texts)).toBe(true);
    expect(api.sent().at(-1)!.payload.reply_markup).toBeDefined();
  });

  it("keep answering when Redis is lost while running, and share again when it is back, without a restart", async () => {
    const { proxy, stores, bots, texts, log } = await behindProxy();
    for (const store of stores) expect(await store.ready(2000)).toBe(true);
    expect(await followUpWorks(bots, texts)).toBe(true);
    await proxy.cut();
    const before = texts().length;
    expect(await followUpWorks(bots, texts)).toBe(false);
    expect(texts().length).toBe(before + 2);
    expect(texts().at(-2)).toContain("أنقرة");
    expect(log.join("")).toContain("shared state (Redis) unavailable");
    await proxy.restore();
    for (const store of stores) expect(await store.ready(5000)).toBe(true);
    expect(log.join("")).toContain("shared state (Redis) is back");
    expect(await followUpWorks(bots, texts)).toBe(true);
  });

  it("answer within a bounded delay when Redis is slow, following up on their own", async () => {
    const { proxy, stores, bots, texts } = await behindProxy({ timeoutMs: 200 });
    for (const store of stores) expect(await store.ready(2000)).toBe(true);
    proxy.delayMs = 2000;
    const started = Date.now();
    expect(await followUpWorks(bots, texts)).toBe(false);
    // Two questions, each waiting for at most a few 200 ms timeouts, never the 2 s Redis takes.
    expect(Date.now() - started).toBeLessThan(2 * 6 * 200 + 1000);
    expect(texts().at(-2)).toContain("أنقرة");
    expect(texts().at(-1)).toContain(NOT_IN_SOURCES);
    expect(bots[1]!.log.join("")).toContain("Command timed out");
  });
});
