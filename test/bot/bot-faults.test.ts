import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { join } from "node:path";
import type { RunnerHandle } from "@grammyjs/runner";
import type { User } from "grammy/types";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_BOUNDS, type RetryBounds } from "../../src/bot/api-transformers.js";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { createBot } from "../../src/bot/create-bot.js";
import { startPolling, stopPolling, TelegramUnreachableError } from "../../src/bot/run-polling.js";
import { startWebhook, stopWebhook } from "../../src/bot/webhook-server.js";
import { createLogger } from "../../src/logger.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { BotApiStandIn, TEST_TOKEN, type RecordedCall } from "../support/bot-api-stand-in.js";
import { freePort, spawnBot } from "../support/bot-process.js";
import { textUpdate } from "../support/telegram-updates.js";
import { cleanupsAfterEach, openSeedHolder, PROJECT_ROOT, seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

let holder: IndexHolder;
beforeAll(async () => {
  holder = await openSeedHolder();
});

const cleanups = cleanupsAfterEach();

const QUESTION = "أين يقام منتدى IGEF 2025؟";
const reader = (id: number): User => ({ id, is_bot: false, first_name: `reader${id}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function standIn(): Promise<BotApiStandIn> {
  const server = await BotApiStandIn.start();
  cleanups.push(() => server.close());
  return server;
}

/** The bot long-polling the stand-in over HTTP, in this process. */
async function pollingBot(server: BotApiStandIn, options: { retry?: Partial<RetryBounds>; logger?: ReturnType<typeof createLogger> } = {}) {
  const logger = options.logger ?? silentLogger;
  const { bot, inFlight } = createBot(TEST_TOKEN, { questions: holder, logger, adminUserIds: [], apiRoot: server.apiRoot, retry: { ...DEFAULT_RETRY_BOUNDS, ...options.retry } });
  const { runner } = await startPolling(bot, { logger, adminUserIds: [], apiRoot: server.apiRoot, inFlight });
  cleanups.push(async () => runner.isRunning() && runner.stop());
  return { bot, inFlight, runner: runner as RunnerHandle };
}

/** The messages sent in reply to one question, as the server took them. */
function repliesTo(calls: readonly RecordedCall[], messageId: number): RecordedCall[] {
  return calls.filter((call) => call.method === "sendMessage" && !call.rejected && (call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
}

function ask(server: BotApiStandIn, from: User, question = QUESTION): number {
  const update = textUpdate(question, { from });
  server.push(update);
  return update.message!.message_id;
}

/** Log lines written as JSON, for the tests that read them. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream;
  return { logger: createLogger({ level: "info", format: "json", destination }), lines };
}

describe("a graceful stop in polling mode", () => {
  it("finishes the answers in flight, those waiting for their chat's turn too, and confirms them to Telegram", async () => {
    const server = await standIn();
    const { bot, inFlight, runner } = await pollingBot(server);
    // Three readers whose typing action takes 1 s; the first reader has a second question queued behind.
    server.fail("sendChatAction", { stallMs: 1000 }, { times: 4 });
    const asked = [ask(server, reader(1)), ask(server, reader(2)), ask(server, reader(3)), ask(server, reader(1))];
    await server.waitFor(() => server.deliveredAt.size === 4);
    const result = await stopPolling(bot, runner, inFlight, { deadlineMs: 8000, logger: silentLogger });
    expect(result).toEqual({ drained: true, abandoned: 0, confirmed: true });
    expect(asked.map((id) => repliesTo(server.calls, id).length)).toEqual([1, 1, 1, 1]);
    // The last getUpdates asked past the last update: Telegram forgets them all.
    expect(server.confirmedOffset).toBe(Math.max(...server.deliveredAt.keys()) + 1);
  });

  it("answers nothing twice after a restart", async () => {
    const server = await standIn();
    const first = await pollingBot(server);
    server.fail("sendMessage", { stallMs: 30 }, { times: Infinity });
    const asked = Array.from({ length: 20 }, (_, i) => ask(server, reader(100 + i)));
    await server.waitFor(() => server.sent().length >= 5);
    await stopPolling(first.bot, first.runner, first.inFlight, { deadlineMs: 8000, logger: silentLogger });
    server.clearFaults();
    await pollingBot(server);
    server.push(textUpdate(QUESTION, { from: reader(999) }));
    await server.waitFor(() => server.sent().some((call) => call.payload.chat_id === 999));
    expect(asked.map((id) => repliesTo(server.calls, id).length)).toEqual(asked.map(() => 1));
    expect([...server.deliveries.values()].every((times) => times === 1)).toBe(true);
  });
});

describe("Telegram's flood limits", () => {
  it("holds up only the chat under a flood wait: the other readers are answered at once", async () => {
    const server = await standIn();
    await pollingBot(server);
    const flooded = reader(500);
    server.fail("sendMessage", { status: 429, retryAfter: 2 }, { chatId: flooded.id, times: 2 });
    const theirs = Array.from({ length: 5 }, () => ask(server, flooded));
    await sleep(200);
    const started = Date.now();
    const others = Array.from({ length: 12 }, (_, i) => ask(server, reader(600 + i)));
    await server.waitFor(() => others.every((id) => repliesTo(server.calls, id).length === 1));
    // With 4 places taken by the flooded chat's queue, the others waited out its 4 s.
    expect(Date.now() - started).toBeLessThan(2500);
    await server.waitFor(() => theirs.every((id) => repliesTo(server.calls, id).length === 1), 15_000);
  });

  it("waits out four 429s in a row and still delivers the answer, not the apology", async () => {
    const server = await standIn();
    await pollingBot(server);
    server.fail("sendMessage", { status: 429, retryAfter: 1 }, { times: 4 });
    const id = ask(server, reader(700));
    await server.waitFor(() => repliesTo(server.calls, id).length === 1, 15_000);
    expect(repliesTo(server.calls, id)[0]!.payload.text).toContain("أنقرة");
    expect(server.calls.filter((call) => call.method === "sendMessage" && call.rejected)).toHaveLength(4);
  });

  it("gives a call up once its 429s would exceed the total wait allowed", async () => {
    const server = await standIn();
    await pollingBot(server, { retry: { maxRateLimitWaitSeconds: 2 } });
    server.fail("sendMessage", { status: 429, retryAfter: 1 }, { times: 3 });
    const id = ask(server, reader(701));
    // 1 s + 1 s waited; the third 429 would make 3 s: the answer is given up, the apology then goes out.
    await server.waitFor(() => repliesTo(server.calls, id).length === 1, 10_000);
    expect(repliesTo(server.calls, id)[0]!.payload.text).toBe(BOT_TEXT.failure);
  });
});

describe("lost responses", () => {
  it("does not send an answer again when its response is lost, nor an apology after it", async () => {
    const server = await standIn();
    const { logger, lines } = capturedLogger();
    await pollingBot(server, { retry: { callTimeoutSeconds: 1 }, logger });
    server.fail("sendMessage", { lostResponse: true });
    const id = ask(server, reader(800));
    await server.waitFor(() => lines.some((line) => line.includes("message delivery unknown")), 5000);
    await sleep(500);
    expect(repliesTo(server.calls, id)).toHaveLength(1);
    expect(repliesTo(server.calls, id)[0]!.payload.text).toContain("أنقرة");
  });

  it("sends it again when the connection dropped before the message was sent", async () => {
    const server = await standIn();
    await pollingBot(server, { retry: { networkDelaySeconds: 0.05 } });
    server.fail("sendMessage", { drop: true });
    const id = ask(server, reader(801));
    await server.waitFor(() => repliesTo(server.calls, id).length === 1);
    await sleep(300);
    expect(repliesTo(server.calls, id)).toHaveLength(1);
    expect(repliesTo(server.calls, id)[0]!.payload.text).toContain("أنقرة");
  });
});

describe("faults at start", () => {
  it("starts and answers although setMyCommands fails with 500 four times", async () => {
    const server = await standIn();
    server.fail("setMyCommands", { status: 500 }, { times: 4 });
    await pollingBot(server);
    const id = ask(server, reader(900));
    await server.waitFor(() => repliesTo(server.calls, id).length === 1);
  });

  it("retries an unreachable Bot API, logging the cause and TELEGRAM_API_ROOT, then stops with a clear error", async () => {
    const port = await freePort();
    const apiRoot = `http://127.0.0.1:${port}`;
    const { logger, lines } = capturedLogger();
    const { bot } = createBot(TEST_TOKEN, { questions: holder, logger, adminUserIds: [], apiRoot, retry: { ...DEFAULT_RETRY_BOUNDS, maxAttempts: 0 } });
    const error = await startPolling(bot, { logger, adminUserIds: [], apiRoot, startDeadlineMs: 2500 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TelegramUnreachableError);
    expect((error as TelegramUnreachableError).message).toContain(`${apiRoot} could not be reached`);
    expect((error as TelegramUnreachableError).message).toContain("ECONNREFUSED");
    expect((error as TelegramUnreachableError).fix).toContain("TELEGRAM_API_ROOT");
    const retried = lines.filter((line) => line.includes("not reachable at start"));
    expect(retried.length).toBeGreaterThanOrEqual(1);
    expect(retried[0]).toContain('"cause":"ECONNREFUSED"');
    expect(retried[0]).toContain(apiRoot);
  });
});

