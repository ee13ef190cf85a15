import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, HttpError, type Bot, type BotError } from "grammy";
import type { Update } from "grammy/types";
import { IsnadError } from "../errors.js";
import type { Logger } from "../logger.js";
import { ADMIN_COMMANDS, BOT_COMMANDS } from "./bot-messages.js";
import type { BotContext } from "./bot-context.js";
import { networkCause } from "./api-transformers.js";
import type { InFlight } from "./create-bot.js";
import type { UpdateJournal } from "./update-journal.js";

/** Telegram refused the bot for good: a bad token (401) or another poller on the same token (409). */
export class TelegramFatalError extends IsnadError {
  readonly code = "TELEGRAM_FATAL";
  constructor(
    readonly errorCode: number,
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** The update kinds the bot handles; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "edited_message", "inline_query", "callback_query"] as const;

/** Turns a 401 or 409 from Telegram into a TelegramFatalError that says what to do; other errors pass. */
export function asFatal(error: unknown): unknown {
  if (!(error instanceof GrammyError)) return error;
  if (error.error_code === 401) {
    return new TelegramFatalError(401, "Telegram refused the bot token (401 Unauthorized).", "Check TELEGRAM_BOT_TOKEN: copy it again from @BotFather.");
  }
  if (error.error_code === 409) {
    return new TelegramFatalError(
      409,
      "Another process is receiving this bot's updates (409 Conflict).",
      "Stop the other instance (only one may poll per token), or remove the webhook set elsewhere.",
    );
  }
  return error;
}

/** The Bot API could not be reached at start, for as long as the bot kept trying. */
export class TelegramUnreachableError extends IsnadError {
  readonly code = "TELEGRAM_UNREACHABLE";
  readonly fix: string;
  constructor(
    readonly apiRoot: string,
    readonly reason: string,
    seconds: number,
  ) {
    super(`The Bot API at ${apiRoot} could not be reached for ${seconds} s (${reason}).`);
    this.fix =
      reason === "ENOTFOUND" || reason === "EAI_AGAIN"
        ? "Its host name does not resolve: check DNS and the network, and TELEGRAM_API_ROOT if you set it."
        : "Check the network (a firewall or a proxy in the way?) and TELEGRAM_API_ROOT if you set it; a self-hosted Bot API server must be running.";
  }
}

/** Telegram's own Bot API, when TELEGRAM_API_ROOT is not set. */
const TELEGRAM_API_ROOT = "https://api.telegram.org";

/** How long the bot keeps trying to reach the Bot API at start before it gives up. */
const START_DEADLINE_MS = 60_000;

/**
 * Calls the Bot API at start until it answers: network errors, 5xx and 429 are retried with growing pauses
 * (1, 2, 4 … 15 s), each failure logged with its cause and where the bot is looking, until `deadlineMs`;
 * then a TelegramUnreachableError. 401 and 409 end at once as a TelegramFatalError.
 */
export async function callAtStart<T>(what: string, call: () => Promise<T>, options: { logger: Logger; apiRoot?: string; deadlineMs?: number }): Promise<T> {
  const apiRoot = options.apiRoot ?? TELEGRAM_API_ROOT;
  const started = Date.now();
  const deadline = started + (options.deadlineMs ?? START_DEADLINE_MS);
  let pause = 1000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const fatal = asFatal(error);
      if (fatal !== error) throw fatal;
      const transient = error instanceof HttpError || (error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429));
      if (!transient) throw error;
      const cause = error instanceof HttpError ? networkCause(error) : `${error.error_code} ${error.description}`;
      if (Date.now() + pause > deadline) throw new TelegramUnreachableError(apiRoot, cause, Math.round((Date.now() - started) / 1000));
      options.logger.warn(
        { call: what, cause, apiRoot, retryInSeconds: pause / 1000 },
        "Bot API not reachable at start: retrying (check the network, DNS, a proxy, and TELEGRAM_API_ROOT)",
      );
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 15_000);
    }
  }
}

