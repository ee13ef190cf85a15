import { writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NOT_IN_SOURCES } from "../../src/answer/compose-answer.js";
import { COURTESY_REPLIES, QUESTION_PROBLEM_MESSAGES } from "../../src/question/validate-question.js";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { createBot, type BotDependencies } from "../../src/bot/create-bot.js";
import { drain } from "../../src/bot/run-polling.js";
import type { FeedbackRecord } from "../../src/feedback/feedback-log.js";
import { createLogger } from "../../src/logger.js";
import { AnswerPipeline, ensureFreshIndex, type PipelineOptions } from "../../src/pipeline/answer-pipeline.js";
import { IndexHolder, type QuestionService } from "../../src/pipeline/index-holder.js";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { checkInlineAnswer, checkOutgoingMessage, TEST_BOT, TEST_TOKEN } from "../support/bot-api-stand-in.js";
import { ADMIN, ALICE, callbackQueryUpdate, fakeBotApi, inlineQueryUpdate, messageUpdate, textUpdate } from "../support/telegram-updates.js";
import { openSeedHolder, PROJECT_ROOT, seedCorpus, seedPipelineOptions, temporaryFolder } from "../support/workspace.js";
import { PASSING_MENTION_NOTE, TENTATIVE_NOTE } from "../../src/render/tentative-note.js";

let options: PipelineOptions;
let holder: IndexHolder;

beforeAll(async () => {
  options = seedPipelineOptions();
  holder = await openSeedHolder(options);
});

/** A bot on the real pipeline, a fake Bot API inside it, and a captured log. */
function setUp(overrides: Partial<BotDependencies> = {}) {
  const api = fakeBotApi();
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    format: "json",
    destination: new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  });
  const { bot, inFlight } = createBot(TEST_TOKEN, {
    questions: holder,
    logger,
    adminUserIds: [ADMIN.id],
    botInfo: TEST_BOT,
    innerTransformers: [api.transformer],
    ...overrides,
  });
  const send = (update: ReturnType<typeof textUpdate>) => bot.handleUpdate(update as Update);
  const texts = () => api.sent().map((call) => call.payload.text as string);
  return { bot, api, send, texts, inFlight, log: lines };
}

