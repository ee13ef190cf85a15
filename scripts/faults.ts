/**
 * The bot under faults, measured: `npm run faults [-- --only stop,restart,…] [--json]`.
 *
 * Each scenario runs the bot as a real process (`node dist/main.js`, what `npm start` runs; `npm run build`
 * first) against a Bot API stand-in on loopback that plays the fault: answers in flight at SIGTERM, a restart,
 * one chat under repeated 429s, 429s in a row, a 5xx or no Bot API at start, 409 with questions fetched, a lost
 * response, a burst from one reader, `npm start` and a signal, the webhook server's limits and shutdown, and the
 * 1,000-question load. It prints one table: scenario, figure, value, target. Lexical retrieval on the seed
 * article; nothing leaves the machine. docs/OPERATIONS.md ("Faults") reads these figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { BotApiStandIn, TEST_TOKEN, type RecordedCall } from "../test/support/bot-api-stand-in.js";
import { freePort } from "../test/support/bot-process.js";
import { textUpdate } from "../test/support/telegram-updates.js";
import type { Update, User } from "grammy/types";
import { openUpdateJournal } from "../src/bot/update-journal.js";
import { createLogger } from "../src/logger.js";

const ROOT = resolve(import.meta.dirname, "..");
const SCENARIOS = ["stop", "restart", "flood", "retry-429", "start-5xx", "start-unreachable", "conflict", "lost-response", "burst", "npm-start", "webhook", "load", "journal-cost"] as const;
type Scenario = (typeof SCENARIOS)[number];

const USAGE = `usage: npm run faults [-- --only SCENARIO,…] [--json] [--bot "node dist/main.js"]`;
const { values } = parseScriptArgs({ options: { ...HELP_OPTION, only: { type: "string" }, json: { type: "boolean", default: false }, bot: { type: "string", default: "node dist/main.js" } } }, USAGE);
const chosen = (values.only ? values.only.split(",") : [...SCENARIOS]) as Scenario[];
for (const name of chosen) {
  if (SCENARIOS.includes(name)) continue;
  process.stderr.write(`Unknown scenario "${name}": one of ${SCENARIOS.join(", ")}.\n\n${USAGE}\n`);
  process.exit(2);
}
if (values.bot === "node dist/main.js" && !existsSync(join(ROOT, "dist", "main.js"))) {
  process.stderr.write("error: dist/main.js is missing (the faults run the built bot, as npm start does)\nRun npm run build first.\n");
  process.exit(1);
}

const QUESTIONS = readFileSync(join(ROOT, "test/fixtures/seed-questions.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { question: string; answerable: boolean })
  .filter((entry) => entry.answerable)
  .map((entry) => entry.question);

const workspace = mkdtempSync(join(tmpdir(), "isnad-faults-"));
const corpusDir = join(workspace, "corpus");
mkdirSync(corpusDir);
cpSync(join(ROOT, "corpus", "2025-09-hammouchi-igef-ankara.md"), join(corpusDir, "2025-09-hammouchi-igef-ankara.md"));
// One index for every run: the first start builds it.
const indexDir = join(workspace, "index");
mkdirSync(indexDir);

interface Row {
  readonly scenario: string;
  readonly figure: string;
  readonly value: string;
  readonly target?: string;
}
const rows: Row[] = [];
const report = (scenario: string, figure: string, value: string | number, target?: string) => rows.push({ scenario, figure, value: String(value), ...(target ? { target } : {}) });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const reader = (id: number): User => ({ id, is_bot: false, first_name: `reader${id}` });

interface BotProcess {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<{ code: number | string | null; at: number }>;
}

/**
 * The update journal (UPDATE_JOURNAL_FILE) of the bots on one stand-in: a restart shares it. Each stand-in
 * numbers its updates from 1, as a new bot's Telegram would, so it gets a journal of its own.
 */
let journalFile = join(workspace, "update-journal.jsonl");
let standIns = 0;

