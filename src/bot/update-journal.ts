import { closeSync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import type { UpdateJournalSettings } from "../config.js";
import { IsnadError } from "../errors.js";
import { mayHaveArrived } from "./api-transformers.js";
import type { Logger } from "../logger.js";

/**
 * The update journal of long polling (UPDATE_JOURNAL_FILE). Telegram counts an update as received once the
 * bot asks for the next ones, which the runner does while it answers: a process killed outright (SIGKILL, a
 * crash, a power loss) loses the answers it was working on. The journal records every batch of messages taken,
 * on disk before any of them is handled, and every update once its handling is over; the next start answers
 * what was taken and not finished. Webhook mode needs none: its 200 goes out once the update is handled, and
 * Telegram sends again an update whose request was cut.
 *
 * The file holds JSON lines: a header (format, bot, the highest update id taken), then `taken` lines (one per
 * batch: flushed to disk, fdatasync, before the batch is handled), `sent` and `unsent` lines (a reply to the
 * update went on the wire; that attempt failed) and `done` lines — these three written, not flushed: a crash of
 * the process keeps them, a power loss may lose one and that answer then comes twice. It holds
 * readers' messages (text, user and chat ids) while they are in hand, and a second after (see rewriteWhenIdle),
 * so it is created readable by its owner only.
 */
export interface UpdateJournal {
  /**
   * The highest update id the last run took, or 0 when unknown or older than a day. Polling asks past it: a
   * batch Telegram still holds unconfirmed (the run died before its next getUpdates) is in the journal already.
   */
  readonly lastTakenId: number;
  /**
   * The messages the last run took and never finished, sent within the age bound (the others are logged), in
   * update order; the file is rewritten with nothing pending. Call it once, as they are about to be answered:
   * until then they stay in the file, so a start that fails before answering them loses none. After it, they
   * are not journaled again, and an update is replayed at most once — one that crashes the bot cannot crash
   * it at every start.
   */
  takeUnfinished(): Promise<readonly Update[]>;
  /**
   * Records a batch just taken from getUpdates; resolves once it is on disk, so call it before handing the
   * batch on (the next getUpdates confirms the batch to Telegram). Only messages are kept (see `isJournaled`).
   * Never rejects: a write that fails is logged, and the batch is handled unjournaled.
   */
  taken(updates: readonly Update[]): Promise<void>;
  /**
   * Records that a reply to message `messageId` of chat `chatId` is going out (replyTransformer calls it as the
   * request leaves): the update that asked counts as answered from now on. A crash while the request is on the
   * wire most likely delivered it, and answering again would send it twice. Gives back what to call when that
   * attempt fails (a 429, a 5xx, no connection): the update is unfinished again, so a crash during the retry's
   * wait answers it at the next start. Undefined when no unfinished update asked that message.
   */
  replying(chatId: number, messageId: number): { failed(): void } | undefined;
  /** Records that an update's handling is over: answered, or failed and apologised. Others are ignored. */
  finished(updateId: number): Promise<void>;
  /** Closes the file and lets another process open it. */
  close(): Promise<void>;
}

/** Why a journal cannot be opened. `unwritable` is the operator's to fix; `in-use` is another process's. */
export class UpdateJournalError extends IsnadError {
  readonly code = "UPDATE_JOURNAL";
  readonly fix: string;
  constructor(
    readonly path: string,
    readonly problem: "unwritable" | "in-use",
    reason: string,
  ) {
    super(`UPDATE_JOURNAL_FILE ${path} cannot be used: ${reason}.`);
    this.fix =
      problem === "unwritable"
        ? "Point UPDATE_JOURNAL_FILE at a file the bot may create and write (its folder is created if missing), or set UPDATE_JOURNAL_FILE=none to run without a journal."
        : "Only one bot may poll a token: stop the other process, or give this one its own UPDATE_JOURNAL_FILE.";
  }
}

export interface JournalOptions {
  readonly path: string;
  /** The bot whose updates these are (the number before the token's colon): another bot's journal is set aside. */
  readonly botId: number;
  /** Unfinished messages sent longer ago than this are not answered at start, in ms. */
  readonly maxAgeMs: number;
  readonly logger: Logger;
  /** The clock, in ms since the epoch. Default Date.now. */
  readonly now?: () => number;
  /**
   * TELEGRAM_API_ROOT, when set: the highest update id taken is trusted only from the same Bot API server (a
   * self-hosted one numbers its updates apart from api.telegram.org). Default api.telegram.org.
   */
  readonly apiRoot?: string;
}

/**
 * Only messages (new and edited) are journaled: they are the answers a reader waits for. An inline query comes
 * at every keystroke, and Telegram refuses an answer to it, or to a button's press, a few seconds later.
 */
export function isJournaled(update: Update): boolean {
  return update.message !== undefined || update.edited_message !== undefined;
}

const FORMAT = "isnad-update-journal";
const VERSION = 1;
/** How long the bot stays with nothing in hand before the file is rewritten without the messages answered, in ms. */
const IDLE_REWRITE_MS = 1000;
/** Past this many bytes appended, the file is rewritten with what is pending only (a few updates at most). */
const COMPACT_AFTER_BYTES = 1024 * 1024;
/**
 * How long the highest update id taken is trusted. Telegram keeps an update 24 h; after a week without any,
 * update ids may start again lower, and asking past an old mark would skip new updates.
 */
const MARK_TRUSTED_MS = 24 * 60 * 60 * 1000;

const headerRecord = z.object({ journal: z.literal(FORMAT), version: z.number(), bot: z.number(), lastUpdateId: z.number(), at: z.number(), api: z.string().optional() });
/** The Bot API a journal's update ids come from when its header names none (TELEGRAM_API_ROOT unset). */
const DEFAULT_API_ROOT = "https://api.telegram.org";
const takenRecord = z.object({ at: z.number(), last: z.number(), updates: z.array(z.object({ update_id: z.number() }).passthrough()) });
const doneRecord = z.object({ done: z.number() });
const sentRecord = z.object({ sent: z.number() });
const unsentRecord = z.object({ unsent: z.number() });

/** What a journal file says, or why it cannot be trusted. */
export type JournalContents =
  | {
      /** Taken, and neither replied to nor finished: what a start answers. */
      readonly pending: readonly Update[];
      readonly lastUpdateId: number;
      readonly lastAt: number;
      /** The Bot API server the update ids came from: another one numbers its updates afresh. */
      readonly api: string;
      readonly cutShort: boolean;
    }
  | { readonly problem: string };

/**
 * Reads a journal's text. A last line cut short (a crash mid-write, or the zeros a power loss may leave) is
 * skipped: that batch was never handed on, so Telegram still holds it. Anything else unreadable is a problem.
 */
export function readJournal(text: string, botId: number): JournalContents {
  const lines = text.split("\n");
  // A complete record ends with a newline: whatever follows the last one was cut short.
  let cutShort = lines.pop() !== "";
  const records: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    try {
      records.push(JSON.parse(line));
    } catch {
      if (index < lines.length - 1) return { problem: `line ${index + 1} is not a journal record` };
      cutShort = true;
    }
  }
  if (records.length === 0) return { pending: [], lastUpdateId: 0, lastAt: 0, api: DEFAULT_API_ROOT, cutShort };
  const header = headerRecord.safeParse(records[0]);
  if (!header.success) return { problem: "it does not start with the journal's header" };
  if (header.data.version !== VERSION) return { problem: `it is of format version ${header.data.version}, and this Isnad reads version ${VERSION}` };
  if (header.data.bot !== botId) return { problem: `it holds the updates of another bot (${header.data.bot})` };
  const taken = new Map<number, Update>();
  /** Of the updates taken and not finished, whether a reply to each is on the wire (the last attempt's `sent`). */
  const replied = new Map<number, boolean>();
  let { lastUpdateId, at: lastAt } = header.data;
  for (const [index, record] of records.slice(1).entries()) {
    const batch = takenRecord.safeParse(record);
    const done = doneRecord.safeParse(record);
    const sent = sentRecord.safeParse(record);
    const unsent = unsentRecord.safeParse(record);
    if (batch.success) {
      for (const update of batch.data.updates) {
        taken.set(update.update_id, update as Update);
        replied.set(update.update_id, false);
      }
      lastUpdateId = Math.max(lastUpdateId, batch.data.last);
      lastAt = Math.max(lastAt, batch.data.at);
    } else if (done.success) replied.delete(done.data.done);
    else if (sent.success) {
      if (replied.has(sent.data.sent)) replied.set(sent.data.sent, true);
    } else if (unsent.success) {
      if (replied.has(unsent.data.unsent)) replied.set(unsent.data.unsent, false);
    } else return { problem: `line ${index + 2} is not a journal record` };
  }
  const pending = [...replied.entries()]
    .filter(([, isReplied]) => !isReplied)
    .map(([updateId]) => taken.get(updateId)!)
    .sort((a, b) => a.update_id - b.update_id);
  return { pending, lastUpdateId, lastAt, api: header.data.api ?? DEFAULT_API_ROOT, cutShort };
}