describe("private chats", () => {
  it("answers a question as a reply: answer with [n], then the source with its quote in an expandable blockquote", async () => {
    const { api, send } = setUp();
    const update = textUpdate("مع من التقى حموشي خلال زيارته إلى تركيا؟");
    await send(update);
    expect(api.calls.map((call) => call.method)).toEqual(["sendChatAction", "sendMessage"]);
    expect(api.calls[0]!.payload.action).toBe("typing");
    const message = api.sent()[0]!.payload;
    const text = message.text as string;
    expect(text).toContain("محمود ديميرتاش");
    expect(text).toMatch(/\[1\]\n\nالمصادر:\n\u200F\[1\] عبد اللطيف حموشي يترأس وفدا أمنيا — تعاون أمني لمواحهة التحديات المشتركة\n/u);
    expect(message.reply_parameters).toEqual({ message_id: update.message!.message_id, allow_sending_without_reply: true });
    expect(message.link_preview_options).toEqual({ is_disabled: true });
    expect(message.parse_mode).toBeUndefined();
    const quote = (message.entities as Array<{ type: string; offset: number; length: number }>).find((entity) => entity.type === "expandable_blockquote")!;
    expect(text.slice(quote.offset, quote.offset + quote.length)).toContain("بنظيره التركي محمود ديميرتاش");
  });

  it("declines politely, naming the closest articles, with no citation marker", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("ما هي عاصمة اليابان؟"));
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).toContain(NOT_IN_SOURCES);
    expect(texts()[0]).toContain("عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(texts()[0]).not.toMatch(/\[\d+\]/u);
  });

  it("welcomes with /start, naming what it knows and an example question", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("/start"));
    expect(texts()[0]).toContain("أهلا بك");
    expect(texts()[0]).toContain("• عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(texts()[0]).toContain("مثال:");
  });

  it("explains itself with /help, and lists the articles with their dates with /sources", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("/help"));
    await send(textUpdate("/sources"));
    expect(texts()[0]).toContain("@isnad_test_bot");
    expect(texts()[1]).toContain("عبد اللطيف حموشي يترأس وفدا أمنيا (2025-09)");
  });

  it.each([
    ["a sticker", { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }],
    ["a photo", { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] }],
    ["a voice note", { voice: { file_id: "v", file_unique_id: "v", duration: 3 } }],
    ["a document", { document: { file_id: "d", file_unique_id: "d" } }],
  ])("says only text questions are supported when sent %s", async (_, content) => {
    const { send, texts } = setUp();
    await send(messageUpdate(content as never));
    expect(texts()).toEqual([BOT_TEXT.textOnly]);
  });

  it.each([
    ["an over-long question", "ما ".repeat(400), "طويل جدا"],
    ["only emoji", "😀🎉", "رموز أو علامات فقط"],
    ["a question in English", "Who leads the Moroccan delegation?", "بالحروف العربية"],
    ["Darija in Latin letters", "chkoun mcha l turkia?", "بالحروف العربية"],
  ])("refuses %s with a clear message", async (_, text, message) => {
    const { send, texts, api } = setUp();
    await send(textUpdate(text));
    expect(texts()[0]).toContain(message);
    expect(api.calls.some((call) => call.method === "sendChatAction")).toBe(false);
  });

  it.each([
    ["a greeting", "السلام عليكم", COURTESY_REPLIES.salam],
    ["thanks", "شكرا جزيلا 🙏", COURTESY_REPLIES.thanks],
  ])("answers %s in kind, without searching", async (_, text, reply) => {
    const { send, texts, api } = setUp();
    await send(textUpdate(text));
    expect(texts()).toEqual([reply]);
    expect(api.calls.some((call) => call.method === "sendChatAction")).toBe(false);
  });

  it("answers a question wrapped in a greeting as the question alone", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("السلام عليكم، متى ينعقد المنتدى؟ شكرا"));
    expect(texts()[0]).toContain("18 إلى 20 شتنبر");
  });

  it("treats markup in a question as text, and sends a message Telegram accepts", async () => {
    const { send, api } = setUp();
    await send(textUpdate("أين يقام منتدى <b>IGEF 2025</b>؟ & <script>"));
    const message = api.sent()[0]!.payload;
    expect(message.parse_mode).toBeUndefined();
    expect(message.text).toContain("أنقرة");
  });

  it("answers an edited question again, replying to the edited message", async () => {
    const { send, api } = setUp();
    const edited = textUpdate("أين يقام منتدى IGEF 2025؟", { edited: true });
    await send(edited);
    expect(api.sent()[0]!.payload.text).toContain("أنقرة");
    expect((api.sent()[0]!.payload.reply_parameters as { message_id: number }).message_id).toBe(edited.edited_message!.message_id);
  });

  it("refuses politely past the per-user rate limit", async () => {
    const { send, texts } = setUp({ rateLimit: { limit: 2, windowMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(texts()).toHaveLength(3);
    expect(texts()[2]).toBe(BOT_TEXT.rateLimited);
  });

  it("counts the limit per reader over a sliding minute, with one notice per spell of refusals", async () => {
    let now = 1_000_000;
    const { send, texts } = setUp({ rateLimit: { limit: 2, windowMs: 60_000 }, store: new MemoryStateStore(10_000, () => now) });
    const ask = async (from = ALICE) => send(textUpdate("أين يقام منتدى IGEF 2025؟", { from }));
    await ask(); // t = 0
    now += 50_000;
    await ask(); // t = 50 s
    now += 5_000;
    await ask(); // t = 55 s: refused, with the notice
    await ask(); // refused, silently
    await ask(ADMIN); // another reader has a budget of their own
    expect(texts().map((text) => (text === BOT_TEXT.rateLimited ? "notice" : "answer"))).toEqual(["answer", "answer", "notice", "answer"]);
    // A fixed window would free the reader at its boundary; the sliding one frees one question when the
    // first has been counted a minute, and the second only a minute after it was asked.
    now += 5_001; // t = 60.001 s
    await ask();
    await ask();
    now += 40_000; // t = 100 s
    await ask();
    expect(texts().slice(4).map((text) => (text === BOT_TEXT.rateLimited ? "notice" : "answer"))).toEqual(["answer", "notice"]);
    now += 10_000; // t = 110 s: the question of t = 50 s has left the window
    await ask();
    expect(texts().slice(6).map((text) => (text === BOT_TEXT.rateLimited ? "notice" : "answer"))).toEqual(["answer"]);
  });

  it("lets questions through, and says so in the log, when the rate limit's store cannot be reached", async () => {
    const store = new MemoryStateStore();
    store.hit = async () => Promise.reject(new Error("Redis is away"));
    const { send, texts, log } = setUp({ rateLimit: { limit: 1, windowMs: 60_000 }, store });
    for (let i = 0; i < 3; i += 1) await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(texts().every((text) => text.includes("أنقرة"))).toBe(true);
    expect(log.join("")).toContain("rate limit not counted (state store unavailable)");
  });

  it("reads a follow-up («ومتى؟») with the question before it, and says so above the answer", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    await send(textUpdate("ومتى؟"));
    expect(texts()[1]!.split("\n")[0]).toBe("\u200F(قرأت سؤالك تتمةً لسؤالك السابق: «أين يقام منتدى IGEF 2025؟»)");
    expect(texts()[1]).toContain("18 إلى 20 شتنبر");
  });

  it("keeps message text out of the log at info level, and the token out of every line", async () => {
    const { send, log } = setUp();
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    const info = log.map((line) => JSON.parse(line)).filter((line) => line.level >= 30);
    expect(info.some((line) => line.msg === "question answered")).toBe(true);
    expect(JSON.stringify(info)).not.toContain("يقام");
    expect(log.join("")).not.toContain(TEST_TOKEN);
  });
});

