import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { MessageEntity, Update, UserFromGetMe } from "grammy/types";

export const TEST_TOKEN = "123456789:AAHfakeTokenForTestsOnly_abcdefghijk";

export const TEST_BOT: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: "إسناد",
  username: "isnad_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/**
 * A fault the stand-in plays instead of answering one call: an error status (429 with retry_after, 4xx, 5xx),
 * a connection dropped before the call is carried out (`drop`), a call carried out whose response is lost
 * (`lostResponse`: the message is sent, no response comes until the bot gives up waiting), or a stall (`stallMs`: the call waits that
 * long, then is carried out and answered — past the bot's request timeout it is a dead connection).
 */
export type Fault =
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly status: 400 | 401 | 403 | 409 | 500 | 502 | 503; readonly description?: string }
  | { readonly drop: true }
  | { readonly lostResponse: true }
  | { readonly stallMs: number };

/** Which calls a fault applies to, and how many times. */
export interface FaultScope {
  /** Only calls whose payload's chat_id is this chat (sendMessage, sendChatAction…). */
  readonly chatId?: number;
  /** How many calls in a row get it. Default 1; Infinity for every call until `clearFaults`. */
  readonly times?: number;
}

export interface RecordedCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  readonly at: number;
  /** The description when the stand-in refused the call as Telegram would (400). */
  readonly rejected?: string;
}

/**
 * A local stand-in for the Bot API server, enough to run the bot over real HTTP: it holds getUpdates open
 * like a long poll until an update is queued, records every call, checks outgoing messages as Telegram does
 * (1–4096 characters, entities inside the text in UTF-16 units, well-formed HTML when parse_mode is HTML),
 * and plays queued faults: a 429 with retry_after, a 5xx, or a dropped connection.
 */
