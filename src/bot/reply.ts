import type { FormattedString } from "@grammyjs/parse-mode";
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import type { BotContext } from "./bot-context.js";

/**
 * Replies to the message that asked, as text with entities (never parsed markup), with link previews off, and
 * buttons under it when given. When the asking message is gone, the reply is still sent. Resolves to the
 * message sent.
 */
export async function replyTo(ctx: BotContext, message: string | FormattedString, buttons?: InlineKeyboardMarkup): Promise<Message.TextMessage> {
  const text = typeof message === "string" ? message : message.text;
  const entities = typeof message === "string" ? undefined : message.entities;
  return ctx.reply(text, {
    ...(entities && entities.length > 0 ? { entities } : {}),
    link_preview_options: { is_disabled: true },
    ...(ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}),
    ...(buttons ? { reply_markup: buttons } : {}),
  });
}