/** The bot as a process against the stand-in; `command` is what runs it (default: node dist/main.js). */
function startBot(standIn: BotApiStandIn | undefined, env: Record<string, string> = {}, command = values.bot!): BotProcess {
  const [program, ...args] = command.split(" ");
  const child = spawn(program!, args, {
    cwd: ROOT,
    // Its own process group, so that what it leaves behind (npm's children) can be found and ended.
    detached: true,
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? workspace,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      ...(standIn ? { TELEGRAM_API_ROOT: standIn.apiRoot } : {}),
      CORPUS_DIR: corpusDir,
      INDEX_DIR: indexDir,
      EMBEDDING_MODEL: "none",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      UPDATE_JOURNAL_FILE: journalFile,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // A process ended by a signal has no exit code: the signal's name stands for it.
  const exited = new Promise<{ code: number | string | null; at: number }>((done) => child.on("exit", (code, signal) => done({ code: code ?? signal, at: Date.now() })));
  return { child, output: () => output, exited };
}

/** Ends whatever is left of a bot's process group (the scenario is over). */
async function endGroup(bot: BotProcess): Promise<void> {
  try {
    process.kill(-bot.child.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
  await Promise.race([bot.exited, sleep(2000)]);
}

async function until(predicate: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

const polling = (standIn: BotApiStandIn) => () => standIn.calls.some((call) => call.method === "getUpdates" && !call.rejected);

/** The messages the bot sent in reply to one question (by the question's message id), as the server took them. */
function repliesTo(calls: readonly RecordedCall[], messageId: number): RecordedCall[] {
  return calls.filter((call) => call.method === "sendMessage" && !call.rejected && (call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
}

const APOLOGY = "عذرا، حدث خطأ";
const RATE_LIMITED = "تمهل قليلا";
const isAnswer = (call: RecordedCall) => !String(call.payload.text).startsWith(APOLOGY) && !String(call.payload.text).startsWith(RATE_LIMITED);

interface Asked {
  readonly messageId: number;
  readonly pushedAt: number;
}
function ask(standIn: BotApiStandIn, from: User, question: string): Asked {
  const update = textUpdate(question, { from });
  standIn.push(update);
  return { messageId: update.message!.message_id, pushedAt: Date.now() };
}

function percentileOf(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/** A started bot that polls the stand-in; resolves once it fetches updates. */
async function pollingBot(standIn: BotApiStandIn, env: Record<string, string> = {}): Promise<BotProcess> {
  const bot = startBot(standIn, env);
  if (!(await until(polling(standIn), 60_000))) throw new Error(`the bot did not start polling:\n${bot.output()}`);
  return bot;
}

async function withStandIn<T>(run: (standIn: BotApiStandIn) => Promise<T>): Promise<T> {
  const standIn = await BotApiStandIn.start();
  journalFile = join(workspace, `update-journal-${++standIns}.jsonl`);
  try {
    return await run(standIn);
  } finally {
    await standIn.close();
  }
}

const scenarios: Record<Scenario, () => Promise<void>> = {
  // SIGTERM while answers are in flight: 3 readers whose typing action takes 3 s (SIGTERM 0.8 s later), and 50
  // readers whose typing action takes 2 s (SIGTERM once all 50 were fetched).
  stop: async () => {
    for (const [count, stallMs, afterMs] of [
      [3, 3000, 800],
      [50, 2000, 300],
    ] as const) {
      await withStandIn(async (standIn) => {
        const bot = await pollingBot(standIn);
        standIn.fail("sendChatAction", { stallMs }, { times: count });
        const asked = Array.from({ length: count }, (_, i) => ask(standIn, reader(2000 + i), QUESTIONS[i % QUESTIONS.length]!));
        await until(() => standIn.deliveredAt.size >= count, 10_000);
        await sleep(afterMs);
        const signalled = Date.now();
        bot.child.kill("SIGTERM");
        const exit = await Promise.race([bot.exited, sleep(20_000).then(() => ({ code: null, at: NaN }))]);
        const answered = asked.filter((question) => repliesTo(standIn.calls, question.messageId).some(isAnswer)).length;
        const scenario = `SIGTERM, ${count} answers in flight`;
        report(scenario, "answers delivered", `${answered}/${count}`, `${count}/${count}`);
        report(scenario, "exit code, time to exit", `${exit.code}, ${seconds(exit.at - signalled)}`, "0, < 10 s");
        report(scenario, "«stopped» logged", /"msg":"stopped"/u.test(bot.output()) ? "yes" : "no", "yes");
        await endGroup(bot);
      });
    }
  },

  // SIGTERM (and then SIGKILL) when about half of 50 questions are answered, then a restart: which answers come
  // twice, and which never.
  restart: async () => {
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      await withStandIn(async (standIn) => {
        const first = await pollingBot(standIn);
        // Each message takes 50 ms to send, so that the stop falls in the middle of the answers.
        standIn.fail("sendMessage", { stallMs: 50 }, { times: Infinity });
        const asked = Array.from({ length: 50 }, (_, i) => ask(standIn, reader(2100 + i), QUESTIONS[i % QUESTIONS.length]!));
        await until(() => standIn.sent().length >= 25, 20_000);
        first.child.kill(signal);
        await Promise.race([first.exited, sleep(20_000)]);
        await endGroup(first);
        standIn.clearFaults();
        const before = asked.filter((question) => repliesTo(standIn.calls, question.messageId).some(isAnswer)).length;
        const second = await pollingBot(standIn);
        // Quiet for 2 s: whatever was to be answered again has been.
        let seen = -1;
        while (seen !== standIn.sent().length) {
          seen = standIn.sent().length;
          await sleep(2000);
        }
        second.child.kill("SIGTERM");
        await Promise.race([second.exited, sleep(20_000)]);
        await endGroup(second);
        const counts = asked.map((question) => repliesTo(standIn.calls, question.messageId).filter(isAnswer).length);
        const scenario = `${signal} after 25 of 50 answered, restart`;
        report(scenario, "answered before the restart", `${before}/50`);
        report(scenario, "answered twice", counts.filter((count) => count > 1).length, signal === "SIGTERM" ? "0" : undefined);
        report(scenario, "never answered", counts.filter((count) => count === 0).length, signal === "SIGTERM" ? "0" : undefined);
      });
    }
  },

  // One chat gets 429 (retry_after 10) three times while its reader sends 5 questions and 20 others ask.
  flood: () =>
    withStandIn(async (standIn) => {
      const bot = await pollingBot(standIn);
      const flooded = reader(3000);
      standIn.fail("sendMessage", { status: 429, retryAfter: 10 }, { chatId: flooded.id, times: 3 });
      const theirs = Array.from({ length: 5 }, (_, i) => ask(standIn, flooded, QUESTIONS[i]!));
      await sleep(300);
      const others = Array.from({ length: 20 }, (_, i) => ask(standIn, reader(3100 + i), QUESTIONS[i % QUESTIONS.length]!));
      const answeredAt = (question: Asked) => repliesTo(standIn.calls, question.messageId).find(isAnswer)?.at;
      await until(() => [...theirs, ...others].every((question) => answeredAt(question) !== undefined), 60_000);
      const waits = others.map((question) => (answeredAt(question) ?? NaN) - question.pushedAt);
      report("one chat under 429 ×3 (retry_after 10)", "other readers' wait p50 / p95", `${seconds(percentileOf(waits, 0.5))} / ${seconds(percentileOf(waits, 0.95))}`, "p95 < 1 s");
      const last = Math.max(...theirs.map((question) => (answeredAt(question) ?? NaN) - theirs[0]!.pushedAt));
      report("one chat under 429 ×3 (retry_after 10)", "its reader: answers, last after", `${theirs.filter((question) => answeredAt(question) !== undefined).length}/5, ${seconds(last)}`, "5/5, ≈ 30 s");
      bot.child.kill("SIGTERM");
      await Promise.race([bot.exited, sleep(15_000)]);
      await endGroup(bot);
    }),

  // 4 and 6 429s in a row (retry_after 1) on one answer.
  "retry-429": () =>
    withStandIn(async (standIn) => {
      const bot = await pollingBot(standIn);
      for (const times of [4, 6]) {
        const asking = reader(3200 + times);
        standIn.fail("sendMessage", { status: 429, retryAfter: 1 }, { chatId: asking.id, times });
        const question = ask(standIn, asking, QUESTIONS[0]!);
        await until(() => repliesTo(standIn.calls, question.messageId).length > 0, 30_000);
        const reply = repliesTo(standIn.calls, question.messageId)[0];
        const outcome = reply === undefined ? "nothing" : isAnswer(reply) ? `answer after ${seconds(reply.at - question.pushedAt)}` : "the apology";
        report(`${times} × 429 in a row (retry_after 1)`, "the reader gets", outcome, "the answer");
      }
      bot.child.kill("SIGTERM");
      await Promise.race([bot.exited, sleep(15_000)]);
      await endGroup(bot);
    }),

  // setMyCommands answers 500 four times at start.
  "start-5xx": () =>
    withStandIn(async (standIn) => {
      standIn.fail("setMyCommands", { status: 500 }, { times: 5 });
      const bot = startBot(standIn);
      const began = Date.now();
      await until(() => polling(standIn)() || bot.child.exitCode !== null, 60_000);
      let outcome: string;
      if (polling(standIn)()) {
        const question = ask(standIn, reader(3300), QUESTIONS[0]!);
        const answered = await until(() => repliesTo(standIn.calls, question.messageId).some(isAnswer), 10_000);
        outcome = `${answered ? "polls and answers" : "polls, no answer"} (answered ${seconds(Date.now() - began)} after start)`;
      } else {
        const { code, at } = await Promise.race([bot.exited, sleep(1000).then(() => ({ code: null, at: NaN }))]);
        outcome = `no polling; exit ${code} after ${seconds(at - began)}${/unexpected error/u.test(bot.output()) ? ", «unexpected error» and a stack trace" : ""}`;
      }
      report("500 on setMyCommands ×5 at start", "outcome", outcome, "polls and answers");
      await endGroup(bot);
    }),

  // No Bot API at all: a port nothing listens on.
  "start-unreachable": async () => {
    const port = await freePort();
    const bot = startBot(undefined, { TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    await Promise.race([bot.exited, sleep(10_000)]);
    const output = bot.output();
    const hint = /ECONNREFUSED/u.test(output) && /TELEGRAM_API_ROOT/u.test(output);
    report("no Bot API at start (connection refused)", "first 10 s: the logs name the cause and TELEGRAM_API_ROOT", hint ? "yes" : "no", "yes");
    report("no Bot API at start (connection refused)", "state after 10 s", bot.child.exitCode === null ? "still retrying" : `exit ${bot.child.exitCode}`, "retrying (exit 1 after 60 s)");
    await endGroup(bot);
  },

  // Three questions fetched, their typing action slow; then every getUpdates gets 409.
  conflict: () =>
    withStandIn(async (standIn) => {
      const bot = await pollingBot(standIn);
      standIn.fail("sendChatAction", { stallMs: 1000 }, { times: 3 });
      standIn.fail("getUpdates", { status: 409, description: "Conflict: terminated by other getUpdates request" }, { times: Infinity });
      const asked = Array.from({ length: 3 }, (_, i) => ask(standIn, reader(3400 + i), QUESTIONS[i]!));
      const exit = await Promise.race([bot.exited, sleep(20_000).then(() => ({ code: null, at: NaN }))]);
      const answered = asked.filter((question) => repliesTo(standIn.calls, question.messageId).some(isAnswer)).length;
      report("409 with 3 questions fetched", "answered before exit, exit code", `${answered}/3, ${exit.code}`, "3/3, 1");
      await endGroup(bot);
    }),

  // The response to an answer is lost (the message is sent, no response comes back), and a connection
  // dropped before the message was sent (as a kept-alive socket the server had closed).
  "lost-response": () =>
    withStandIn(async (standIn) => {
      const bot = await pollingBot(standIn);
      for (const [label, fault] of [
        ["response to an answer lost", { lostResponse: true }],
        ["connection dropped before an answer", { drop: true }],
      ] as const) {
        const asking = reader(label.startsWith("response") ? 3500 : 3501);
        standIn.fail("sendMessage", fault, { chatId: asking.id });
        const question = ask(standIn, asking, QUESTIONS[0]!);
        const logged = bot.output().length;
        // Until a second copy comes, or the bot gives the message up, or 75 s (past a 60 s request timeout).
        await until(() => repliesTo(standIn.calls, question.messageId).length >= 2 || /delivery unknown/u.test(bot.output().slice(logged)), 75_000);
        await sleep(1500);
        const replies = repliesTo(standIn.calls, question.messageId);
        const spread = replies.length > 1 ? ` (${seconds(replies.at(-1)!.at - replies[0]!.at)} apart)` : "";
        report(label, "answers the reader got, apologies", `${replies.filter(isAnswer).length}, ${replies.filter((call) => !isAnswer(call)).length}${spread}`, "1, 0");
      }
      bot.child.kill("SIGTERM");
      await Promise.race([bot.exited, sleep(15_000)]);
      await endGroup(bot);
    }),

  // 50 questions at once from one reader (issue 24 owns the limiter; measured here).
  burst: () =>
    withStandIn(async (standIn) => {
      const bot = await pollingBot(standIn);
      const asking = reader(3600);
      const asked = Array.from({ length: 50 }, (_, i) => ask(standIn, asking, QUESTIONS[i % QUESTIONS.length]!));
      let seen = -1;
      while (seen !== standIn.sent().length) {
        seen = standIn.sent().length;
        await sleep(1500);
      }
      const replies = asked.map((question) => repliesTo(standIn.calls, question.messageId));
      const notices = replies.filter((calls) => calls.some((call) => String(call.payload.text).startsWith(RATE_LIMITED))).length;
      report("burst of 50 from one reader", "answered, notices, silent", `${replies.filter((calls) => calls.some(isAnswer)).length}, ${notices}, ${replies.filter((calls) => calls.length === 0).length}`, "8, 1 notice (issue 24)");
      bot.child.kill("SIGTERM");
      await Promise.race([bot.exited, sleep(15_000)]);
      await endGroup(bot);
    }),

  // `npm start`, then SIGTERM to npm's own process (what a process manager does).
  "npm-start": () =>
    withStandIn(async (standIn) => {
      const bot = startBot(standIn, {}, "npm start");
      if (!(await until(polling(standIn), 60_000))) throw new Error(`npm start did not poll:\n${bot.output()}`);
      const question = ask(standIn, reader(3700), QUESTIONS[0]!);
      await until(() => repliesTo(standIn.calls, question.messageId).length > 0, 10_000);
      const signalled = Date.now();
      bot.child.kill("SIGTERM");
      const exit = await Promise.race([bot.exited, sleep(15_000).then(() => ({ code: null, at: NaN }))]);
      await sleep(1500);
      // Anything of the group still alive (an orphaned bot) still polls: count its calls.
      const polls = standIn.calls.length;
      await sleep(6000);
      const orphanPolls = standIn.calls.slice(polls).filter((call) => call.method === "getUpdates").length;
      report("npm start, SIGTERM to npm", "exit code, time, «stopped» logged", `${exit.code}, ${seconds(exit.at - signalled)}, ${/"msg":"stopped"/u.test(bot.output()) ? "yes" : "no"}`, "0, < 10 s, yes");
      report("npm start, SIGTERM to npm", "polling after npm exited", orphanPolls > 0 ? "yes (an orphan)" : "no", "no");
      await endGroup(bot);
    }),

  webhook: () =>
    withStandIn(async (standIn) => {
      const port = await freePort();
      const secret = "a-long-enough-webhook-secret";
      const bot = startBot(standIn, { WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: secret, PORT: String(port), WEBHOOK_HOST: "127.0.0.1" });
      if (!(await until(() => standIn.calls.some((call) => call.method === "setWebhook"), 60_000))) throw new Error(`no webhook:\n${bot.output()}`);
      await sleep(500);
      const base = `http://127.0.0.1:${port}`;
      // A body that never ends, with the right secret.
      const held = await new Promise<number>((done) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(`POST /telegram HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-Telegram-Bot-Api-Secret-Token: ${secret}\r\n\r\n{"update_id":`);
        });
        const opened = Date.now();
        const timer = setTimeout(() => (socket.destroy(), done(NaN)), 30_000);
        socket.on("close", () => (clearTimeout(timer), done(Date.now() - opened)));
        socket.on("error", () => undefined);
        // Read what comes (a 408), or the socket never gets to its close.
        socket.resume();
      });
      report("webhook", "slow body with the right secret held for", Number.isNaN(held) ? "> 30 s" : seconds(held), "< 15 s");
      const malformed = await fetch(`${base}/telegram`, { method: "POST", body: "{not json", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret } });
      report("webhook", "malformed body: status", malformed.status, "400");
      // 50 updates in flight (typing takes 1 s), then SIGTERM.
      standIn.fail("sendChatAction", { stallMs: 1000 }, { times: 50 });
      const posts = Array.from({ length: 50 }, (_, i) => {
        const update = textUpdate(QUESTIONS[i % QUESTIONS.length]!, { from: reader(3800 + i) });
        return fetch(`${base}/telegram`, { method: "POST", body: JSON.stringify(update), headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret } }).then(
          (response) => response.status,
          () => 0,
        );
      });
      await sleep(400);
      bot.child.kill("SIGTERM");
      const statuses = await Promise.all(posts);
      await Promise.race([bot.exited, sleep(15_000)]);
      report("webhook", "SIGTERM with 50 in flight: answered with 200 / cut", `${statuses.filter((status) => status === 200).length} / ${statuses.filter((status) => status === 0).length}`, "50 / 0");
      report("webhook", "«stopped» logged", /"msg":"stopped"/u.test(bot.output()) ? "yes" : "no", "yes");
      await endGroup(bot);
    }),

  // 1,000 questions from 200 readers at once, the stand-in answering at once: with the update journal (the
  // default), then without it (UPDATE_JOURNAL_FILE=none), to measure what it costs.
  load: async () => {
    for (const journal of ["journal", "no journal"] as const) {
      await withStandIn(async (standIn) => {
        const bot = await pollingBot(standIn, journal === "journal" ? {} : { UPDATE_JOURNAL_FILE: "none" });
        const asked = Array.from({ length: 1000 }, (_, i) => ask(standIn, reader(5000 + (i % 200)), QUESTIONS[i % QUESTIONS.length]!));
        const start = asked[0]!.pushedAt;
        await until(() => standIn.sent().length >= 1000, 120_000);
        const firstReply = new Map<number, number>();
        for (const call of standIn.calls) {
          const id = (call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
          if (call.method === "sendMessage" && !call.rejected && id !== undefined && !firstReply.has(id)) firstReply.set(id, call.at);
        }
        const waits = asked.map((question) => (firstReply.get(question.messageId) ?? NaN) - question.pushedAt);
        const end = Math.max(...firstReply.values());
        const answered = asked.filter((question) => firstReply.has(question.messageId)).length;
        const scenario = `1,000 questions, 200 readers (${journal})`;
        report(scenario, "answered, updates/s", `${answered}/1000, ${((1000 * answered) / (end - start)).toFixed(0)}`, "1000, ≈ 139");
        report(scenario, "wait p50 / p95 (from the push)", `${seconds(percentileOf(waits, 0.5))} / ${seconds(percentileOf(waits, 0.95))}`);
        // The bot's own CPU time (user + system, since it started) is steadier than wall time on a busy machine.
        const stat = readFileSync(`/proc/${bot.child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        const cpuMs = ((Number(stat[11]) + Number(stat[12])) * 1000) / 100;
        report(scenario, "bot CPU time, start included", seconds(cpuMs));
        bot.child.kill("SIGTERM");
        await Promise.race([bot.exited, sleep(15_000)]);
        await endGroup(bot);
      });
    }
  },

  // The journal's own cost, in this process on the workspace's disk: a batch of one question taken (a line
  // written and flushed, fdatasync) and finished (a line written), 500 times.
  "journal-cost": async () => {
    const journal = await openUpdateJournal({ path: journalFile, botId: Number(TEST_TOKEN.split(":")[0]), maxAgeMs: 600_000, logger: createLogger({ level: "silent", format: "json" }) });
    const updates = Array.from({ length: 500 }, (_, i) => textUpdate(QUESTIONS[i % QUESTIONS.length]!, { from: reader(6000 + i) }) as Update);
    let takenNs = 0n;
    let finishedNs = 0n;
    for (const update of updates) {
      const before = process.hrtime.bigint();
      await journal.taken([update]);
      const between = process.hrtime.bigint();
      await journal.finished(update.update_id);
      finishedNs += process.hrtime.bigint() - between;
      takenNs += between - before;
    }
    await journal.close();
    const perCall = (ns: bigint) => `${(Number(ns) / updates.length / 1000).toFixed(0)} µs`;
    report("update journal, 500 questions one by one", "taken (written, flushed) / finished (written)", `${perCall(takenNs)} / ${perCall(finishedNs)}`);
  },
};

try {
  for (const name of chosen) {
    process.stderr.write(`… ${name}\n`);
    try {
      await scenarios[name]();
    } catch (error) {
      report(name, "failed to run", (error as Error).message.split("\n")[0]!);
    }
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}

if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
else {
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[["scenario", "figure", "value", "target"], ...rows.map((row) => [row.scenario, row.figure, row.value, row.target ?? ""])].map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(" | ")} |`;
  process.stdout.write(`${[line(["scenario", "figure", "value", "target"]), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...rows.map((row) => line([row.scenario, row.figure, row.value, row.target ?? ""]))].join("\n")}\n`);
}
