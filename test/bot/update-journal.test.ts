import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Update, User } from "grammy/types";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { createBot } from "../../src/bot/create-bot.js";
import { startPolling, stopPolling } from "../../src/bot/run-polling.js";
import { openConfiguredJournal, openUpdateJournal, processStartTime, readJournal, UpdateJournalError, type UpdateJournal } from "../../src/bot/update-journal.js";
import { createLogger } from "../../src/logger.js";
import type { IndexHolder } from "../../src/pipeline/index-holder.js";
import { BotApiStandIn, TEST_BOT, TEST_TOKEN, type RecordedCall } from "../support/bot-api-stand-in.js";
import { spawnBot } from "../support/bot-process.js";
import { callbackQueryUpdate, fakeBotApi, inlineQueryUpdate, textUpdate } from "../support/telegram-updates.js";
import { cleanupsAfterEach, openSeedHolder, seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

let holder: IndexHolder;
beforeAll(async () => {
  holder = await openSeedHolder();
});

const cleanups = cleanupsAfterEach();

const QUESTION = "أين يقام منتدى IGEF 2025؟";
const TEN_MINUTES = 10 * 60_000;
const reader = (id: number): User => ({ id, is_bot: false, first_name: `reader${id}` });

/** A question from `reader(id)`, as Telegram sends it. */
function question(id: number, text = QUESTION): Update {
  return textUpdate(text, { from: reader(id) }) as Update;
}

/** The same message, sent `minutes` ago. */
function sentAgo(update: Update, minutes: number): Update {
  return { ...update, message: { ...update.message!, date: Math.floor(Date.now() / 1000) - minutes * 60 } };
}

/** Where a journal goes: inside a data folder not yet created, as the default path is on a first start. */
function journalPath(): string {
  return join(temporaryFolder("isnad-journal-"), "data", "update-journal.jsonl");
}

/** Log lines written as JSON, for the tests that read them. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream;
  return { logger: createLogger({ level: "info", format: "json", destination }), lines };
}

/** A journal at `path`, closed once the test is over: a test's "dead" process closes nothing itself. */
async function openJournal(path: string, options: { logger?: ReturnType<typeof createLogger>; now?: () => number; apiRoot?: string } = {}): Promise<UpdateJournal> {
  const journal = await openUpdateJournal({ path, botId: TEST_BOT.id, maxAgeMs: TEN_MINUTES, logger: options.logger ?? silentLogger, ...(options.now ? { now: options.now } : {}), ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) });
  cleanups.push(() => journal.close());
  return journal;
}

/** The update ids a start would answer from the journal at `path`. */
async function unfinishedIn(path: string): Promise<number[]> {
  const journal = await openJournal(path);
  const updates = await journal.takeUnfinished();
  await journal.close();
  return updates.map((update) => update.update_id);
}

