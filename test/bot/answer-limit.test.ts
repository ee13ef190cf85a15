import { describe, expect, it } from "vitest";
import { limitAnswers } from "../../src/bot/answer-limit.js";
import type { QuestionService } from "../../src/pipeline/index-holder.js";

describe("limitAnswers", () => {
  it("computes at most `limit` answers at once, and starts the others in the order they were asked", async () => {
    let running = 0;
    let most = 0;
    const started: string[] = [];
    const service = {
      answer: async (question: string) => {
        started.push(question);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running -= 1;
        return { question } as never;
      },
      isRebuilding: false,
    } as unknown as QuestionService;
    const limited = limitAnswers(service, 2);
    const questions = ["1", "2", "3", "4", "5", "6"];
    await Promise.all(questions.map((question) => limited.answer(question)));
    expect(most).toBe(2);
    expect(started).toEqual(questions);
    // Everything but answering is the service's own.
    expect(limited.isRebuilding).toBe(false);
  });

  it("lets the event loop turn before each answer, so that answers that never wait do not hold up I/O", async () => {
    // Lexical retrieval never waits on I/O: without a turn, queued answers would run back to back, and the
    // responses from Telegram (and with them the journal's "done" lines) would wait for the whole queue.
    let ioRan = false;
    const sawIo: boolean[] = [];
    const service = { answer: async (question: string) => (sawIo.push(ioRan), { question } as never) } as unknown as QuestionService;
    const limited = limitAnswers(service, 1);
    setImmediate(() => (ioRan = true));
    await Promise.all(["1", "2", "3", "4", "5"].map((question) => limited.answer(question)));
    expect(sawIo).toHaveLength(5);
    expect(sawIo.at(-1)).toBe(true);
  });

  it("gives the place back when an answer fails", async () => {
    const service = { answer: async (question: string) => (question === "bad" ? Promise.reject(new Error("no")) : ({ question } as never)) } as unknown as QuestionService;
    const limited = limitAnswers(service, 1);
    await expect(limited.answer("bad")).rejects.toThrow("no");
    await expect(limited.answer("good")).resolves.toEqual({ question: "good" });
  });
});