describe("where a cited article comes from", () => {
  const address = "https://news.example.org/culture/2025/05/book-fair-rabat";
  let linked: IndexHolder;

  beforeAll(async () => {
    const corpusDir = seedCorpus();
    writeFileSync(
      join(corpusDir, "book-fair.md"),
      `---\ntitle: افتتاح معرض الكتاب بالرباط\ndate: 2025-05-02\nsource: جريدة المثال\nurl: ${address}\n---\n\nافتتح المعرض الدولي للنشر والكتاب دورته الثلاثين بالرباط، بمشاركة أكثر من سبعمائة عارض من خمسين دولة، وحلت سلطنة عمان ضيف شرف على هذه الدورة.\n`,
    );
    const linkedOptions = { ...options, corpusDir, indexDir: temporaryFolder() };
    await ensureFreshIndex(linkedOptions);
    linked = new IndexHolder(await AnswerPipeline.open(linkedOptions), linkedOptions);
  });

  const linksIn = (payload: Record<string, unknown>) =>
    (payload.entities as Array<{ type: string; offset: number; length: number; url?: string }>)
      .filter((entity) => entity.type === "text_link")
      .map((entity) => [(payload.text as string).slice(entity.offset, entity.offset + entity.length), entity.url]);

  it("links the cited title to the article and names its outlet and date", async () => {
    const { api, send } = setUp({ questions: linked });
    await send(textUpdate("من ضيف شرف معرض الكتاب بالرباط؟"));
    const [message] = api.sent();
    expect(checkOutgoingMessage(message!.payload)).toBeUndefined();
    expect(message!.payload.text).toContain("سلطنة عمان");
    expect(message!.payload.text).toContain("\u200F[1] افتتاح معرض الكتاب بالرباط — المقدمة\n\u200Fجريدة المثال · 2025-05-02\n");
    expect(linksIn(message!.payload)).toEqual([["افتتاح معرض الكتاب بالرباط", address]]);
  });

  it("lists every article with its outlet and date, linked when its address is known, with /sources", async () => {
    const { api, send } = setUp({ questions: linked });
    await send(textUpdate("/sources"));
    const [message] = api.sent();
    expect(checkOutgoingMessage(message!.payload)).toBeUndefined();
    expect(message!.payload.text).toContain("عبد اللطيف حموشي يترأس وفدا أمنيا (2025-09)");
    expect(message!.payload.text).toContain("افتتاح معرض الكتاب بالرباط (جريدة المثال · 2025-05-02)");
    expect(linksIn(message!.payload)).toEqual([["افتتاح معرض الكتاب بالرباط", address]]);
  });
});

describe("a quote whose article names the question's subject only in passing", () => {
  // Four country articles that each name Asia once (test/fixtures/passing-mention-corpus), none about Asia.
  let countries: IndexHolder;
  beforeAll(async () => {
    const countryOptions = { ...options, corpusDir: join(PROJECT_ROOT, "test", "fixtures", "passing-mention-corpus"), indexDir: temporaryFolder() };
    await ensureFreshIndex(countryOptions);
    countries = new IndexHolder(await AnswerPipeline.open(countryOptions), countryOptions);
  });

  it("comes under a note that says so, in italics, above the quote", async () => {
    const { api, send } = setUp({ questions: countries });
    await send(textUpdate("كم مساحة آسيا؟"));
    const [message] = api.sent();
    expect(checkOutgoingMessage(message!.payload)).toBeUndefined();
    const text = message!.payload.text as string;
    expect(text.split("\n")[0]).toBe(`\u200F${PASSING_MENTION_NOTE}`);
    expect((message!.payload.entities as Array<{ type: string; offset: number }>)[0]).toMatchObject({ type: "italic", offset: 0 });
    expect(text).toContain("إيران");
  });

  it("while a question about what an article is about is answered without it", async () => {
    const { api, send } = setUp({ questions: countries });
    await send(textUpdate("كم مساحة إيران؟"));
    const text = api.sent()[0]!.payload.text as string;
    expect(text).not.toContain(PASSING_MENTION_NOTE);
    expect(text).not.toContain(TENTATIVE_NOTE);
    expect(text).toContain("مليون وستمائة ألف كيلومتر مربع");
  });
});

