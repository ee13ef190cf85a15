import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { User } from "grammy/types";
import { describe, expect, it } from "vitest";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { ensureFreshIndex } from "../../src/pipeline/answer-pipeline.js";
import { BotApiStandIn } from "../support/bot-api-stand-in.js";
import { deliverUpdate, startInstance, type RunningInstance, type SharedSetup } from "../support/bot-instances.js";
import { REDIS_URL, testPrefix } from "../support/redis-test.js";
import { RoundRobinProxy } from "../support/round-robin-proxy.js";
import { ADMIN, ALICE, callbackQueryUpdate, textUpdate } from "../support/telegram-updates.js";
import { cleanupsAfterEach, seedCorpus, seedPipelineOptions, temporaryFolder } from "../support/workspace.js";

const prefix = testPrefix();
const cleanups = cleanupsAfterEach();

const reader = (id: number): User => ({ id, is_bot: false, first_name: `قارئ ${id}` });
const FOLLOW_UP_NOTE = "قرأت سؤالك تتمةً";

/**
 * `count` instances of the real bot in webhook mode, behind a round-robin proxy on loopback, on one Bot API
 * stand-in, one corpus and one index folder (built before they start), and Redis when `redis` is set.
 */
async function cluster(count: number, redis: boolean) {
  const standIn = await BotApiStandIn.start();
  cleanups.push(() => standIn.close());
  const options = { ...seedPipelineOptions(), corpusDir: seedCorpus() };
  await ensureFreshIndex(options);
  const setup: SharedSetup = {
    apiRoot: standIn.apiRoot,
    corpusDir: options.corpusDir,
    indexDir: options.indexDir,
    cwd: temporaryFolder("isnad-cwd-"),
    feedbackFile: join(temporaryFolder(), "votes.jsonl"),
    adminUserIds: [ADMIN.id],
    ...(redis ? { redisUrl: REDIS_URL!, keyPrefix: `${prefix}${count}:` } : {}),
  };
  const names = ["inst-a", "inst-b", "inst-c"].slice(0, count);
  const instances: RunningInstance[] = await Promise.all(names.map((name) => startInstance(name, setup)));
  for (const instance of instances) {
    cleanups.push(async () => {
      if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
      await instance.exited;
    });
  }
  const proxy = await RoundRobinProxy.start(instances.map((instance) => instance.url));
  cleanups.push(() => proxy.close());
  /** Posts an update through the proxy as Telegram would, and waits for the instance's answer to it. */
  const deliver = async (update: ReturnType<typeof textUpdate>) => expect(await deliverUpdate(proxy.url, update)).toBe(200);
  const textsTo = (chatId: number) => standIn.sent().filter((call) => call.payload.chat_id === chatId).map((call) => call.payload.text as string);
  return { standIn, setup, instances, proxy, deliver, textsTo };
}