describe("the update journal's file", () => {
  it("gives back at the next start a message taken and not finished, and not one finished", async () => {
    const path = journalPath();
    const [answered, cut] = [question(1), question(2)];
    const journal = await openJournal(path);
    await journal.taken([answered, cut]);
    await journal.finished(answered.update_id);
    // The process dies here: no close.
    const next = await openJournal(path);
    expect((await next.takeUnfinished()).map((update) => update.update_id)).toEqual([cut.update_id]);
    expect(next.lastTakenId).toBe(cut.update_id);
    // Readers' messages: for the bot's user only.
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("counts an update answered once its reply leaves, and unfinished again when that attempt fails", async () => {
    const path = journalPath();
    const [onTheWire, refused, elsewhere] = [question(6), question(7), question(8)];
    const journal = await openJournal(path);
    await journal.taken([onTheWire, refused, elsewhere]);
    const chatOf = (update: Update) => update.message!.chat.id;
    expect(journal.replying(chatOf(onTheWire), onTheWire.message!.message_id)).toBeDefined();
    journal.replying(chatOf(refused), refused.message!.message_id)!.failed();
    // A reply to a message no update in hand asked (a later message of the same chat) names none.
    expect(journal.replying(chatOf(elsewhere), elsewhere.message!.message_id + 1000)).toBeUndefined();
    // The process dies with the first reply on the wire: Telegram most likely has it.
    expect(await unfinishedIn(path)).toEqual([refused.update_id, elsewhere.update_id]);
  });

  it("keeps a reply on the wire through a rewrite, so that its failure still makes it unfinished", async () => {
    const path = journalPath();
    const [waiting, retried] = [question(9), question(10)];
    const journal = await openJournal(path);
    await journal.taken([waiting, retried]);
    const attempt = journal.replying(retried.message!.chat.id, retried.message!.message_id)!;
    (journal as unknown as { rewrite(): void }).rewrite();
    attempt.failed();
    expect(await unfinishedIn(path)).toEqual([waiting.update_id, retried.update_id]);
  });

  it("gives an update back at most once, and keeps it in the file until then", async () => {
    const path = journalPath();
    const cut = question(3);
    const journal = await openJournal(path);
    await journal.taken([cut]);
    // A start that fails before answering (the Bot API unreachable) opens the journal and takes nothing.
    await openJournal(path);
    const replaying = await openJournal(path);
    expect((await replaying.takeUnfinished()).map((update) => update.update_id)).toEqual([cut.update_id]);
    // It dies answering it: the next start does not try again.
    expect(await unfinishedIn(path)).toEqual([]);
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ journal: "isnad-update-journal", version: 1, bot: TEST_BOT.id, lastUpdateId: cut.update_id });
  });

  it("drops an unfinished message sent longer ago than the bound, and says so in the log", async () => {
    const path = journalPath();
    const [old, recent] = [sentAgo(question(4), 15), sentAgo(question(5), 5)];
    const journal = await openJournal(path);
    await journal.taken([old, recent]);
    const { logger, lines } = capturedLogger();
    const next = await openJournal(path, { logger });
    expect((await next.takeUnfinished()).map((update) => update.update_id)).toEqual([recent.update_id]);
    const dropped = lines.filter((line) => line.includes("sent too long ago"));
    expect(dropped).toHaveLength(1);
    expect(JSON.parse(dropped[0]!)).toMatchObject({ updateId: old.update_id, sentMinutesAgo: 15 });
  });

  it.each([
    ["a record cut short", '{"at":1,"last":99,"updates":[{"update_id":99,"mess'],
    ["the zeros a power loss leaves", "\0\0\0\0\0\0\0\0"],
  ])("skips a last line that is %s, and reads the records before it", async (_case, tail) => {
    const path = journalPath();
    const [first, second] = [question(6), question(7)];
    const journal = await openJournal(path);
    await journal.taken([first]);
    await journal.taken([second]);
    appendFileSync(path, tail);
    const { logger, lines } = capturedLogger();
    const next = await openJournal(path, { logger });
    expect((await next.takeUnfinished()).map((update) => update.update_id)).toEqual([first.update_id, second.update_id]);
    expect(lines.some((line) => line.includes("cut short"))).toBe(true);
    expect(lines.some((line) => line.includes("set aside"))).toBe(false);
    // Rewritten whole: nothing cut short is left to be appended after.
    expect(readJournal(readFileSync(path, "utf8"), TEST_BOT.id)).toMatchObject({ cutShort: false, pending: [] });
  });

  it.each([
    ["a line in the middle is not a record", (header: string) => `${header}not json\n{"done":1}\n`, "line 2 is not a journal record"],
    ["it is another bot's", (header: string) => header.replace(`"bot":${TEST_BOT.id}`, '"bot":42'), "another bot (42)"],
    ["it is of another format version", (header: string) => header.replace('"version":1', '"version":2'), "format version 2"],
    ["it has no header", () => '{"done":1}\n', "does not start with the journal's header"],
  ])("sets a journal aside when %s, and starts afresh", async (_case, damage, reason) => {
    const path = journalPath();
    const journal = await openJournal(path);
    await journal.taken([question(8)]);
    await journal.close();
    const header = `${readFileSync(path, "utf8").split("\n")[0]!}\n`;
    const damaged = damage(header) + readFileSync(path, "utf8").split("\n").slice(1).join("\n");
    writeFileSync(path, damaged);
    const { logger, lines } = capturedLogger();
    const next = await openJournal(path, { logger });
    expect(await next.takeUnfinished()).toEqual([]);
    const asideName = readdirSync(dirname(path)).find((name) => name.startsWith(`${basename(path)}.set-aside-`));
    expect(asideName).toBeDefined();
    expect(readFileSync(join(dirname(path), asideName!), "utf8")).toBe(damaged);
    const warning = lines.find((line) => line.includes("set aside"));
    expect(warning).toContain(reason);
  });

  it("rewrites the file once it has grown past a megabyte, keeping what is pending", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    const kept = question(9);
    await journal.taken([kept]);
    // About 1.1 kB a line: 1,000 questions taken and answered make 1.1 MB appended.
    const long = "ما الذي قاله المدير العام عن التعاون الأمني بين البلدين في المنتدى؟ ".repeat(8);
    for (let i = 0; i < 1000; i++) {
      const update = question(10, long);
      await journal.taken([update]);
      await journal.finished(update.update_id);
    }
    // Without the rewrite it would be 1.2 MB.
    expect(statSync(path).size).toBeLessThan(1024 * 1024);
    expect(await unfinishedIn(path)).toEqual([kept.update_id]);
  });

  it("keeps no inline query nor press of a button: Telegram refuses their answers seconds later", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    const size = statSync(path).size;
    await journal.taken([inlineQueryUpdate(QUESTION) as Update, callbackQueryUpdate("vote:x:up", { chatId: 11, messageId: 5 }) as Update]);
    expect(statSync(path).size).toBe(size);
    const next = await openJournal(path);
    expect(next.lastTakenId).toBe(0);
  });

  it("trusts the last update id taken for a day only: update ids may start again after a quiet week", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    const taken = question(12);
    await journal.taken([taken]);
    expect((await openJournal(path, { now: () => Date.now() + 60_000 })).lastTakenId).toBe(taken.update_id);
    expect((await openJournal(path, { now: () => Date.now() + 25 * 3600_000 })).lastTakenId).toBe(0);
  });

  it("trusts the last update id taken only from the Bot API server it came from: another numbers its updates apart", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    await journal.taken([question(13)]);
    expect((await openJournal(path, { apiRoot: "http://127.0.0.1:8081" })).lastTakenId).toBe(0);
  });

  it("answers a message's edit when the reply to the message itself failed and went out again", async () => {
    const path = journalPath();
    const original = question(14);
    const edit: Update = { update_id: original.update_id + 1, edited_message: { ...original.message!, edit_date: original.message!.date + 5 } };
    const journal = await openJournal(path);
    await journal.taken([original, edit]);
    const { chat, message_id } = original.message!;
    // The reply to the message is refused once (a 429), then goes out; the message is finished.
    journal.replying(chat.id, message_id)!.failed();
    expect(journal.replying(chat.id, message_id)).toBeDefined();
    await journal.finished(original.update_id);
    // The process dies before the edit is answered: it is the edit the next start answers.
    expect(await unfinishedIn(path)).toEqual([edit.update_id]);
  });

  it("keeps no answered message on disk a second after nothing is in hand", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const path = journalPath();
      const [first, second] = [question(15, "سؤال خاص جدا عن المنتدى"), question(16)];
      const journal = await openJournal(path);
      await journal.taken([first, second]);
      await journal.finished(first.update_id);
      vi.advanceTimersByTime(5000);
      expect(readFileSync(path, "utf8")).toContain("سؤال خاص جدا");
      await journal.finished(second.update_id);
      vi.advanceTimersByTime(900);
      expect(readFileSync(path, "utf8")).toContain("سؤال خاص جدا");
      vi.advanceTimersByTime(200);
      expect(readFileSync(path, "utf8").trim().split("\n")).toHaveLength(1);
      expect(readFileSync(path, "utf8")).not.toContain("سؤال خاص جدا");
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets go of its lock when closed, and takes over the lock of a process that is gone", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    expect(existsSync(`${path}.lock`)).toBe(true);
    await journal.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const gone = spawnSync("true").pid;
    writeFileSync(`${path}.lock`, `${gone}\n`);
    await (await openJournal(path)).close();
  });

  // Where the system tells when a process started (Linux's /proc, as on every machine this project runs on).
  it.runIf(processStartTime(process.pid) !== undefined)("names its process in the lock by id and start, and takes over a lock whose id now names a process started later", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(`${process.pid} ${processStartTime(process.pid)}\n`);
    await journal.close();
    // Process 1 is alive, but it is not the process that took this lock: that one started a tick later.
    writeFileSync(`${path}.lock`, `1 ${Number(processStartTime(1)) + 1}\n`);
    const taken = await openJournal(path);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(`${process.pid} ${processStartTime(process.pid)}\n`);
    await taken.close();
  });
});

