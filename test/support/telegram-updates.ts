import type { Transformer } from "grammy";
import type { Message, MessageEntity, Update, User } from "grammy/types";
import { checkInlineAnswer, checkOutgoingMessage, TEST_BOT } from "./bot-api-stand-in.js";

export const ALICE: User = { id: 1001, is_bot: false, first_name: "Alice", language_code: "ar" };
export const ADMIN: User = { id: 4242, is_bot: false, first_name: "Admin" };
export const GROUP = { id: -100777, type: "supergroup" as const, title: "مجموعة" };

let nextId = 1;

/** Entities Telegram would attach: a command at the start, and @mentions. */
function entitiesOf(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[a-z_]+(@\w+)?/u.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/@\w+/gu)) {
    if (!command || mention.index >= command[0].length) entities.push({ type: "mention", offset: mention.index, length: mention[0].length });
  }
  return entities;
}

interface MessageOptions {
  readonly from?: User;
  readonly chat?: "private" | "group";
  /** The message replied to: the bot's or a member's, with its id when a test needs a real one. */
  readonly replyTo?: { readonly fromBot: boolean; readonly messageId?: number };
  readonly edited?: boolean;
}

/** A text message update as Telegram sends it (entities included). */
export function textUpdate(text: string, options: MessageOptions = {}): Omit<Update, "update_id"> & { update_id: number } {
  return messageUpdate({ text, entities: entitiesOf(text) }, options);
}

/** A message update with other content (a sticker, a photo…). */
export function messageUpdate(content: Partial<Message>, options: MessageOptions = {}): Omit<Update, "update_id"> & { update_id: number } {
  const from = options.from ?? ALICE;
  const chat = options.chat === "group" ? GROUP : { id: from.id, type: "private" as const, first_name: from.first_name };
  const message = {
    message_id: nextId++,
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    ...content,
    ...(options.replyTo
      ? { reply_to_message: { message_id: options.replyTo.messageId ?? nextId++, date: 0, chat, from: options.replyTo.fromBot ? TEST_BOT : { id: 999, is_bot: false, first_name: "Bob" }, text: "…" } }
      : {}),
    ...(options.edited ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
  } as Message;
  return { update_id: nextId++, ...(options.edited ? { edited_message: message } : { message }) } as Omit<Update, "update_id"> & { update_id: number };
}

/** An inline query update («@bot question» typed in any chat), as Telegram sends it. */
export function inlineQueryUpdate(query: string, from: User = ALICE): Omit<Update, "update_id"> & { update_id: number } {
  return { update_id: nextId++, inline_query: { id: String(nextId++), from, query, offset: "", chat_type: "sender" } } as Omit<Update, "update_id"> & { update_id: number };
}

/** A press of an inline button under one of the bot's messages (callback_data), as Telegram sends it. */
export function callbackQueryUpdate(data: string, message: { readonly chatId: number; readonly messageId: number }, from: User = ALICE): Omit<Update, "update_id"> & { update_id: number } {
  const chat = message.chatId === GROUP.id ? GROUP : { id: message.chatId, type: "private" as const, first_name: from.first_name };
  return {
    update_id: nextId++,
    callback_query: { id: String(nextId++), from, chat_instance: "1", data, message: { message_id: message.messageId, date: 0, chat, from: TEST_BOT, text: "…" } },
  } as Omit<Update, "update_id"> & { update_id: number };
}

export interface ApiCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  /** The id Telegram gave a message sent. */
  readonly messageId?: number;
}

/**
 * A fake Bot API as the innermost transformer: records every call, answers like Telegram (refusing what
 * Telegram would refuse), and plays faults queued with `fail`.
 */
export function fakeBotApi(): { transformer: Transformer; calls: ApiCall[]; fail: (method: string, response: Record<string, unknown>) => void; sent: () => ApiCall[] } {
  const calls: ApiCall[] = [];
  const faults = new Map<string, Array<Record<string, unknown>>>();
  let messageId = 5000;
  const transformer: Transformer = async (_prev, method, payload) => {
    const recorded: { method: string; payload: Record<string, unknown>; messageId?: number } = { method, payload: payload as Record<string, unknown> };
    calls.push(recorded);
    const fault = faults.get(method)?.shift();
    if (fault) return fault as never;
    if (method === "answerInlineQuery") {
      const problem = checkInlineAnswer(recorded.payload);
      if (problem) return { ok: false, error_code: 400, description: `Bad Request: ${problem}` } as never;
    }
    if (method === "sendMessage") {
      const problem = checkOutgoingMessage(recorded.payload);
      if (problem) return { ok: false, error_code: 400, description: `Bad Request: ${problem}` } as never;
      recorded.messageId = messageId++;
      return { ok: true, result: { message_id: recorded.messageId, date: 0, chat: { id: recorded.payload.chat_id, type: "private" }, text: recorded.payload.text } } as never;
    }
    return { ok: true, result: true } as never;
  };
  return {
    transformer,
    calls,
    fail: (method, response) => faults.set(method, [...(faults.get(method) ?? []), response]),
    sent: () => calls.filter((call) => call.method === "sendMessage"),
  };
}