/**
 * The Bot API transformer that tells the journal when a reply leaves for Telegram (UpdateJournal.replying). It
 * is installed next to the wire, inside the retries, so that it sees each attempt: one that fails makes its
 * update unfinished again until the next attempt leaves. Every reply the bot sends to a message names it
 * (bot/reply's reply_parameters), which is how the update is found.
 */
export function replyTransformer(journal: Pick<UpdateJournal, "replying">): Transformer {
  return async (prev, method, payload, signal) => {
    const reply = payload as { chat_id?: unknown; reply_parameters?: { message_id?: unknown } };
    const chatId = reply.chat_id;
    const messageId = reply.reply_parameters?.message_id;
    const attempt = method === "sendMessage" && typeof chatId === "number" && typeof messageId === "number" ? journal.replying(chatId, messageId) : undefined;
    if (!attempt) return prev(method, payload, signal);
    try {
      const response = await prev(method, payload, signal);
      if (!response.ok) attempt.failed();
      return response;
    } catch (error) {
      // A request that may have reached Telegram stays counted as answered, as the retries count it (they do
      // not send it again); one that never left is unfinished again.
      if (!mayHaveArrived(error)) attempt.failed();
      throw error;
    }
  };
}

/** When the reader sent the message (or edited it), in ms since the epoch. */
function sentAt(update: Update): number {
  if (update.edited_message) return 1000 * (update.edited_message.edit_date ?? update.edited_message.date);
  return 1000 * (update.message?.date ?? 0);
}