describe("the journal as configured", () => {
  function unwritablePaths(): Array<[string, string]> {
    const folder = temporaryFolder("isnad-journal-");
    writeFileSync(join(folder, "a-file"), "");
    mkdirSync(join(folder, "a-folder"));
    return [
      ["inside a file", join(folder, "a-file", "update-journal.jsonl")],
      ["a folder", join(folder, "a-folder")],
    ];
  }

  it("stops the start with a clear error when a path chosen cannot be written", async () => {
    for (const [, file] of unwritablePaths()) {
      const error = await openConfiguredJournal({ file, fileSet: true, maxAgeMinutes: 10 }, TEST_BOT.id, silentLogger).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpdateJournalError);
      expect((error as UpdateJournalError).message).toContain(`UPDATE_JOURNAL_FILE ${file} cannot be used`);
      expect((error as UpdateJournalError).fix).toContain("UPDATE_JOURNAL_FILE=none");
    }
  });

  it("runs without a journal, warning, when the default path cannot be written", async () => {
    for (const [, file] of unwritablePaths()) {
      const { logger, lines } = capturedLogger();
      expect(await openConfiguredJournal({ file, fileSet: false, maxAgeMinutes: 10 }, TEST_BOT.id, logger)).toBeUndefined();
      expect(lines.filter((line) => line.includes("running without an update journal"))).toHaveLength(1);
    }
  });

  it("leaves a journal another live process holds alone, and runs without one", async () => {
    const path = journalPath();
    mkdirSync(dirname(path), { recursive: true });
    // Process 1 is always alive, and never this one; a lock names it by its id alone, or with when it started.
    const started = processStartTime(1);
    for (const holder of [...(started === undefined ? [] : [`1 ${started}\n`]), "1\n"]) {
      writeFileSync(`${path}.lock`, holder);
      const error = await openJournal(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UpdateJournalError);
      expect((error as UpdateJournalError).problem).toBe("in-use");
    }
    const { logger, lines } = capturedLogger();
    expect(await openConfiguredJournal({ file: path, fileSet: true, maxAgeMinutes: 10 }, TEST_BOT.id, logger)).toBeUndefined();
    expect(lines.some((line) => line.includes("process 1 holds it"))).toBe(true);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe("1\n");
  });

  it("is off with UPDATE_JOURNAL_FILE=none", async () => {
    expect(await openConfiguredJournal(undefined, TEST_BOT.id, silentLogger)).toBeUndefined();
  });
});

