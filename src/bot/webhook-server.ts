import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../logger.js";
import type { BotContext } from "./bot-context.js";
import { ALLOWED_UPDATES, asFatal, registerCommands } from "./run-polling.js";

export interface WebhookOptions {
  /** The public HTTPS URL Telegram posts updates to; its path is the one served. */
  readonly url: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every request. */
  readonly secretToken: string;
  readonly port: number;
  readonly host?: string;
  readonly logger: Logger;
  readonly adminUserIds: readonly number[];
  /** Larger request bodies are refused with 413 before they are read. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

/**
 * Webhook mode: a small HTTP server with the update endpoint (secret checked by grammY's callback), a body
 * size limit, and GET /healthz for load balancers. Registers the webhook with Telegram once listening.
 */
export async function startWebhook(bot: Bot<BotContext>, options: WebhookOptions): Promise<Server> {
  const path = new URL(options.url).pathname;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const handleUpdate = webhookCallback(bot, "http", { secretToken: options.secretToken, onTimeout: "return", timeoutMilliseconds: 30_000 });
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method === "GET" && url.pathname === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, bot: bot.botInfo.username }));
      return;
    }
    if (request.method !== "POST" || url.pathname !== path) {
      response.writeHead(404).end();
      return;
    }
    const length = Number(request.headers["content-length"]);
    if (!Number.isFinite(length)) {
      response.writeHead(411).end();
      return;
    }
    if (length > maxBody) {
      response.writeHead(413).end();
      request.resume();
      return;
    }
    handleUpdate(request, response).catch((error: Error) => {
      options.logger.error({ err: { name: error.name, message: error.message } }, "webhook update failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  try {
    await bot.init();
  } catch (error) {
    throw asFatal(error);
  }
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "0.0.0.0", resolve));
  await bot.api.setWebhook(options.url, { secret_token: options.secretToken, allowed_updates: [...ALLOWED_UPDATES] });
  await registerCommands(bot, options.adminUserIds, options.logger);
  options.logger.info({ port: options.port, path }, "webhook server listening");
  return server;
}
