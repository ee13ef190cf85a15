import { Composer } from "grammy";
import { isReplyToBot } from "../addressing.js";
import { BOT_TEXT } from "../bot-messages.js";
import type { BotContext } from "../bot-context.js";
import { replyTo } from "../reply.js";

/**
 * What is left: stickers, photos, voice, files… get a short note that only text questions are supported
 * (in groups only when they reply to the bot); an unknown command in a private chat points to /help.
 * Everything else is ignored.
 */
export function unsupportedFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("message").filter(
    (ctx) => ctx.msg.text === undefined && (ctx.chat.type === "private" || isReplyToBot(ctx)) && !ctx.msg.new_chat_members && !ctx.msg.left_chat_member,
    async (ctx) => {
      await replyTo(ctx, BOT_TEXT.textOnly);
    },
  );
  composer.chatType("private").on("message::bot_command", async (ctx) => {
    await replyTo(ctx, BOT_TEXT.help.replace("{bot}", ctx.me.username));
  });
  return composer;
}