describe("votes on answers (FEEDBACK_FILE)", () => {
  type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
  const voting = () => {
    const votes: FeedbackRecord[] = [];
    const harness = setUp({ feedback: { record: async (entry) => void votes.push(entry) } });
    return { ...harness, votes };
  };
  const buttonsOf = (call: { payload: Record<string, unknown> }) => (call.payload.reply_markup as Keyboard | undefined)?.inline_keyboard.flat() ?? [];

  it("puts 👍 and 👎 under an answer, and records a press with the question, the decision and the citations", async () => {
    const { api, send, votes } = voting();
    await send(textUpdate("مع من التقى حموشي خلال زيارته إلى تركيا؟"));
    const [answer] = api.sent();
    expect(checkOutgoingMessage(answer!.payload)).toBeUndefined();
    const buttons = buttonsOf(answer!);
    expect(buttons.map((button) => button.text)).toEqual([BOT_TEXT.feedbackUseful, BOT_TEXT.feedbackNotUseful]);

    await send(callbackQueryUpdate(buttons[1]!.callback_data, { chatId: ALICE.id, messageId: answer!.messageId! }));
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ vote: "not-useful", question: "مع من التقى حموشي خلال زيارته إلى تركيا؟", abstained: false, chat: "private" });
    expect(votes[0]!.cited[0]).toMatch(/#/u);
    // Nothing says who voted.
    expect(JSON.stringify(votes[0])).not.toContain(String(ALICE.id));
    const answered = api.calls.find((call) => call.method === "answerCallbackQuery")!;
    expect(answered.payload.text).toBe(BOT_TEXT.feedbackThanks);
    const edited = api.calls.find((call) => call.method === "editMessageReplyMarkup")!;
    expect(edited.payload).toMatchObject({ chat_id: ALICE.id, message_id: answer!.messageId });
    expect(edited.payload.reply_markup).toBeUndefined();
  });

  it("takes one vote per answer: a second press is thanked and not recorded", async () => {
    const { api, send, votes } = voting();
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    const [answer] = api.sent();
    const [useful] = buttonsOf(answer!);
    await send(callbackQueryUpdate(useful!.callback_data, { chatId: ALICE.id, messageId: answer!.messageId! }));
    await send(callbackQueryUpdate(useful!.callback_data, { chatId: ALICE.id, messageId: answer!.messageId! }));
    expect(votes.map((vote) => vote.vote)).toEqual(["useful"]);
    const replies = api.calls.filter((call) => call.method === "answerCallbackQuery").map((call) => call.payload.text);
    expect(replies).toEqual([BOT_TEXT.feedbackThanks, BOT_TEXT.feedbackExpired]);
  });

  it("lets a decline be voted on too, and answers a press it does not know without recording it", async () => {
    const { api, send, votes } = voting();
    await send(textUpdate("ما هي عاصمة اليابان؟"));
    expect(buttonsOf(api.sent()[0]!)).toHaveLength(2);
    await send(callbackQueryUpdate("fb:000000000000:+", { chatId: ALICE.id, messageId: 1 }));
    await send(callbackQueryUpdate("something-else", { chatId: ALICE.id, messageId: 1 }));
    expect(votes).toEqual([]);
    expect(api.calls.filter((call) => call.method === "answerCallbackQuery")).toHaveLength(2);
  });

  it("tells the reader in the button's notice when a vote cannot be written, posts no apology, and takes the vote again", async () => {
    const votes: FeedbackRecord[] = [];
    let failures = 1;
    const { api, send } = setUp({
      feedback: {
        record: async (entry) => {
          if (failures-- > 0) throw new Error("ENOSPC: no space left on device");
          votes.push(entry);
        },
      },
    });
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    const [answer] = api.sent();
    const [useful] = buttonsOf(answer!);
    await send(callbackQueryUpdate(useful!.callback_data, { chatId: ALICE.id, messageId: answer!.messageId! }));
    await send(callbackQueryUpdate(useful!.callback_data, { chatId: ALICE.id, messageId: answer!.messageId! }));
    const notices = api.calls.filter((call) => call.method === "answerCallbackQuery").map((call) => call.payload.text);
    expect(notices).toEqual([BOT_TEXT.feedbackFailed, BOT_TEXT.feedbackThanks]);
    expect(api.sent()).toHaveLength(1);
    expect(votes).toHaveLength(1);
  });

  it("puts no buttons under answers without a feedback file", async () => {
    const { api, send } = setUp();
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(api.sent()[0]!.payload.reply_markup).toBeUndefined();
  });
});

