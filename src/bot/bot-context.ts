import type { Context } from "grammy";
import type { Logger } from "../logger.js";

/** grammY's context with a logger bound to the update (update id, chat type; never message text). */
export type BotContext = Context & { log: Logger };