describe("the webhook server under faults", () => {
  async function webhookBot(server: BotApiStandIn) {
    const { bot, inFlight } = createBot(TEST_TOKEN, { questions: holder, logger: silentLogger, adminUserIds: [], apiRoot: server.apiRoot });
    const secret = "a-long-enough-webhook-secret";
    const webhook = await startWebhook(bot, { url: "https://bot.example.org/telegram", secretToken: secret, port: 0, host: "127.0.0.1", logger: silentLogger, adminUserIds: [], requestTimeoutMs: 500 });
    cleanups.push(() => new Promise((resolve) => (webhook.listening ? webhook.close(resolve) : resolve(undefined))));
    const port = (webhook.address() as AddressInfo).port;
    const post = (body: string) => fetch(`http://127.0.0.1:${port}/telegram`, { method: "POST", body, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret } });
    return { webhook, inFlight, port, secret, post };
  }

  it("cuts a request whose body does not arrive, even with the right secret", async () => {
    const { port, secret } = await webhookBot(await standIn());
    const opened = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(`POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Telegram-Bot-Api-Secret-Token: ${secret}\r\n\r\n{"update_id":`);
      });
      socket.on("error", () => undefined);
      // Read what comes (a 408), or the socket never gets to its close.
      socket.resume();
      socket.on("close", () => resolve(Date.now() - opened));
    });
    expect(closedAfter).toBeLessThan(3000);
  });

  it("answers a body that is not JSON with 400", async () => {
    const { post } = await webhookBot(await standIn());
    expect((await post("{not json")).status).toBe(400);
  });

  it("on stop, answers every update in flight with 200 before closing, and cuts none", async () => {
    const server = await standIn();
    const { webhook, inFlight, post } = await webhookBot(server);
    server.fail("sendChatAction", { stallMs: 700 }, { times: 20 });
    const statuses = Array.from({ length: 20 }, (_, i) =>
      post(JSON.stringify(textUpdate(QUESTION, { from: reader(1000 + i) }))).then(
        (response) => response.status,
        () => 0,
      ),
    );
    while (inFlight.updates.size < 20) await sleep(20);
    expect(await stopWebhook(webhook, inFlight, 8000)).toBe(true);
    expect(await Promise.all(statuses)).toEqual(statuses.map(() => 200));
    expect(server.sent()).toHaveLength(20);
  });
});

