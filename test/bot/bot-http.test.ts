import type { AddressInfo } from "node:net";
import type { RunnerHandle } from "@grammyjs/runner";
import { beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { drain, startPolling } from "../../src/bot/run-polling.js";
import { startWebhook } from "../../src/bot/webhook-server.js";
import { IndexHolder, type QuestionService } from "../../src/pipeline/index-holder.js";
import { BotApiStandIn, TEST_TOKEN } from "../support/bot-api-stand-in.js";
import { spawnBot } from "../support/bot-process.js";
import { ADMIN, ALICE, inlineQueryUpdate, textUpdate } from "../support/telegram-updates.js";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { cleanupsAfterEach, openSeedHolder, seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

let holder: IndexHolder;
beforeAll(async () => {
  holder = await openSeedHolder();
});

const cleanups = cleanupsAfterEach();

/** The bot long-polling the stand-in over HTTP, in this process. */
async function pollingBot(questions: QuestionService = holder) {
  const standIn = await BotApiStandIn.start();
  cleanups.push(() => standIn.close());
  const { bot, inFlight } = createBot(TEST_TOKEN, { questions, logger: silentLogger, adminUserIds: [], apiRoot: standIn.apiRoot });
  return { standIn, bot, inFlight };
}

async function startedPolling(questions?: QuestionService) {
  const setup = await pollingBot(questions);
  const { runner } = await startPolling(setup.bot, { logger: silentLogger, adminUserIds: [] });
  cleanups.push(async () => runner.isRunning() && runner.stop());
  return { ...setup, runner };
}

describe("the bot over HTTP against a Bot API stand-in", () => {
  it("identifies itself, registers Arabic commands, and answers a question with its citation", async () => {
    const { standIn } = await startedPolling();
    standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await standIn.waitFor(() => standIn.sent().length === 1);
    expect(standIn.calls.map((call) => call.method).slice(0, 3)).toEqual(["getMe", "deleteWebhook", "setMyCommands"]);
    expect(JSON.stringify(standIn.sent("setMyCommands")[0]!.payload)).toContain("اطرح سؤالا");
    const text = standIn.sent()[0]!.payload.text as string;
    expect(text).toContain("أنقرة");
    expect(text).toContain("[1] عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(standIn.calls.filter((call) => call.rejected)).toEqual([]);
  });

  it("asks Telegram for inline queries and button presses too, and answers one with a result the server accepts", async () => {
    const { standIn } = await startedPolling();
    standIn.push(inlineQueryUpdate("أين يقام منتدى IGEF 2025؟"));
    await standIn.waitFor(() => standIn.calls.some((call) => call.method === "answerInlineQuery"));
    const poll = standIn.calls.find((call) => call.method === "getUpdates")!;
    expect(poll.payload.allowed_updates).toEqual(["message", "edited_message", "inline_query", "callback_query"]);
    const answer = standIn.calls.find((call) => call.method === "answerInlineQuery")!;
    expect(answer.rejected).toBeUndefined();
    expect(JSON.stringify(answer.payload)).toContain("أنقرة");
  });

  it("keeps group etiquette: silent when not addressed, a reply when addressed", async () => {
    const { standIn } = await startedPolling();
    standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟", { chat: "group" }));
    const addressed = textUpdate("/ask@isnad_test_bot أين يقام منتدى IGEF 2025؟", { chat: "group" });
    standIn.push(addressed);
    await standIn.waitFor(() => standIn.sent().length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standIn.sent()).toHaveLength(1);
    expect((standIn.sent()[0]!.payload.reply_parameters as { message_id: number }).message_id).toBe(addressed.message!.message_id);
  });

  it("answers hostile markup with a message the server accepts", async () => {
    const { standIn } = await startedPolling();
    standIn.push(textUpdate("</blockquote><b>أين يقام & منتدى IGEF 2025؟ <a href='x'>"));
    await standIn.waitFor(() => standIn.calls.some((call) => call.method === "sendMessage"));
    expect(standIn.calls.filter((call) => call.rejected)).toEqual([]);
    expect(standIn.sent()).toHaveLength(1);
  });

  it("waits out a 429 and then delivers the answer", async () => {
    const { standIn } = await startedPolling();
    standIn.fail("sendMessage", { status: 429, retryAfter: 1 });
    standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await standIn.waitFor(() => standIn.sent().length === 1);
    const attempts = standIn.calls.filter((call) => call.method === "sendMessage");
    expect(attempts.map((call) => Boolean(call.rejected))).toEqual([true, false]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it.each([
    ["a 502 on getUpdates", { status: 502 } as const],
    ["a dropped connection on getUpdates", { drop: true } as const],
  ])("recovers from %s", async (_, fault) => {
    const { standIn, bot } = await pollingBot();
    standIn.fail("getUpdates", fault);
    const { runner } = await startPolling(bot, { logger: silentLogger, adminUserIds: [] });
    cleanups.push(async () => runner.isRunning() && runner.stop());
    standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await standIn.waitFor(() => standIn.sent().length === 1);
    expect(standIn.calls.filter((call) => call.method === "getUpdates" && call.rejected)).toHaveLength(1);
  });

  it("answers a burst of 50 questions from one reader with 8 answers and one polite notice, and keeps answering others", async () => {
    const { standIn } = await startedPolling();
    for (let i = 0; i < 50; i += 1) standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟"));
    standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟", { from: ADMIN }));
    await standIn.waitFor(() => standIn.sent().length >= 10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const toAlice = standIn.sent().filter((call) => call.payload.chat_id === ALICE.id);
    expect(toAlice.filter((call) => call.payload.text === BOT_TEXT.rateLimited)).toHaveLength(1);
    expect(toAlice.filter((call) => String(call.payload.text).includes("أنقرة"))).toHaveLength(8);
    expect(toAlice).toHaveLength(9);
    expect(standIn.sent().filter((call) => call.payload.chat_id === ADMIN.id)).toHaveLength(1);
  });

  it("stops polling and still finishes the answer in flight", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: QuestionService = Object.create(holder, { answer: { value: async (question: string) => (await gate, holder.answer(question)) } });
    const { standIn, runner, inFlight } = await startedPolling(slow);
    standIn.push(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await standIn.waitFor(() => standIn.calls.some((call) => call.method === "sendChatAction"));
    const stopped = (runner as RunnerHandle).stop();
    setTimeout(release, 200);
    await stopped;
    expect(await drain(inFlight, 5000)).toBe(true);
    expect(standIn.sent()).toHaveLength(1);
  });
});

describe("webhook mode", () => {
  it("serves updates with the secret checked, refuses large bodies, and answers health checks", async () => {
    const standIn = await BotApiStandIn.start();
    cleanups.push(() => standIn.close());
    const { bot } = createBot(TEST_TOKEN, { questions: holder, logger: silentLogger, adminUserIds: [], apiRoot: standIn.apiRoot });
    const secret = "a-long-enough-webhook-secret";
    const server = await startWebhook(bot, { url: "https://bot.example.org/telegram", secretToken: secret, port: 0, host: "127.0.0.1", logger: silentLogger, adminUserIds: [] });
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(standIn.sent("setWebhook")[0]!.payload).toMatchObject({ url: "https://bot.example.org/telegram", secret_token: secret });

    const post = (body: string, token?: string) =>
      fetch(`${base}/telegram`, { method: "POST", body, headers: { "content-type": "application/json", ...(token ? { "x-telegram-bot-api-secret-token": token } : {}) } });
    const update = JSON.stringify(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect((await post(update, "wrong-secret-wrong-secret")).status).toBe(401);
    expect((await post("x".repeat(2 * 1024 * 1024), secret)).status).toBe(413);
    expect((await post(update, secret)).status).toBe(200);
    await standIn.waitFor(() => standIn.sent().length === 1);
    expect(standIn.sent()[0]!.payload.text).toContain("أنقرة");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, bot: "isnad_test_bot" });
  });
});

describe("npm start as a process", () => {
  /** Runs src/main.ts against the stand-in; resolves with its exit code and output. */
  function startProcess(standIn: BotApiStandIn) {
    const bot = spawnBot(temporaryFolder("isnad-cwd-"), { TELEGRAM_API_ROOT: standIn.apiRoot, CORPUS_DIR: seedCorpus(), INDEX_DIR: temporaryFolder() });
    const { child } = bot;
    const exited = bot.exited.then(({ code, at }) => ({ code, output: bot.output(), at }));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    });
    return { child, exited };
  }

  it("answers, then on SIGTERM stops polling and exits cleanly within a few seconds", async () => {
    const standIn = await BotApiStandIn.start();
    cleanups.push(() => standIn.close());
    const { child, exited } = startProcess(standIn);
    await standIn.waitFor(() => standIn.calls.some((call) => call.method === "getUpdates"), 30_000);
    standIn.push(textUpdate("مع من التقى حموشي خلال زيارته إلى تركيا؟"));
    await standIn.waitFor(() => standIn.sent().length === 1);
    expect(standIn.sent()[0]!.payload.text).toContain("محمود ديميرتاش");
    const signalled = Date.now();
    child.kill("SIGTERM");
    const { code, output, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(5000);
    expect(output).toContain("stopped");
    expect(output).not.toContain(TEST_TOKEN);
  });

  it.each([
    ["a bad token (401)", "getMe", 401, "refused the bot token"],
    ["another instance polling (409)", "getUpdates", 409, "409 Conflict"],
  ])("exits with a clear message on %s", async (_, method, status, message) => {
    const standIn = await BotApiStandIn.start();
    cleanups.push(() => standIn.close());
    standIn.fail(method, { status: status as 401 | 409 });
    const { exited } = startProcess(standIn);
    const { code, output } = await exited;
    expect(code).toBe(1);
    expect(output).toContain(message);
    expect(output).not.toContain(TEST_TOKEN);
  });
});