describe("several instances of the bot behind one webhook address", () => {
  it("without Redis, each instance keeps its own state: a follow-up that reaches another instance is read on its own", async () => {
    const { deliver, textsTo, proxy } = await cluster(2, false);
    await deliver(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await deliver(textUpdate("ومتى؟"));
    expect(proxy.served).toEqual([0, 1]);
    expect(textsTo(ALICE.id)[1]).not.toContain(FOLLOW_UP_NOTE);
  });

  if (!REDIS_URL) return;

  it("with Redis, three instances are one bot to its readers, and stopping one loses no question", async () => {
    const { standIn, setup, instances, deliver, textsTo, proxy } = await cluster(3, true);

    // A follow-up reaches another instance than its question, and is read with it.
    await deliver(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await deliver(textUpdate("ومتى؟"));
    expect(new Set(proxy.served.slice(-2)).size).toBe(2);
    expect(textsTo(ALICE.id)[1]).toContain(FOLLOW_UP_NOTE);
    expect(textsTo(ALICE.id)[1]).toContain("18 إلى 20 شتنبر");

    // A vote pressed on two instances for an answer one of them sent is recorded once.
    const answer = standIn.sent().find((call) => call.payload.chat_id === ALICE.id)!;
    const data = (answer.payload.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> }).inline_keyboard[0]![0]!.callback_data;
    const messageId = 1000 + standIn.sent().indexOf(answer);
    await Promise.all([deliver(callbackQueryUpdate(data, { chatId: ALICE.id, messageId })), deliver(callbackQueryUpdate(data, { chatId: ALICE.id, messageId }))]);
    expect(readFileSync(setup.feedbackFile!, "utf8").trim().split("\n")).toHaveLength(1);
    const notices = standIn.sent("answerCallbackQuery").map((call) => call.payload.text);
    expect(notices.sort()).toEqual([BOT_TEXT.feedbackExpired, BOT_TEXT.feedbackThanks].sort());

    // The rate limit counts a reader across the instances: 8 answers, one notice, then silence.
    const bob = reader(2002);
    for (let i = 0; i < 11; i += 1) await deliver(textUpdate("أين يقام منتدى IGEF 2025؟", { from: bob }));
    expect(textsTo(bob.id).map((text) => (text === BOT_TEXT.rateLimited ? "notice" : "answer"))).toEqual([...Array(8).fill("answer"), "notice"]);

    // /status names the three instances.
    await deliver(textUpdate("/status", { from: ADMIN }));
    expect(textsTo(ADMIN.id).at(-1)).toMatch(/النسخ العاملة 3: inst-a.*، inst-b.*، inst-c/u);

    // /reindex sent to two instances at once builds once; every instance then answers from the new index.
    writeFileSync(join(setup.corpusDir, "2026-01-book-fair.md"), "---\ntitle: معرض الكتاب في الرباط\ndate: 2026-01\n---\n\nافتتح معرض الكتاب الدولي في الرباط أبوابه بمشاركة ألف ناشر.\n");
    await Promise.all([deliver(textUpdate("/reindex", { from: ADMIN })), deliver(textUpdate("/reindex", { from: ADMIN }))]);
    await standIn.waitFor(() => textsTo(ADMIN.id).some((text) => text.startsWith("اكتملت إعادة البناء")), 30_000);
    expect(textsTo(ADMIN.id).slice(1, 3).sort()).toEqual([BOT_TEXT.reindexStarted, BOT_TEXT.reindexBusyElsewhere].sort());
    // The two instances that did not build swap the published index in when told: wait for that, not for a
    // fixed time (under load a fixed wait was too short once).
    const swapped = () => instances.filter((instance) => instance.output().includes("index swapped to the one published in the shared folder")).length;
    await standIn.waitFor(() => swapped() === 2, 30_000);
    const carol = reader(3003);
    for (let i = 0; i < 3; i += 1) await deliver(textUpdate("كم ناشرا شارك في معرض الكتاب في الرباط؟", { from: carol }));
    expect(textsTo(carol.id).filter((text) => text.includes("ألف ناشر"))).toHaveLength(3);
    expect(instances.map((instance) => instance.output().match(/"msg":"index rebuilt"/gu)?.length ?? 0).reduce((a, b) => a + b)).toBe(1);

    // 30 readers ask, five at a time; one instance is stopped after the tenth: every question is answered once.
    const readers = Array.from({ length: 30 }, (_, i) => reader(5000 + i));
    let posted = 0;
    const stopped = (async () => {
      while (posted < 10) await new Promise((resolve) => setTimeout(resolve, 10));
      instances[1]!.child.kill("SIGTERM");
      return instances[1]!.exited;
    })();
    const queue = [...readers];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          posted += 1;
          await deliver(textUpdate("مع من التقى حموشي خلال زيارته إلى تركيا؟", { from: next }));
        }
      }),
    );
    expect(await stopped).toBe(0);
    // The stopped instance took its share until the signal, and the other two the rest.
    const lastThirty = proxy.served.slice(-30);
    expect(lastThirty.filter((index) => index === 1).length).toBeLessThan(10);
    expect(lastThirty.slice(-10)).not.toContain(1);
    expect(instances[1]!.output()).toContain('"msg":"stopped"');
    for (const one of readers) expect(textsTo(one.id)).toHaveLength(1);
    expect(readers.every((one) => textsTo(one.id)[0]!.includes("محمود ديميرتاش"))).toBe(true);
  });
});