describe("/sources over a newsroom's corpus", () => {
  // The seed index answers; the list is that of 75 articles, newest first, a few of them from Rabat.
  const articles = Array.from({ length: 75 }, (_, i) => ({
    docId: `a${i}`,
    title: i % 25 === 3 ? `مقال رقم ${i} عن الرباط` : `مقال رقم ${i}`,
    date: `2025-${String(12 - Math.floor(i / 7)).padStart(2, "0")}-01`,
  }));
  const many: QuestionService = {
    answer: (question) => holder.answer(question),
    articles: () => articles,
    get manifest() {
      return holder.manifest;
    },
    get mode() {
      return holder.mode;
    },
    isRebuilding: false,
    rebuild: () => holder.rebuild(),
  };

  it("lists the newest thirty in one message, and says how to narrow the list", async () => {
    const { api, send } = setUp({ questions: many });
    await send(textUpdate("/sources"));
    const sent = api.sent();
    expect(sent).toHaveLength(1);
    expect(checkOutgoingMessage(sent[0]!.payload)).toBeUndefined();
    const text = sent[0]!.payload.text as string;
    expect(text).toContain(BOT_TEXT.sourcesHeader(75));
    expect(text).toContain("\u200F30. مقال رقم 29 (2025-08-01)");
    expect(text).not.toContain("31. ");
    expect(text).toContain(BOT_TEXT.sourcesMore(30, 75));
  });

  it("lists only the articles whose title holds the words after /sources", async () => {
    const { api, send } = setUp({ questions: many });
    await send(textUpdate("/sources الرباط"));
    const text = api.sent()[0]!.payload.text as string;
    expect(text).toContain(BOT_TEXT.sourcesMatching("الرباط", 3, 75));
    expect(text.match(/مقال رقم \d+/gu)).toEqual(["مقال رقم 3", "مقال رقم 28", "مقال رقم 53"]);
    expect(text).not.toContain(BOT_TEXT.sourcesMore(3, 3));
  });

  it("says when no article matches, and refuses a question typed after /sources, changing nothing", async () => {
    const { send, texts } = setUp({ questions: many });
    await send(textUpdate("/sources المريخ"));
    await send(textUpdate("/sources من ترأس الوفد المغربي؟"));
    expect(texts()).toEqual([BOT_TEXT.sourcesNoMatch("المريخ"), BOT_TEXT.sourcesFilterTooLong]);
  });

  it("does not echo a right-to-left override or other direction controls typed after /sources", async () => {
    const { send, texts } = setUp({ questions: many });
    // Unclosed, U+202E would reverse everything after it on the reader's screen, «القائمة كاملة: /sources» too.
    await send(textUpdate("/sources \u202Eالمريخ\u2066"));
    await send(textUpdate("/sources \u202Bالرباط\u200F"));
    expect(texts()[0]).toBe(BOT_TEXT.sourcesNoMatch("المريخ"));
    expect(texts()[1]).toContain(BOT_TEXT.sourcesMatching("الرباط", 3, 75));
    expect(texts().join("")).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
  });
});