export class BotApiStandIn {
  readonly calls: RecordedCall[] = [];
  private readonly server: Server;
  private readonly updates: Update[] = [];
  private readonly faults = new Map<string, Array<{ fault: Fault; left: number }>>();
  /** Telegram forgets an update once a getUpdates asks for a higher offset: it is then confirmed. */
  private confirmedBelow = 0;
  private waiters: Array<() => void> = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  /** When each update was first handed to the bot, by update id. */
  readonly deliveredAt = new Map<number, number>();
  /** How many times each update was handed to the bot (more than once when it was not confirmed). */
  readonly deliveries = new Map<number, number>();
  private stalls: Array<() => void> = [];

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  static async start(): Promise<BotApiStandIn> {
    const standIn = new BotApiStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    return standIn;
  }

  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const wake of this.stalls) wake();
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues an update (its update_id is assigned here) and wakes a waiting getUpdates. */
  push(update: Omit<Update, "update_id">): number {
    const id = this.nextUpdateId++;
    this.updates.push({ ...update, update_id: id } as Update);
    for (const wake of this.waiters.splice(0)) wake();
    return id;
  }

  /**
   * The next call of `method` (of one chat's, with `scope.chatId`) gets `fault` instead of an answer, or the
   * next `scope.times` calls. Faults queue up in order; a chat's are played before the method's.
   */
  fail(method: string, fault: Fault, scope: FaultScope = {}): void {
    const key = scope.chatId === undefined ? method : `${method}:${scope.chatId}`;
    this.faults.set(key, [...(this.faults.get(key) ?? []), { fault, left: scope.times ?? 1 }]);
  }

  /** Forgets every queued fault (a fault with `times: Infinity` plays until then). */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Update ids below this were confirmed by a getUpdates with a higher offset, and will not be sent again. */
  get confirmedOffset(): number {
    return this.confirmedBelow;
  }

  private takeFault(method: string, payload: Record<string, unknown>): Fault | undefined {
    for (const key of [`${method}:${String(payload.chat_id)}`, method]) {
      const queue = this.faults.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.left -= 1;
      if (head.left <= 0) queue.shift();
      return head.fault;
    }
    return undefined;
  }

  sent(method = "sendMessage"): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && !call.rejected);
  }

  /** Resolves when `predicate` holds over the recorded calls, or rejects after `ms`. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) throw new Error(`timed out; calls: ${this.calls.map((call) => call.method).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/u.exec(request.url ?? "");
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (!match) return void response.writeHead(404).end();
    const method = match[2]!;
    const body = Buffer.concat(chunks).toString("utf8");
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const fault = this.takeFault(method, payload);
    if (fault && "drop" in fault) {
      this.calls.push({ method, payload, at: Date.now(), rejected: "dropped" });
      request.socket.destroy();
      return;
    }
    if (fault && "stallMs" in fault) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, fault.stallMs);
        this.stalls.push(() => (clearTimeout(timer), resolve()));
      });
      // The bot gave up waiting (its request timeout): the call is not carried out.
      if (request.socket.destroyed) return void this.calls.push({ method, payload, at: Date.now(), rejected: "stalled" });
    }
    if (fault && "lostResponse" in fault) {
      // Carried out as usual, but the response never comes back: the bot waits until its request times out
      // and cannot know whether the call was carried out.
      this.carryOut(method, payload, () => false);
      await new Promise<void>((resolve) => {
        request.socket.once("close", () => resolve());
        this.stalls.push(() => (request.socket.destroy(), resolve()));
      });
      return;
    }
    if (fault && "status" in fault) {
      const description = "retryAfter" in fault ? `Too Many Requests: retry after ${fault.retryAfter}` : (fault.description ?? `Error ${fault.status}`);
      this.calls.push({ method, payload, at: Date.now(), rejected: description });
      return void this.reply(response, fault.status, {
        ok: false,
        error_code: fault.status,
        description,
        ...("retryAfter" in fault ? { parameters: { retry_after: fault.retryAfter } } : {}),
      });
    }
    this.carryOut(method, payload, (status, body) => this.reply(response, status, body));
  }

  private carryOut(method: string, payload: Record<string, unknown>, respond: Respond): unknown {
    if (method === "getUpdates") return void this.getUpdates(payload, respond);
    if (method === "sendMessage") {
      const problem = checkOutgoingMessage(payload);
      this.calls.push({ method, payload, at: Date.now(), ...(problem ? { rejected: problem } : {}) });
      if (problem) return respond(400, { ok: false, error_code: 400, description: `Bad Request: ${problem}` });
      const chat = { id: payload.chat_id, type: Number(payload.chat_id) > 0 ? "private" : "supergroup", title: "test" };
      return respond(200, { ok: true, result: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from: TEST_BOT, text: payload.text } });
    }
    if (method === "answerInlineQuery") {
      const problem = checkInlineAnswer(payload);
      this.calls.push({ method, payload, at: Date.now(), ...(problem ? { rejected: problem } : {}) });
      if (problem) return respond(400, { ok: false, error_code: 400, description: `Bad Request: ${problem}` });
      return respond(200, { ok: true, result: true });
    }
    this.calls.push({ method, payload, at: Date.now() });
    const results: Record<string, unknown> = { getMe: TEST_BOT, deleteWebhook: true, setMyCommands: true, sendChatAction: true, setWebhook: true, ...VOTE_BUTTON_RESULTS };
    if (!(method in results)) return respond(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    return respond(200, { ok: true, result: results[method] });
  }

  private async getUpdates(payload: Record<string, unknown>, respond: Respond): Promise<void> {
    this.calls.push({ method: "getUpdates", payload, at: Date.now() });
    this.confirmedBelow = Math.max(this.confirmedBelow, Number(payload.offset ?? 0));
    const limit = Math.min(Math.max(Number(payload.limit ?? 100), 1), 100);
    const pending = () => this.updates.filter((update) => update.update_id >= this.confirmedBelow).slice(0, limit);
    if (pending().length === 0) {
      // Hold the request like a long poll: until an update arrives or the poll's timeout (capped for tests).
      const seconds = Math.min(Number(payload.timeout ?? 0), 5);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const batch = pending();
    // A poll the bot gave up on (it stopped, or its request timed out) hands nothing over.
    if (!respond(200, { ok: true, result: batch })) return;
    for (const update of batch) {
      if (!this.deliveredAt.has(update.update_id)) this.deliveredAt.set(update.update_id, Date.now());
      this.deliveries.set(update.update_id, (this.deliveries.get(update.update_id) ?? 0) + 1);
    }
  }

  /** Answers the call; false when the connection is already gone. */
  private reply(response: ServerResponse, status: number, body: unknown): boolean {
    if (response.destroyed || response.headersSent) return false;
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    return true;
  }
}

