import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../logger.js";
import type { BotContext } from "./bot-context.js";
import type { InFlight } from "./create-bot.js";
import { ALLOWED_UPDATES, callAtStart, drain, registerCommands } from "./run-polling.js";

export interface WebhookOptions {
  /** The public HTTPS URL Telegram posts updates to; its path is the one served. */
  readonly url: string;
  /** Checked against X-Telegram-Bot-Api-Secret-Token on every request. */
  readonly secretToken: string;
  readonly port: number;
  /** The address listened on. Default 0.0.0.0 (all interfaces, as in a container). */
  readonly host?: string;
  /** TELEGRAM_API_ROOT, named in the logs when the Bot API cannot be reached at start. */
  readonly apiRoot?: string;
  readonly logger: Logger;
  readonly adminUserIds: readonly number[];
  /** Larger request bodies are refused with 413 before they are read. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * A request whose headers and body have not all arrived after this long is cut (408), so that slow or
   * stalled clients cannot hold connections. Default 10 s: Telegram sends an update in one go.
   */
  readonly requestTimeoutMs?: number;
}

/**
 * Webhook mode: a small HTTP server with the update endpoint (secret checked by grammY's callback), a body
 * size limit, and GET /healthz for load balancers. Registers the webhook with Telegram once listening.
 */
export async function startWebhook(bot: Bot<BotContext>, options: WebhookOptions): Promise<Server> {
  const path = new URL(options.url).pathname;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const handleUpdate = webhookCallback(bot, "http", { secretToken: options.secretToken, onTimeout: "return", timeoutMilliseconds: 30_000 });
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  // Node checks these timeouts every connectionsCheckingInterval (30 s by default): checked each second here.
  const server = createServer({ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) }, (request: IncomingMessage, response: ServerResponse) => {
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
      // A body that is not JSON is the sender's mistake (grammY's adapter parses it): 400, and a short line.
      if (error instanceof SyntaxError) {
        options.logger.warn("webhook request refused: the body is not JSON");
        if (!response.headersSent) response.writeHead(400).end();
        return;
      }
      // A body cut short (the client went away, or the request timed out) is no fault of the bot.
      if (error.message === "aborted" || (error as { code?: string }).code === "ECONNRESET") {
        options.logger.warn("webhook request abandoned before its body arrived");
        return;
      }
      options.logger.error({ err: { name: error.name, message: error.message } }, "webhook update failed");
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const startOptions = { logger: options.logger, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) };
  // Not bot.init(): it retries getMe forever, silently. Known bot info (tests) skips the call.
  if (!bot.isInited()) bot.botInfo = await callAtStart("getMe", () => bot.api.getMe(), startOptions);
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "0.0.0.0", resolve));
  await callAtStart("setWebhook", () => bot.api.setWebhook(options.url, { secret_token: options.secretToken, allowed_updates: [...ALLOWED_UPDATES] }), startOptions);
  await registerCommands(bot, options.adminUserIds, options.logger);
  options.logger.info({ port: options.port, path }, "webhook server listening");
  return server;
}

/**
 * A graceful stop of the webhook server: no new connections, the updates being handled finished and their
 * 200 sent (Telegram would send an update again if its connection were cut), at most `deadlineMs`; then any
 * connection left is closed. True when everything finished in time.
 */
export async function stopWebhook(server: Server, inFlight: InFlight, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  let closed = false;
  const allClosed = new Promise<void>((resolve) => server.close(() => resolve())).then(() => (closed = true));
  const drained = await drain(inFlight, deadlineMs);
  // A connection kept alive after its response is idle: closed at once; a busy one once its response is sent.
  while (!closed && Date.now() < deadline) {
    server.closeIdleConnections();
    await Promise.race([allClosed, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  server.closeAllConnections();
  return drained && closed;
}