/**
 * Registers the Arabic command menu: the public list for everyone, with the admin commands for admins. A
 * failure is logged, never fatal: the menu is a convenience, and commands work without it.
 */
export async function registerCommands(bot: Bot<BotContext>, adminUserIds: readonly number[], logger: Logger): Promise<void> {
  await bot.api.setMyCommands([...BOT_COMMANDS]).catch((error: Error) => {
    logger.warn({ err: { name: error.name, message: error.message } }, "command menu not set");
  });
  for (const chatId of adminUserIds) {
    // Fails for an admin who never opened a chat with the bot: not a reason to stop.
    await bot.api.setMyCommands([...ADMIN_COMMANDS], { scope: { type: "chat", chat_id: chatId } }).catch((error: Error) => {
      logger.warn({ chatId, err: { message: error.message } }, "admin command menu not set");
    });
  }
}

export interface PollingOptions {
  readonly logger: Logger;
  readonly adminUserIds: readonly number[];
  /** TELEGRAM_API_ROOT, named in the logs when the Bot API cannot be reached. */
  readonly apiRoot?: string;
  /**
   * Updates taken at once (1–100): the runner fetches more only while fewer are being handled. An update
   * waiting for its chat's turn holds a place too, so this is well above what runs at the same moment:
   * a chat held up by a flood wait must not starve the others. Default 100, a getUpdates' most.
   */
  readonly concurrency?: number;
  /** How long the Bot API may stay unreachable at start before the bot gives up. Default 60 s. */
  readonly startDeadlineMs?: number;
  /** Where the command menu's registration (in the background) is tracked, so a stop waits for it. */
  readonly inFlight?: InFlight;
  /**
   * The update journal (UPDATE_JOURNAL_FILE): what a crash left unfinished is answered first, and every batch
   * fetched is recorded in it before it is handled. Give the same journal to createBot, which records each
   * update finished.
   */
  readonly journal?: UpdateJournal;
}

/**
 * Starts long polling with @grammyjs/runner: identifies the bot (getMe) and removes any webhook — both
 * retried while the Bot API is unreachable, see callAtStart — registers the commands in the background,
 * starts answering what a crash left unfinished (the journal), then fetches with a 30 s long poll. Fetch errors are
 * retried with a slowly growing pause; 401 and 409 end the returned `finished` promise with a
 * TelegramFatalError.
 */
export async function startPolling(bot: Bot<BotContext>, options: PollingOptions): Promise<{ runner: RunnerHandle; finished: Promise<void> }> {
  const startOptions = { logger: options.logger, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), ...(options.startDeadlineMs ? { deadlineMs: options.startDeadlineMs } : {}) };
  // Not bot.init(): it retries getMe forever, silently. Known bot info (tests) skips the call.
  if (!bot.isInited()) bot.botInfo = await callAtStart("getMe", () => bot.api.getMe(), startOptions);
  await callAtStart("deleteWebhook", () => bot.api.deleteWebhook(), startOptions);
  const registering = registerCommands(bot, options.adminUserIds, options.logger);
  options.inFlight?.background.add(registering);
  void registering.finally(() => options.inFlight?.background.delete(registering));
  if (options.journal) answerUnfinished(bot, await options.journal.takeUnfinished(), options.logger);
  const runner = run(options.journal ? journaledSource(bot, options.journal) : bot, {
    // silent: the runner would print fetch errors itself, HttpError URLs (and so the token) included;
    // the bot's transformers log them without it.
    runner: { fetch: { timeout: 30, allowed_updates: [...ALLOWED_UPDATES] }, retryInterval: "quadratic", silent: true },
    sink: { concurrency: options.concurrency ?? 100 },
  });
  options.logger.info({ bot: bot.botInfo.username }, "polling for updates");
  const finished = (runner.task() ?? Promise.resolve()).catch((error: unknown) => {
    throw asFatal(error);
  });
  return { runner, finished };
}

