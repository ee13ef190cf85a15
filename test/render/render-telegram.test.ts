import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/compose-answer.js";
import { renderAnswerForTelegram, TELEGRAM_MESSAGE_LIMIT } from "../../src/render/render-telegram.js";
import { checkOutgoingMessage } from "../support/bot-api-stand-in.js";

const signals = { coverage: 1, windowCoverage: 1, scoreMargin: 1, scoreDensity: 1, ngramCoverage: 1, matchedShare: 1, scoreSpread: 1, articleDensity: 1, strangeShare: 0, unseenNounShare: 0, contentWords: 3, otherYear: 0, answerTypeHeld: 1, unseenRarity: 0, correctedNounShare: 0, focusUnseen: 0, focusWithoutSubject: 0, subjectShare: 1 };

function answerWith(quotes: string[]): Answer {
  return {
    abstained: false,
    text: quotes.map((_, i) => `مقطع [${i + 1}]`).join(" "),
    citations: quotes.map((quote, i) => ({ n: i + 1, docId: "d", chunkId: `d#${i}`, title: "عنوان <b>&", section: `قسم ${i}`, quote, start: 0, end: quote.length })),
    sources: [],
    evidence: 1, tentative: false,
    signals,
    questionType: "other",
  };
}

describe("renderAnswerForTelegram", () => {
  it("builds entities over plain text: corpus markup stays text", () => {
    const [message] = renderAnswerForTelegram(answerWith(["<i>اقتباس</i> & نص"]));
    expect(message!.text).toContain("عنوان <b>&");
    expect(message!.text).toContain("<i>اقتباس</i> & نص");
    expect(message!.entities.map((entity) => entity.type)).toEqual(["bold", "bold", "expandable_blockquote"]);
  });

  it("names the other articles that carry a cited passage, under its source line, three at most", () => {
    const base = answerWith(["اقتباس"]);
    const alsoIn = ["مقال ثان", "مقال ثالث", "مقال رابع", "مقال خامس", "مقال سادس"].map((title, i) => ({ docId: `o${i}`, title }));
    const [message] = renderAnswerForTelegram({ ...base, citations: [{ ...base.citations[0]!, alsoIn: alsoIn.slice(0, 1) }] });
    const lines = message!.text.split("\n");
    expect(lines[lines.findIndex((line) => line.includes("[1] ")) + 1]).toBe("\u200Fورد النص نفسه في: مقال ثان");
    const [many] = renderAnswerForTelegram({ ...base, citations: [{ ...base.citations[0]!, alsoIn }] });
    expect(many!.text).toContain("ورد النص نفسه في: مقال ثان، مقال ثالث، مقال رابع و2 غيرها");
    expect(checkOutgoingMessage({ text: many!.text, entities: many!.entities })).toBeUndefined();
    expect(renderAnswerForTelegram(base)[0]!.text).not.toContain("ورد النص نفسه");
  });

  it("links a title to an address with Arabic words in it, percent-encoded as URLs are sent", () => {
    const base = answerWith(["اقتباس"]);
    const [message] = renderAnswerForTelegram({ ...base, citations: [{ ...base.citations[0]!, url: "https://www.hespress.com/سياسة/مقال-1.html" }] });
    const link = message!.entities.find((entity) => entity.type === "text_link") as { url: string } | undefined;
    expect(link?.url).toBe("https://www.hespress.com/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/%D9%85%D9%82%D8%A7%D9%84-1.html");
    expect(message!.text).toContain("hespress.com");
  });

  it("opens a tentative answer with an italic note that it may not answer the question", () => {
    const [message] = renderAnswerForTelegram({ ...answerWith(["اقتباس"]), tentative: true });
    const [note, text] = message!.text.split("\n");
    expect([note, text]).toEqual(["\u200Fلست متأكدا من أن مصادري تجيب عن سؤالك؛ هذا أقرب ما وجدت فيها:", "\u200Fمقطع [1]"]);
    expect(message!.entities[0]).toMatchObject({ type: "italic", offset: 0, length: note!.length });
    expect(renderAnswerForTelegram(answerWith(["اقتباس"]))[0]!.text.startsWith("\u200Fمقطع [1]")).toBe(true);
    const passing = renderAnswerForTelegram({ ...answerWith(["اقتباس"]), tentative: true, tentativeReason: "passing-mention" })[0]!;
    expect(passing.text.split("\n")[0]).toContain("يذكر موضوعه عرضا في مقال عن موضوع آخر");
  });

  it("starts lines that open with [n] with a right-to-left mark", () => {
    const [message] = renderAnswerForTelegram(answerWith(["اقتباس"]));
    expect(message!.text.split("\n").filter((line) => line.includes("[1] "))).toEqual(["\u200F[1] عنوان <b>& — قسم 0"]);
  });

  it("links a cited title to its article and says its outlet and date on the next line", () => {
    const base = answerWith(["اقتباس"]);
    const cited = { ...base.citations[0]!, title: "حموشي في أنقرة", section: "حموشي في أنقرة", url: "https://www.hespress.com/a-1", date: "2025-09-18" };
    const [message] = renderAnswerForTelegram({ ...base, citations: [cited] });
    const lines = message!.text.split("\n");
    const at = lines.findIndex((line) => line.includes("[1] "));
    expect(lines.slice(at, at + 2)).toEqual(["\u200F[1] حموشي في أنقرة — المقدمة", "\u200Fhespress.com · 2025-09-18"]);
    const link = message!.entities.find((entity) => entity.type === "text_link");
    expect(link).toMatchObject({ url: "https://www.hespress.com/a-1" });
    expect(message!.text.slice(link!.offset, link!.offset + link!.length)).toBe("حموشي في أنقرة");
    expect(checkOutgoingMessage({ text: message!.text, entities: message!.entities })).toBeUndefined();
    const [named] = renderAnswerForTelegram({ ...base, citations: [{ ...cited, source: "هسبريس" }] });
    expect(named!.text).toContain("\u200Fهسبريس · 2025-09-18\n");
  });

  it("splits a long answer into messages Telegram accepts, entities intact", () => {
    const long = "كلمة طويلة ".repeat(800).trim();
    const messages = renderAnswerForTelegram(answerWith([long, "اقتباس قصير"]));
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT);
      expect(checkOutgoingMessage({ text: message.text, entities: message.entities })).toBeUndefined();
    }
    const quoted = messages.flatMap((message) => message.entities.filter((entity) => entity.type === "expandable_blockquote").map((entity) => message.text.slice(entity.offset, entity.offset + entity.length)));
    expect(quoted.join(" ")).toBe(`${long} اقتباس قصير`);
  });

  it("declines without any [n] marker", () => {
    const messages = renderAnswerForTelegram({ ...answerWith([]), abstained: true, text: "لا أجد", sources: [{ docId: "d", chunkId: "d#0", title: "مقال قريب", section: "s", score: 1 }] });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain("مقال قريب");
    expect(messages[0]!.text).not.toMatch(/\[\d+\]/u);
  });
});