describe("npm start as a process", () => {
  /**
   * `npm start` exactly as package.json says, in a copy of the project whose dist/ is built from the source
   * under test (so that a stale or concurrent build of the real dist/ cannot matter).
   */
  function npmStart(server: BotApiStandIn) {
    const project = temporaryFolder("isnad-npm-start-");
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "isnad-start-test", private: true, type: "module", scripts: { start: manifest.scripts.start } }));
    symlinkSync(join(PROJECT_ROOT, "node_modules"), join(project, "node_modules"));
    execFileSync(join(PROJECT_ROOT, "node_modules", ".bin", "tsc"), ["-p", join(PROJECT_ROOT, "tsconfig.build.json"), "--outDir", join(project, "dist"), "--sourceMap", "false"]);
    const indexDir = join(project, "index");
    mkdirSync(indexDir);
    const child = spawn("npm", ["start"], {
      cwd: project,
      env: { PATH: process.env.PATH!, HOME: project, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: server.apiRoot, CORPUS_DIR: seedCorpus(), INDEX_DIR: indexDir, EMBEDDING_MODEL: "none", LOG_LEVEL: "info" },
      // Its own process group: if the bot were orphaned, the cleanup still finds it.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; output: string; at: number }>((resolve) => child.on("exit", (code) => resolve({ code, output, at: Date.now() })));
    cleanups.push(async () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    });
    return { child, exited };
  }

  it("passes SIGTERM sent to npm on to the bot, which finishes its answer, says «stopped» and exits 0", async () => {
    const server = await standIn();
    const { child, exited } = npmStart(server);
    await server.waitFor(() => server.calls.some((call) => call.method === "getUpdates"), 30_000);
    server.fail("sendChatAction", { stallMs: 1000 });
    const id = ask(server, reader(1100));
    await server.waitFor(() => server.calls.some((call) => call.method === "sendChatAction"));
    const signalled = Date.now();
    child.kill("SIGTERM");
    const { code, output, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(10_000);
    expect(output).toContain('"msg":"stopped"');
    expect(repliesTo(server.calls, id)).toHaveLength(1);
    // Nothing of the group polls on once npm is gone.
    const calls = server.calls.length;
    await sleep(1500);
    expect(server.calls.slice(calls).filter((call) => call.method === "getUpdates")).toEqual([]);
  });
});

describe("the bot process told to stop by Telegram", () => {
  it("on a 409, still sends the answers to the questions it had fetched, then exits 1 saying why", async () => {
    const server = await standIn();
    const { child, output, exited: ended } = spawnBot(temporaryFolder("isnad-cwd-"), { TELEGRAM_API_ROOT: server.apiRoot, CORPUS_DIR: seedCorpus(), INDEX_DIR: temporaryFolder() });
    const exited = ended.then(({ code }) => code);
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    });
    await server.waitFor(() => server.calls.some((call) => call.method === "getUpdates"), 30_000);
    // The three questions are fetched; while their typing action takes 1 s, another instance takes over.
    server.fail("sendChatAction", { stallMs: 1000 }, { times: 3 });
    server.fail("getUpdates", { status: 409, description: "Conflict: terminated by other getUpdates request" }, { times: Infinity });
    const asked = [ask(server, reader(1200)), ask(server, reader(1201)), ask(server, reader(1202))];
    expect(await exited).toBe(1);
    expect(asked.map((id) => repliesTo(server.calls, id).length)).toEqual([1, 1, 1]);
    expect(output()).toContain("409 Conflict");
    expect(output()).toContain('"msg":"stopped"');
  });
});