describe("inline mode («@bot question» in any chat)", () => {
  const inlineAnswer = (api: ReturnType<typeof setUp>["api"]) => {
    const calls = api.calls.filter((call) => call.method === "answerInlineQuery");
    expect(calls).toHaveLength(1);
    expect(checkInlineAnswer(calls[0]!.payload)).toBeUndefined();
    return calls[0]!.payload as { results: Array<{ type: string; title: string; description: string; input_message_content: { message_text: string; entities: Array<{ type: string; offset: number; length: number }> } }>; button?: { text: string; start_parameter: string }; cache_time: number };
  };

  it("offers the answer as one result that sends the question, the answer and its sources", async () => {
    const { api, send } = setUp();
    await send(inlineQueryUpdate("مع من التقى حموشي خلال زيارته إلى تركيا؟"));
    const { results, cache_time } = inlineAnswer(api);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ type: "article", title: "مع من التقى حموشي خلال زيارته إلى تركيا؟" });
    expect(results[0]!.description).toContain("محمود ديميرتاش");
    const { message_text: text, entities } = results[0]!.input_message_content;
    expect(text.startsWith("\u200Fس: مع من التقى حموشي خلال زيارته إلى تركيا؟\n\n")).toBe(true);
    expect(text).toContain("محمود ديميرتاش");
    expect(text).toContain("المصادر:\n\u200F[1] عبد اللطيف حموشي يترأس وفدا أمنيا — تعاون أمني لمواحهة التحديات المشتركة");
    expect(entities.map((entity) => entity.type)).toContain("expandable_blockquote");
    expect(cache_time).toBe(60);
    expect(api.sent()).toEqual([]);
  });

  it.each([
    ["an empty query", "", BOT_TEXT.inlineHint],
    ["a question the sources do not answer", "ما هي عاصمة اليابان؟", NOT_IN_SOURCES],
    ["a question in Latin letters", "who led the delegation", QUESTION_PROBLEM_MESSAGES["not-arabic"]],
  ])("gives no result for %s, and a button that says why and opens a private chat", async (_, query, says) => {
    const { api, send } = setUp();
    await send(inlineQueryUpdate(query));
    const { results, button } = inlineAnswer(api);
    expect(results).toEqual([]);
    expect(button!.text.length).toBeLessThanOrEqual(60);
    expect(says.startsWith(button!.text.replace(/…$/u, ""))).toBe(true);
    expect(button!.start_parameter).toBe("inline");
  });

  it("takes a query that expired before its answer calmly: logged, no apology, no failure", async () => {
    const { api, send, log } = setUp();
    api.fail("answerInlineQuery", { ok: false, error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    await send(inlineQueryUpdate("أين يقام المنتدى؟"));
    const lines = log.map((line) => JSON.parse(line));
    expect(lines.some((line) => line.msg === "inline query expired before it was answered")).toBe(true);
    expect(lines.some((line) => line.msg === "update failed")).toBe(false);
    expect(api.sent()).toEqual([]);
  });

  it("logs a failed inline answer, with no apology to send anywhere", async () => {
    const { api, send, log } = setUp();
    api.fail("answerInlineQuery", { ok: false, error_code: 400, description: "Bad Request: RESULT_ID_INVALID" });
    await send(inlineQueryUpdate("أين يقام المنتدى؟"));
    const lines = log.map((line) => JSON.parse(line));
    expect(lines.some((line) => line.msg === "update failed")).toBe(true);
    expect(lines.some((line) => line.msg === "apology not delivered")).toBe(false);
    expect(api.calls.map((call) => call.method)).toEqual(["answerInlineQuery"]);
  });

  it("answers nothing past its rate limit, and never sends a message", async () => {
    const { api, send } = setUp();
    for (let i = 0; i < 61; i += 1) await send(inlineQueryUpdate("أين يقام المنتدى؟"));
    expect(api.calls.filter((call) => call.method === "answerInlineQuery")).toHaveLength(60);
    expect(api.sent()).toEqual([]);
  });
});

describe("groups", () => {
  it("stays silent when not addressed", async () => {
    const { send, api } = setUp();
    await send(textUpdate("أين يقام منتدى IGEF 2025؟", { chat: "group" }));
    await send(textUpdate("/ask@other_bot أين يقام منتدى IGEF 2025؟", { chat: "group" }));
    await send(textUpdate("أين يقام المنتدى؟", { chat: "group", replyTo: { fromBot: false } }));
    await send(messageUpdate({ sticker: { file_id: "s" } } as never, { chat: "group" }));
    expect(api.calls).toEqual([]);
  });

  it.each([
    ["/ask@bot", "/ask@isnad_test_bot أين يقام منتدى IGEF 2025؟", {}],
    ["/ask", "/ask أين يقام منتدى IGEF 2025؟", {}],
    ["an @mention", "@isnad_test_bot أين يقام منتدى IGEF 2025؟", {}],
    ["a reply to the bot", "وأين يقام منتدى IGEF 2025؟", { replyTo: { fromBot: true } }],
  ])("answers when addressed with %s, replying to the asking message", async (_, text, extra) => {
    const { send, api } = setUp();
    const update = textUpdate(text, { chat: "group", ...extra });
    await send(update);
    expect(api.sent()).toHaveLength(1);
    expect(api.sent()[0]!.payload.text).toContain("أنقرة");
    expect((api.sent()[0]!.payload.reply_parameters as { message_id: number }).message_id).toBe(update.message!.message_id);
  });

  it("reads a member's follow-up with that member's question, not another's", async () => {
    const bob = { id: 1002, is_bot: false, first_name: "Bob" };
    const { send, texts } = setUp();
    await send(textUpdate("/ask أين يقام منتدى IGEF 2025؟", { chat: "group" }));
    await send(textUpdate("/ask ومتى؟", { chat: "group", from: bob }));
    await send(textUpdate("/ask ومتى؟", { chat: "group" }));
    expect(texts()[1]).toContain(NOT_IN_SOURCES);
    expect(texts()[2]).toContain("تتمةً لسؤالك السابق");
    expect(texts()[2]).toContain("18 إلى 20 شتنبر");
  });

  it("reads a follow-up sent as a reply to one of its answers with that answer's question, whoever replies", async () => {
    const bob = { id: 1002, is_bot: false, first_name: "Bob" };
    const { api, send, texts } = setUp();
    await send(textUpdate("/ask أين يقام منتدى IGEF 2025؟", { chat: "group" }));
    await send(textUpdate("ومتى؟", { chat: "group", from: bob, replyTo: { fromBot: true, messageId: api.sent()[0]!.messageId! } }));
    expect(texts()[1]).toContain("(قرأت سؤالك تتمةً لسؤالك السابق: «أين يقام منتدى IGEF 2025؟»)");
    expect(texts()[1]).toContain("18 إلى 20 شتنبر");
  });

  it("asks for the question after a bare /ask", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("/ask@isnad_test_bot", { chat: "group" }));
    expect(texts()).toEqual([BOT_TEXT.askNeedsQuestion]);
  });
});

