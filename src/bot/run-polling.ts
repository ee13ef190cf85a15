import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, type Bot } from "grammy";
import { IsnadError } from "../errors.js";
import type { Logger } from "../logger.js";
import { ADMIN_COMMANDS, BOT_COMMANDS } from "./bot-messages.js";
import type { BotContext } from "./bot-context.js";
import type { InFlight } from "./create-bot.js";

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

/** Registers the Arabic command menu: the public list for everyone, with the admin commands for admins. */
export async function registerCommands(bot: Bot<BotContext>, adminUserIds: readonly number[], logger: Logger): Promise<void> {
  await bot.api.setMyCommands([...BOT_COMMANDS]);
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
  /** Updates handled at once. Retrieval is CPU-bound: a few are enough on 2 cores. Default 4. */
  readonly concurrency?: number;
}

/**
 * Starts long polling with @grammyjs/runner: identifies the bot (getMe), removes any webhook, registers the
 * commands, then fetches with a 30 s long poll. Fetch errors are retried with a slowly growing pause;
 * 401 and 409 end the returned `finished` promise with a TelegramFatalError.
 */
export async function startPolling(bot: Bot<BotContext>, options: PollingOptions): Promise<{ runner: RunnerHandle; finished: Promise<void> }> {
  try {
    await bot.init();
    await bot.api.deleteWebhook();
    await registerCommands(bot, options.adminUserIds, options.logger);
  } catch (error) {
    throw asFatal(error);
  }
  const runner = run(bot, {
    // silent: the runner would print fetch errors itself, HttpError URLs (and so the token) included;
    // the bot's transformers log them without it.
    runner: { fetch: { timeout: 30, allowed_updates: [...ALLOWED_UPDATES] }, retryInterval: "quadratic", silent: true },
    sink: { concurrency: options.concurrency ?? 4 },
  });
  options.logger.info({ bot: bot.botInfo.username }, "polling for updates");
  const finished = (runner.task() ?? Promise.resolve()).catch((error: unknown) => {
    throw asFatal(error);
  });
  return { runner, finished };
}

/**
 * Stops taking updates and waits for the ones being answered (and for background reports) to finish, at
 * most `deadlineMs`.
 */
export async function drain(inFlight: InFlight, deadlineMs: number): Promise<boolean> {
  const pending = [...inFlight.updates, ...inFlight.background];
  if (pending.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const done = await Promise.race([Promise.allSettled(pending).then(() => true), timeout]);
  clearTimeout(timer);
  return done;
}
