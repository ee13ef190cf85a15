import type { BotContext } from "./bot-context.js";

/**
 * The question in a message that is meant for the bot, or undefined when the bot should stay silent.
 *
 * - Private chats: every text that is not another command.
 * - Groups: `/ask@bot …` (or `/ask …`), a message that @mentions the bot, or a reply to one of the bot's
 *   messages — the ways that reach a bot with privacy mode on (a mention needs privacy mode off, or the
 *   bot being an admin). Everything else in a group is not for the bot.
 *
 * The returned text has the command and the mention removed; it may be empty ("/ask" alone).
 */
export function questionFor(ctx: BotContext): string | undefined {
  const message = ctx.msg;
  const text = message?.text;
  if (!message || text === undefined) return undefined;
  const entities = message.entities ?? [];
  const command = entities.find((entity) => entity.type === "bot_command" && entity.offset === 0);
  if (command) {
    const [name, target] = text.slice(1, command.length).split("@");
    if (target !== undefined && target.toLowerCase() !== ctx.me.username.toLowerCase()) return undefined;
    return name?.toLowerCase() === "ask" ? text.slice(command.length).trim() : undefined;
  }
  if (ctx.chat?.type === "private") return text;
  const mentions = entities.filter(
    (entity) =>
      (entity.type === "mention" && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${ctx.me.username.toLowerCase()}`) ||
      (entity.type === "text_mention" && entity.user.id === ctx.me.id),
  );
  if (mentions.length === 0 && !isReplyToBot(ctx)) return undefined;
  let question = text;
  for (const mention of [...mentions].sort((a, b) => b.offset - a.offset)) {
    question = question.slice(0, mention.offset) + question.slice(mention.offset + mention.length);
  }
  return question.trim();
}

/** True when the message replies to one of the bot's own messages. */
export function isReplyToBot(ctx: BotContext): boolean {
  return ctx.msg?.reply_to_message?.from?.id === ctx.me.id;
}