/**
 * Starts answering the updates a crash left unfinished, before any new one is fetched: per-chat ordering
 * then puts them ahead of their chats' new messages. They are not journaled again (see takeUnfinished).
 */
function answerUnfinished(bot: Bot<BotContext>, updates: readonly Update[], logger: Logger): void {
  if (updates.length === 0) return;
  logger.info({ updates: updates.length, updateIds: updates.map((update) => update.update_id) }, "answering the updates a crash left unfinished");
  for (const update of updates) void bot.handleUpdate(update).catch((error: unknown) => bot.errorHandler(error as BotError<BotContext>));
}

/** What the runner runs: a bot, or anything with its updates and its fetch (the type is not exported). */
type RunnerSource = Parameters<typeof run<Update, BotError<BotContext>>>[0];

/**
 * The bot as the runner sees it, with the journal in its fetches: a batch is on disk before the runner hands
 * it on — and so before the next getUpdates, which confirms it to Telegram. Fetches ask past the last update
 * the journal knows: a batch the last run took and Telegram still holds unconfirmed is in the journal, its
 * unfinished updates answered from there, and none of it a second time.
 */
function journaledSource(bot: Bot<BotContext>, journal: UpdateJournal): RunnerSource {
  const past = journal.lastTakenId + 1;
  return {
    init: () => bot.init(),
    handleUpdate: (update) => bot.handleUpdate(update),
    errorHandler: (error) => bot.errorHandler(error),
    api: {
      getUpdates: async (args, signal) => {
        const updates = await bot.api.getUpdates({ ...args, offset: Math.max(args.offset, past) }, signal);
        await journal.taken(updates);
        return updates;
      },
    },
  };
}

export interface PollingStop {
  /** Every update taken was finished before the deadline. */
  readonly drained: boolean;
  /** Updates still unfinished at the deadline: dropped (they are confirmed with the rest). */
  readonly abandoned: number;
  /** Telegram was told the updates taken are done, so none comes again after a restart. */
  readonly confirmed: boolean;
}

/**
 * A graceful stop of long polling: no more fetching, the updates taken (and background work) finished for
 * at most `deadlineMs`, then one last getUpdates whose offset confirms them all to Telegram — without it,
 * Telegram sends them again to the next start, which answers them twice. Skip the confirmation
 * (`confirm: false`) after a 401 or 409, when getUpdates cannot succeed.
 */
export async function stopPolling(bot: Bot<BotContext>, runner: RunnerHandle, inFlight: InFlight, options: { deadlineMs: number; logger: Logger; confirm?: boolean }): Promise<PollingStop> {
  // The runner's stop resolves once its loop ends, which may wait for room in its queue: not needed here.
  if (runner.isRunning()) void runner.stop()?.catch(() => undefined);
  const drained = await drain(inFlight, options.deadlineMs);
  let confirmed = false;
  if (options.confirm !== false && inFlight.lastUpdateId > 0) {
    try {
      // limit 1, timeout 0: returns at once; an update it hands back is not confirmed and comes next time.
      await bot.api.getUpdates({ offset: inFlight.lastUpdateId + 1, limit: 1, timeout: 0 }, AbortSignal.timeout(2000) as never);
      confirmed = true;
    } catch (error) {
      options.logger.warn({ cause: networkCause(error), lastUpdateId: inFlight.lastUpdateId }, "updates handled but not confirmed: Telegram may send them again at the next start");
    }
  }
  return { drained, abandoned: inFlight.updates.size, confirmed };
}

/**
 * Waits for the updates being handled (those that arrive meanwhile too) and for background work, at most
 * `deadlineMs`; true when all finished in time.
 */
export async function drain(inFlight: InFlight, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const pending = [...inFlight.updates, ...inFlight.background];
    if (pending.length === 0) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), left);
    });
    const done = await Promise.race([Promise.allSettled(pending).then(() => true), timeout]);
    clearTimeout(timer);
    if (!done) return false;
  }
}