/**
 * Opens the journal at `path`: takes its lock, reads what the last run left unfinished — a file that cannot be
 * read or trusted is set aside (renamed) and logged, a last record cut short is skipped — and rewrites the
 * file whole with what is pending. Throws an UpdateJournalError when the file cannot be written or another
 * live process holds it.
 */
export async function openUpdateJournal(options: JournalOptions): Promise<UpdateJournal> {
  const { path, logger } = options;
  const unwritable = (error: unknown) => (error instanceof UpdateJournalError ? error : new UpdateJournalError(path, "unwritable", (error as Error).message));
  await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
    throw unwritable(error);
  });
  const lock = await takeLock(path);
  try {
    const found = await readOrSetAside(path, options.botId, logger);
    if (found.cutShort) logger.info({ path }, "update journal: its last record was cut short (a crash while writing it) and is skipped");
    const journal = new FileUpdateJournal(lock, { ...options, now: options.now ?? Date.now }, found);
    try {
      journal.rewrite();
    } catch (error) {
      throw unwritable(error);
    }
    return journal;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/**
 * The journal as configured: none with UPDATE_JOURNAL_FILE=none; a chosen path that cannot be written stops
 * the bot (the UpdateJournalError says how to fix it); the default path that cannot be, or a journal another
 * process holds, leaves the bot running without one, with a warning: it is a safety net, not a condition.
 */
export async function openConfiguredJournal(settings: UpdateJournalSettings | undefined, botId: number, logger: Logger, apiRoot?: string): Promise<UpdateJournal | undefined> {
  if (!settings) return undefined;
  try {
    return await openUpdateJournal({ path: settings.file, botId, maxAgeMs: settings.maxAgeMinutes * 60_000, logger, ...(apiRoot ? { apiRoot } : {}) });
  } catch (error) {
    if (!(error instanceof UpdateJournalError) || (error.problem === "unwritable" && settings.fileSet)) throw error;
    logger.warn({ path: settings.file, reason: error.message, fix: error.fix }, "running without an update journal: answers being worked on at a crash will be lost");
    return undefined;
  }
}

/**
 * The journal in a file, written synchronously. A line is in the kernel when the call returns — a `done` line
 * as soon as the update's handling is over, with no wait for a busy event loop to come round to a queued
 * write (under load that wait held `done` lines back by tens of milliseconds, and a crash then answered
 * those updates twice) — and one writer cannot race another. A batch's flush blocks the bot for as long as
 * the disk takes: 0.3 to 0.7 ms per batch here (`npm run faults -- --only journal-cost`).
 */
class FileUpdateJournal implements UpdateJournal {
  /** Updates taken and not finished, by id: at first the last run's, then this run's. */
  private readonly pending = new Map<number, Update>();
  /** Updates taken whose reply is on the wire (or was delivered), not yet finished. */
  private readonly replied = new Map<number, Update>();
  /** The open file (a descriptor), appended to; undefined once closed. */
  private fd: number | undefined;
  /** The highest update id taken, and when (ms): a rewrite's header. */
  private lastUpdateId: number;
  private lastAt: number;
  /** Bytes in the file: an append that fails part-way is cut back to this, so no half line stays… */
  private size = 0;
  /** …and as the last rewrite left it: what was appended since is what a rewrite clears. */
  private rewrittenSize = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  readonly lastTakenId: number;

  private get api(): string {
    return this.options.apiRoot ?? DEFAULT_API_ROOT;
  }

  constructor(
    private readonly lock: Lock,
    private readonly options: JournalOptions & { now: () => number },
    found: { readonly pending: readonly Update[]; readonly lastUpdateId: number; readonly lastAt: number; readonly api: string },
  ) {
    // Updates whose reply had left are done with (readJournal gives back the others only).
    for (const update of found.pending) this.pending.set(update.update_id, update);
    this.lastAt = found.lastAt;
    const sameServer = found.api === this.api;
    this.lastUpdateId = sameServer && options.now() - found.lastAt <= MARK_TRUSTED_MS ? found.lastUpdateId : 0;
    this.lastTakenId = this.lastUpdateId;
  }

  async takeUnfinished(): Promise<readonly Update[]> {
    const now = this.options.now();
    const unfinished = [...this.pending.values()];
    const recent = unfinished.filter((update) => {
      if (now - sentAt(update) <= this.options.maxAgeMs) return true;
      this.options.logger.warn({ updateId: update.update_id, sentMinutesAgo: Math.round((now - sentAt(update)) / 60_000) }, "not answered at start: taken before a crash, but sent too long ago (UPDATE_JOURNAL_MAX_AGE_MINUTES)");
      return false;
    });
    for (const update of unfinished) this.pending.delete(update.update_id);
    this.attempt("the unfinished updates are answered but still in the journal: a restart would answer them again", () => this.rewrite());
    return recent;
  }

  async taken(updates: readonly Update[]): Promise<void> {
    const kept = updates.filter(isJournaled);
    if (kept.length === 0) return;
    const at = this.options.now();
    const last = Math.max(...updates.map((update) => update.update_id));
    this.attempt("updates taken but not journaled: a crash would lose their answers", () => {
      this.append(`${JSON.stringify({ at, last, updates: kept })}\n`);
      // In the file from here, flushed or not (a crash of the process keeps it): their replies and ends are
      // recorded even if the flush below fails.
      for (const update of kept) this.pending.set(update.update_id, update);
      this.lastUpdateId = Math.max(this.lastUpdateId, last);
      this.lastAt = at;
    });
    this.attempt("updates taken not flushed to disk: a power loss could lose their answers", () => fdatasyncSync(this.fd!));
  }

  replying(chatId: number, messageId: number): { failed(): void } | undefined {
    const update = this.earliestAsking(chatId, messageId);
    if (!update) return undefined;
    const updateId = update.update_id;
    this.attempt("reply not journaled: a crash before it is finished would answer it again", () => {
      this.append(`${JSON.stringify({ sent: updateId })}\n`);
      this.pending.delete(updateId);
      this.replied.set(updateId, update);
    });
    return {
      failed: () => {
        if (!this.replied.has(updateId)) return;
        this.attempt("failed reply not journaled: a crash before it is finished would not answer it again", () => {
          this.append(`${JSON.stringify({ unsent: updateId })}\n`);
          this.replied.delete(updateId);
          this.pending.set(updateId, update);
        });
      },
    };
  }

  /**
   * The unfinished update that asked message `messageId` of chat `chatId`. A message and its edit name the same
   * message: the earlier update is the one being answered (each chat's updates are handled in order), wherever
   * a failed attempt put it back in the map.
   */
  private earliestAsking(chatId: number, messageId: number): Update | undefined {
    let earliest: Update | undefined;
    for (const update of this.pending.values()) {
      const message = update.message ?? update.edited_message;
      if (message?.chat.id === chatId && message.message_id === messageId && (!earliest || update.update_id < earliest.update_id)) earliest = update;
    }
    return earliest;
  }

  async finished(updateId: number): Promise<void> {
    if (!this.pending.has(updateId) && !this.replied.has(updateId)) return;
    this.attempt("update finished but not journaled: a restart would answer it again", () => {
      this.append(`${JSON.stringify({ done: updateId })}\n`);
      this.pending.delete(updateId);
      this.replied.delete(updateId);
    });
    if (this.appended > COMPACT_AFTER_BYTES) this.compact();
    else if (this.isIdle()) this.rewriteWhenIdle();
  }

  /**
   * Readers' messages stay on disk no longer than they are in hand: a second after nothing is, the file is
   * rewritten with its header alone (a write and a flush, about a millisecond). A second, so that a busy bot
   * that is idle for an instant between two updates does not rewrite it at each one (measured: a millisecond
   * of CPU per update).
   */
  private rewriteWhenIdle(): void {
    if (this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.isIdle() && this.appended > 0) this.compact();
    }, IDLE_REWRITE_MS);
    this.idleTimer.unref();
  }

  /** The file rewritten with what is in hand only, the answered messages gone. */
  private compact(): void {
    this.attempt("journal not rewritten: it keeps answered messages until the next rewrite", () => this.rewrite());
  }

  private isIdle(): boolean {
    return this.pending.size === 0 && this.replied.size === 0;
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    await this.lock.release();
  }

  /** Rewrites the file with the header and what is pending; a failure leaves the old file in use. */
  rewrite(): void {
    // A replied update is kept with its `sent` line: its attempt may yet fail and make it unfinished again.
    const kept = [...this.pending.values(), ...this.replied.values()].sort((a, b) => a.update_id - b.update_id);
    const lines = [headerLine(this.options.botId, this.lastUpdateId, this.lastAt, this.api)];
    if (kept.length > 0) lines.push(`${JSON.stringify({ at: this.lastAt, last: this.lastUpdateId, updates: kept })}\n`);
    for (const updateId of this.replied.keys()) lines.push(`${JSON.stringify({ sent: updateId })}\n`);
    const rewritten = writeJournal(this.options.path, lines);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = rewritten.fd;
    this.size = this.rewrittenSize = rewritten.size;
  }

  private append(line: string): void {
    const bytes = Buffer.from(line);
    try {
      writeFully(this.fd!, bytes);
    } catch (error) {
      // A line written in part (a full disk) would glue the next one to it, and the file could not be read:
      // cut it back to its last whole line.
      try {
        ftruncateSync(this.fd!, this.size);
      } catch {
        // Left as it is: the next start skips a last line cut short, and sets aside a file broken elsewhere.
      }
      throw error;
    }
    this.size += bytes.length;
  }

  private get appended(): number {
    return this.size - this.rewrittenSize;
  }

  /** Runs a write; one that fails (a full disk) is logged, never thrown: the bot answers on without. */
  private attempt(failure: string, write: () => void): void {
    if (this.fd === undefined) return;
    try {
      write();
    } catch (error) {
      const cause = error as NodeJS.ErrnoException;
      this.options.logger.error({ path: this.options.path, err: { name: cause.name, message: cause.message, code: cause.code } }, failure);
    }
  }
}