describe("admin commands", () => {
  it("refuse anyone not in ADMIN_USER_IDS, revealing nothing", async () => {
    let rebuilds = 0;
    const questions: QuestionService = Object.create(holder, { rebuild: { value: async () => void rebuilds++ } });
    const { send, texts } = setUp({ questions });
    await send(textUpdate("/reindex", { from: ALICE }));
    await send(textUpdate("/status", { from: ALICE }));
    expect(texts()).toEqual([BOT_TEXT.notAllowed, BOT_TEXT.notAllowed]);
    expect(rebuilds).toBe(0);
  });

  it("/status reports retrieval mode, articles, chunks, build time and uptime", async () => {
    const { send, texts } = setUp();
    await send(textUpdate("/status", { from: ADMIN }));
    expect(texts()[0]).toContain("معجمي فقط");
    expect(texts()[0]).toContain("المقالات: 1");
    expect(texts()[0]).toContain("المقاطع: 4");
    expect(texts()[0]).toMatch(/بُني الفهرس: \d{4}-\d\d-\d\d \d\d:\d\d UTC/u);
    expect(texts()[0]).toContain("مدة التشغيل:");
    expect(texts()[0]).toContain("الوضع المضمّن");
    expect(texts()[0]).toContain("غير مفعّل — فعّله بالأمر /setinline");
    expect(texts()[0]).toContain("تقييم القراء للأجوبة (👍 / 👎): غير مفعّل");
  });

  it("/status says votes are kept when FEEDBACK_FILE is set", async () => {
    const { send, texts } = setUp({ feedback: { record: async () => undefined } });
    await send(textUpdate("/status", { from: ADMIN }));
    expect(texts()[0]).toContain("تقييم القراء للأجوبة (👍 / 👎): مفعّل");
  });

  it("/status names the model when questions are searched both ways", async () => {
    const hybrid: QuestionService = Object.create(holder, {
      manifest: { get: () => ({ ...holder.manifest, model: { id: "Xenova/multilingual-e5-small", dimensions: 384 } }) },
      mode: { get: () => "hybrid" },
    });
    const { send, texts } = setUp({ questions: hybrid });
    await send(textUpdate("/status", { from: ADMIN }));
    expect(texts()[0]).toContain("البحث: هجين: معجمي + دلالي (Xenova/multilingual-e5-small، 384 بعدا)");
  });

  it("/status says the search is lexical when the index has vectors but its model did not load", async () => {
    const withVectors: QuestionService = Object.create(holder, {
      manifest: { get: () => ({ ...holder.manifest, model: { id: "Xenova/multilingual-e5-small", dimensions: 384 } }) },
    });
    const { send, texts } = setUp({ questions: withVectors });
    await send(textUpdate("/status", { from: ADMIN }));
    expect(texts()[0]).toContain("معجمي فقط (للفهرس تمثيلات من Xenova/multilingual-e5-small، لكن النموذج لم يُحمَّل عند التشغيل)");
  });

  it("/status says inline mode is on when Telegram reports it so", async () => {
    const { send, texts } = setUp({ botInfo: { ...TEST_BOT, supports_inline_queries: true } });
    await send(textUpdate("/status", { from: ADMIN }));
    expect(texts()[0]).toMatch(/الوضع المضمّن \(.*\): مفعّل$/mu);
  });

  describe("/reindex", () => {
    let corpusDir: string;
    let own: IndexHolder;
    beforeEach(async () => {
      corpusDir = seedCorpus();
      const ownOptions = { ...options, corpusDir, indexDir: temporaryFolder() };
      await ensureFreshIndex(ownOptions);
      own = new IndexHolder(await AnswerPipeline.open(ownOptions), ownOptions);
    });

    it("rebuilds in the background, swaps the index in, and reports articles, chunks and seconds", async () => {
      const { send, texts, inFlight } = setUp({ questions: own });
      writeFileSync(join(corpusDir, "2026-01-book-fair.md"), "---\ntitle: معرض الكتاب في الرباط\ndate: 2026-01\n---\n\nافتتح معرض الكتاب الدولي في الرباط أبوابه بمشاركة ألف ناشر.\n");
      await send(textUpdate("/reindex", { from: ADMIN }));
      expect(texts()).toEqual([BOT_TEXT.reindexStarted]);
      expect(await drain(inFlight, 10_000)).toBe(true);
      expect(texts()[1]).toMatch(/^اكتملت إعادة البناء: 2 مقال، 5 مقطع، في [\d.]+ ثانية\.$/u);
      await send(textUpdate("كم ناشرا شارك في معرض الكتاب في الرباط؟"));
      expect(texts()[2]).toContain("ألف ناشر");
    });

    it("does not start a second rebuild while one runs, and answers questions meanwhile", async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow: QuestionService = Object.create(own, {
        rebuild: { value: () => own.rebuild().then(async (summary) => (await gate, summary)) },
        isRebuilding: { get: () => started && !finished },
      });
      let started = false;
      let finished = false;
      const { send, texts, inFlight } = setUp({ questions: slow });
      await send(textUpdate("/reindex", { from: ADMIN }));
      started = true;
      await send(textUpdate("/reindex", { from: ADMIN }));
      await send(textUpdate("أين يقام منتدى IGEF 2025؟", { from: ADMIN }));
      expect(texts().slice(0, 2)).toEqual([BOT_TEXT.reindexStarted, BOT_TEXT.reindexBusy]);
      expect(texts()[2]).toContain("أنقرة");
      finished = true;
      release();
      await drain(inFlight, 10_000);
      expect(texts()[3]).toContain("اكتملت إعادة البناء");
    });

    it("keeps the old index and reports the error when the rebuild fails", async () => {
      const { send, texts, inFlight } = setUp({ questions: own });
      rmSync(join(corpusDir, "2025-09-hammouchi-igef-ankara.md"));
      writeFileSync(join(corpusDir, "empty.md"), "");
      await send(textUpdate("/reindex", { from: ADMIN }));
      await drain(inFlight, 10_000);
      expect(texts()[1]).toBe(BOT_TEXT.reindexFailed(BOT_TEXT.reindexFailure.noArticles));
      // The admin is told what went wrong, never where on the server: the path stays in the log.
      expect(texts()[1]).not.toContain(corpusDir);
      expect(texts()[1]).not.toMatch(/\/tmp|[A-Za-z]:\\/u);
      await send(textUpdate("أين يقام منتدى IGEF 2025؟", { from: ADMIN }));
      expect(texts()[2]).toContain("أنقرة");
    });
  });
});