describe("the bot and its journal", () => {
  it("records an update finished once answered, or once it failed and got the apology; not one still in hand", async () => {
    const path = journalPath();
    const journal = await openJournal(path);
    const api = fakeBotApi();
    const { bot } = createBot(TEST_TOKEN, { questions: holder, logger: silentLogger, adminUserIds: [], botInfo: TEST_BOT, innerTransformers: [api.transformer], journal });
    const [answered, failed, inHand] = [question(20), question(21), question(22)];
    await journal.taken([answered, failed, inHand]);
    await bot.handleUpdate(answered);
    api.fail("sendMessage", { ok: false, error_code: 400, description: "Bad Request: message is too long" });
    await bot.handleUpdate(failed);
    expect(api.sent().map((call) => call.payload.text)).toContain(BOT_TEXT.failure);
    expect(await unfinishedIn(path)).toEqual([inHand.update_id]);
  });
});

describe("long polling after a crash", () => {
  async function standIn(): Promise<BotApiStandIn> {
    const server = await BotApiStandIn.start();
    cleanups.push(() => server.close());
    return server;
  }

  /** The bot long-polling the stand-in over HTTP, in this process, with the journal at `path`. */
  async function pollingBot(server: BotApiStandIn, path: string) {
    const journal = await openJournal(path);
    const { bot, inFlight } = createBot(TEST_TOKEN, { questions: holder, logger: silentLogger, adminUserIds: [], apiRoot: server.apiRoot, journal });
    const { runner } = await startPolling(bot, { logger: silentLogger, adminUserIds: [], apiRoot: server.apiRoot, inFlight, journal });
    cleanups.push(async () => runner.isRunning() && runner.stop());
    return { bot, inFlight, runner, journal };
  }

  function repliesTo(calls: readonly RecordedCall[], messageId: number): RecordedCall[] {
    return calls.filter((call) => call.method === "sendMessage" && !call.rejected && (call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
  }

  /** Pushes a question from `reader(id)`; its message id and update id. */
  function ask(server: BotApiStandIn, id: number): { messageId: number; updateId: number } {
    const update = textUpdate(QUESTION, { from: reader(id) });
    return { messageId: update.message!.message_id, updateId: server.push(update) };
  }

  it("answers at start the question a dead bot had taken and not finished, once, and not the one it had answered", async () => {
    const server = await standIn();
    const path = journalPath();
    const first = await pollingBot(server, path);
    // Reader 31's question is still being worked on (its typing action hangs); reader 30's answer goes out.
    server.fail("sendChatAction", { stallMs: 60_000 }, { chatId: 31 });
    const [answered, cut] = [ask(server, 30), ask(server, 31)];
    await server.waitFor(() => repliesTo(server.calls, answered.messageId).length === 1);
    // The runner asked for the next updates while answering: Telegram counts the hanging one as received.
    await server.waitFor(() => server.confirmedOffset > cut.updateId);
    // The process dies: no stop, no confirmation, no close; what it had in hand never finishes.
    void first.runner.stop();
    await pollingBot(server, path);
    await server.waitFor(() => repliesTo(server.calls, cut.messageId).length === 1);
    expect(repliesTo(server.calls, cut.messageId)[0]!.payload.text).toContain("أنقرة");
    expect(repliesTo(server.calls, answered.messageId)).toHaveLength(1);
    // Answered from the journal: Telegram handed it over once.
    expect(server.deliveries.get(cut.updateId)).toBe(1);
  });

  it("does not answer twice a batch Telegram sends again because the bot died before confirming it", async () => {
    const server = await standIn();
    const path = journalPath();
    const asked = ask(server, 32);
    // As if a run had fetched it, journaled it, and died before its next getUpdates.
    const dead = await openJournal(path);
    await dead.taken([{ ...question(32), update_id: asked.updateId, message: { ...question(32).message!, message_id: asked.messageId } }]);
    await pollingBot(server, path);
    await server.waitFor(() => repliesTo(server.calls, asked.messageId).length === 1);
    await server.waitFor(() => server.confirmedOffset > asked.updateId);
    expect(repliesTo(server.calls, asked.messageId)).toHaveLength(1);
    expect(server.deliveries.get(asked.updateId)).toBeUndefined();
  });

  it("keeps for the next start an answer a stop had to abandon before it left", async () => {
    const server = await standIn();
    const path = journalPath();
    const { bot, runner, inFlight, journal } = await pollingBot(server, path);
    server.fail("sendChatAction", { stallMs: 60_000 }, { chatId: 36 });
    const abandoned = ask(server, 36);
    // Handed to the bot, which is at its typing action (a stalled call is recorded only when it ends).
    await server.waitFor(() => server.deliveredAt.has(abandoned.updateId));
    expect(await stopPolling(bot, runner, inFlight, { deadlineMs: 300, logger: silentLogger })).toMatchObject({ drained: false, abandoned: 1, confirmed: true });
    await journal.close();
    expect(await unfinishedIn(path)).toEqual([abandoned.updateId]);
  });

  it("does not answer again a question whose answer had left when the bot died, and answers one still being worked on", async () => {
    const server = await standIn();
    const path = journalPath();
    const first = await pollingBot(server, path);
    // Reader 37's answer reaches Telegram, but its response never comes back; reader 38's is still being worked on.
    server.fail("sendMessage", { lostResponse: true }, { chatId: 37 });
    server.fail("sendChatAction", { stallMs: 60_000 }, { chatId: 38 });
    const [sent, working] = [ask(server, 37), ask(server, 38)];
    await server.waitFor(() => repliesTo(server.calls, sent.messageId).length === 1);
    await server.waitFor(() => server.confirmedOffset > working.updateId);
    void first.runner.stop();
    server.clearFaults();
    await pollingBot(server, path);
    await server.waitFor(() => repliesTo(server.calls, working.messageId).length === 1);
    expect(repliesTo(server.calls, sent.messageId)).toHaveLength(1);
  });

  it("answers at the next start a question whose answer Telegram refused with a 429 and was waiting to go again", async () => {
    const server = await standIn();
    const path = journalPath();
    const first = await pollingBot(server, path);
    server.fail("sendMessage", { status: 429, retryAfter: 30 }, { chatId: 39 });
    const refused = ask(server, 39);
    await server.waitFor(() => server.calls.some((call) => call.method === "sendMessage" && call.payload.chat_id === 39 && call.rejected));
    await server.waitFor(() => server.confirmedOffset > refused.updateId);
    // The bot dies while it waits out the 429.
    void first.runner.stop();
    server.clearFaults();
    await pollingBot(server, path);
    await server.waitFor(() => repliesTo(server.calls, refused.messageId).length === 1);
    expect(repliesTo(server.calls, refused.messageId)[0]!.payload.text).toContain("أنقرة");
  });

  it("leaves nothing to answer again after a graceful stop", async () => {
    const server = await standIn();
    const path = journalPath();
    const { bot, runner, inFlight, journal } = await pollingBot(server, path);
    server.fail("sendChatAction", { stallMs: 500 }, { times: 3 });
    const asked = [ask(server, 33), ask(server, 34), ask(server, 35)];
    await server.waitFor(() => server.deliveredAt.size === 3);
    expect(await stopPolling(bot, runner, inFlight, { deadlineMs: 8000, logger: silentLogger })).toMatchObject({ drained: true });
    await journal.close();
    expect(asked.map((one) => repliesTo(server.calls, one.messageId).length)).toEqual([1, 1, 1]);
    expect(await unfinishedIn(path)).toEqual([]);
  });
});

describe("the bot process killed with SIGKILL", () => {
  it("answers at its next start the questions it was answering, and none of those it had answered", async () => {
    const server = await BotApiStandIn.start();
    cleanups.push(() => server.close());
    const path = journalPath();
    const env = { TELEGRAM_API_ROOT: server.apiRoot, CORPUS_DIR: seedCorpus(), INDEX_DIR: temporaryFolder(), UPDATE_JOURNAL_FILE: path };
    const cwd = temporaryFolder("isnad-cwd-");
    const start = () => {
      const bot = spawnBot(cwd, env);
      cleanups.push(async () => {
        if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
        await bot.exited;
      });
      return bot;
    };
    const first = start();
    await server.waitFor(() => server.calls.some((call) => call.method === "getUpdates"), 60_000);
    // Readers 40–42 are answered; the questions of 43–45 are still being worked on (their typing actions hang) at the kill.
    for (const chatId of [43, 44, 45]) server.fail("sendChatAction", { stallMs: 60_000 }, { chatId });
    const asked = [40, 41, 42, 43, 44, 45].map((id) => {
      const update = textUpdate(QUESTION, { from: reader(id) });
      return { messageId: update.message!.message_id, updateId: server.push(update) };
    });
    const repliesTo = (messageId: number) => server.sent().filter((call) => (call.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
    const done = (updateId: number) => readFileSync(path, "utf8").includes(`{"done":${updateId}}`);
    await server.waitFor(() => asked.slice(0, 3).every((one) => repliesTo(one.messageId).length === 1 && done(one.updateId)), 20_000);
    await server.waitFor(() => server.confirmedOffset > Math.max(...asked.map((one) => one.updateId)));
    first.child.kill("SIGKILL");
    expect((await first.exited).code).toBeNull();
    server.clearFaults();

    const second = start();
    await server.waitFor(() => asked.every((one) => repliesTo(one.messageId).length >= 1), 60_000);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    expect(asked.map((one) => repliesTo(one.messageId).length)).toEqual([1, 1, 1, 1, 1, 1]);
    const replayed = second.output().split("\n").find((line) => line.includes("answering the updates a crash left unfinished"));
    expect(JSON.parse(replayed!)).toMatchObject({ updates: 3, updateIds: asked.slice(3).map((one) => one.updateId) });
  });
});