function headerLine(botId: number, lastUpdateId: number, at: number, api: string): string {
  return `${JSON.stringify({ journal: FORMAT, version: VERSION, bot: botId, lastUpdateId, at, api })}\n`;
}

/** Writes all of `bytes` at the file's end: writeSync may write fewer bytes than asked (a full disk) without failing. */
function writeFully(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) {
    const wrote = writeSync(fd, bytes, written, bytes.length - written);
    if (wrote <= 0) throw new Error(`no room to write the journal (${bytes.length - written} bytes left)`);
    written += wrote;
  }
}

/**
 * Writes `lines` to a new file beside `path`, flushes it, and renames it over `path`: a crash leaves the old
 * file or the new one, never half of one. Returns the new file's descriptor, open for appending.
 */
function writeJournal(path: string, lines: readonly string[]): { readonly fd: number; readonly size: number } {
  const temporary = `${path}.tmp`;
  rmSync(temporary, { force: true });
  // Readers' messages and ids: for the bot's user only.
  const fd = openSync(temporary, "ax", 0o600);
  const bytes = Buffer.from(lines.join(""));
  try {
    writeFully(fd, bytes);
    fdatasyncSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  // The rename itself survives a power loss once the folder is flushed (not possible everywhere: best effort).
  try {
    const folder = openSync(dirname(path), "r");
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  } catch {
    // A folder that cannot be flushed keeps the rename in the page cache: safe against a crash of the bot.
  }
  return { fd, size: bytes.length };
}

/** Reads the journal at `path`; one that cannot be read or trusted is renamed aside, logged, and read as empty. */
async function readOrSetAside(path: string, botId: number, logger: Logger): Promise<Exclude<JournalContents, { problem: string }>> {
  const empty = { pending: [], lastUpdateId: 0, lastAt: 0, api: DEFAULT_API_ROOT, cutShort: false };
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return empty;
    if (code === "EISDIR") throw new UpdateJournalError(path, "unwritable", "it is a folder");
    await setAside(path, `it cannot be read (${(error as Error).message})`, logger);
    return empty;
  }
  const read = readJournal(text, botId);
  if (!("problem" in read)) return read;
  await setAside(path, read.problem, logger);
  return empty;
}