describe("faults", () => {
  it("apologises in Arabic when answering fails, and keeps running", async () => {
    const broken: QuestionService = Object.create(holder, { answer: { value: async () => Promise.reject(new Error("index exploded")) } });
    const { send, texts, log } = setUp({ questions: broken });
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(texts()).toEqual([BOT_TEXT.failure]);
    expect(log.join("")).toContain("index exploded");
    const { send: sendAgain, texts: textsAgain } = setUp();
    await sendAgain(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(textsAgain()[0]).toContain("أنقرة");
  });

  it("waits retry_after on a 429 and delivers the answer", async () => {
    const { send, api } = setUp();
    api.fail("sendMessage", { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const started = Date.now();
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(api.sent()).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it.each([
    [400, "Bad Request: message to be replied not found"],
    [403, "Forbidden: bot was blocked by the user"],
  ])("logs a %i from Telegram and goes on", async (code, description) => {
    const { send, api, log } = setUp();
    api.fail("sendMessage", { ok: false, error_code: code, description });
    api.fail("sendMessage", { ok: false, error_code: code, description });
    await expect(send(textUpdate("أين يقام منتدى IGEF 2025؟"))).resolves.toBeUndefined();
    expect(log.join("")).toContain(description);
    await send(textUpdate("أين يقام منتدى IGEF 2025؟"));
    expect(api.sent().at(-1)!.payload.text).toContain("أنقرة");
  });
});