// Added for the several-instances test (issue 24): the calls a press of a vote button makes. Telegram answers
// both with true here (editMessageReplyMarkup returns the message, which the bot does not read).
const VOTE_BUTTON_RESULTS: Record<string, unknown> = { answerCallbackQuery: true, editMessageReplyMarkup: true };

type Respond = (status: number, body: unknown) => boolean;

const HTML_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);

/** What Telegram would refuse in a sendMessage payload, or undefined when it would send it. */
export function checkOutgoingMessage(payload: Record<string, unknown>): string | undefined {
  const text = payload.text;
  if (typeof text !== "string") return "message text is empty";
  let visible = text;
  if (payload.parse_mode === "HTML") {
    const stack: string[] = [];
    for (const match of text.matchAll(/<(\/?)([a-z-]+)[^>]*>|<|>|&(?:lt|gt|amp|quot|#\d+);|&/gu)) {
      const token = match[0];
      if (token === "<" || token === ">" || token === "&") return `can't parse entities: unescaped "${token}"`;
      if (!match[2]) continue;
      if (!HTML_TAGS.has(match[2])) return `can't parse entities: unsupported tag "${match[2]}"`;
      if (match[1]) {
        if (stack.pop() !== match[2]) return `can't parse entities: unbalanced "${match[2]}"`;
      } else stack.push(match[2]);
    }
    if (stack.length > 0) return `can't parse entities: unclosed "${stack.at(-1)}"`;
    visible = text.replace(/<[^>]+>/gu, "").replace(/&(lt|gt|amp|quot);/gu, "x").replace(/&#\d+;/gu, "x");
  } else if (payload.parse_mode !== undefined) {
    return "only HTML parse mode is checked by this stand-in";
  }
  if (visible.trim().length === 0) return "message text is empty";
  // Telegram's rule for inline buttons: callback data of 1 to 64 bytes.
  const keyboard = (payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined)?.inline_keyboard ?? [];
  for (const button of keyboard.flat()) {
    const bytes = Buffer.byteLength(button.callback_data ?? "", "utf8");
    if (button.callback_data !== undefined && (bytes < 1 || bytes > 64)) return "BUTTON_DATA_INVALID";
  }
  if (visible.length > 4096) return "message is too long";
  for (const entity of (payload.entities as MessageEntity[] | undefined) ?? []) {
    if (entity.offset < 0 || entity.length <= 0 || entity.offset + entity.length > visible.length) {
      return `entity ${entity.type} at ${entity.offset}+${entity.length} is outside the text (${visible.length} UTF-16 units)`;
    }
    // Telegram refuses a link it cannot open: "can't parse entities: wrong HTTP URL".
    if (entity.type === "text_link" && !/^(https?|tg):\/\/\S+$/u.test(entity.url)) return `can't parse entities: wrong HTTP URL "${entity.url}"`;
  }
  return undefined;
}

/**
 * What Telegram refuses in answerInlineQuery: more than 50 results, an id over 64 bytes, a button text that is
 * empty, or a result whose message would be refused (checkOutgoingMessage).
 */
export function checkInlineAnswer(payload: Record<string, unknown>): string | undefined {
  const results = payload.results as Array<{ id: string; input_message_content?: Record<string, unknown> }> | undefined;
  if (!Array.isArray(results)) return "results must be an array";
  if (results.length > 50) return "too many inline query results";
  for (const result of results) {
    if (Buffer.byteLength(result.id, "utf8") > 64 || result.id.length === 0) return "RESULT_ID_INVALID";
    const content = result.input_message_content;
    if (!content) return "input_message_content is missing";
    const problem = checkOutgoingMessage({ text: content.message_text, entities: content.entities, parse_mode: content.parse_mode });
    if (problem) return problem;
  }
  const button = payload.button as { text?: string } | undefined;
  if (button && !button.text) return "BUTTON_TEXT_INVALID";
  return undefined;
}