async function setAside(path: string, reason: string, logger: Logger): Promise<void> {
  const aside = `${path}.set-aside-${new Date().toISOString().replace(/[:.]/gu, "-")}`;
  await rename(path, aside).catch((error: Error) => {
    throw new UpdateJournalError(path, "unwritable", `it cannot be read (${reason}), nor renamed aside (${error.message})`);
  });
  logger.warn({ path, setAside: aside, reason }, "update journal set aside: nothing is answered again from it (read it to see what was lost)");
}

interface Lock {
  release(): Promise<void>;
}

/**
 * Takes `path`.lock, holding this process's id and, where the system tells it, when the process started: two
 * processes on one journal would answer each other's updates. A lock whose process is gone (killed) is taken
 * over — also when its id now names another process, started later (after a restart, ids are given out again:
 * a container's bot may find its old id taken by a shell).
 */
async function takeLock(path: string): Promise<Lock> {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, "wx", 0o600);
      await handle.writeFile(`${[process.pid, processStartTime(process.pid)].filter((part) => part !== undefined).join(" ")}\n`);
      await handle.close();
      return { release: () => rm(lockPath, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw new UpdateJournalError(path, "unwritable", (error as Error).message);
      const [pidText = "", started] = (await readFile(lockPath, "utf8").catch(() => "")).trim().split(" ");
      const holder = Number.parseInt(pidText, 10);
      if (isRunning(holder, started)) throw new UpdateJournalError(path, "in-use", `process ${holder} holds it (${lockPath})`);
      await rm(lockPath, { force: true });
    }
  }
}

/**
 * When process `pid` started, in clock ticks since the machine booted (field 22 of /proc/PID/stat), as text;
 * undefined where /proc does not tell (not Linux, or no such process). With the id, it names one process.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself: count from its end.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
}

/**
 * Whether another process with this id is alive, and is the one that took the lock when the lock says when that
 * one started. This process's own id is a lock left by an earlier run.
 */
function isRunning(pid: number, started: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  if (started !== undefined) {
    const now = processStartTime(pid);
    if (now !== undefined) return now === started;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
