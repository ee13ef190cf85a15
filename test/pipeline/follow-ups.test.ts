import { beforeAll, describe, expect, it } from "vitest";
import { NOT_IN_SOURCES, type Answer } from "../../src/answer/compose-answer.js";
import type { AnswerPipeline } from "../../src/pipeline/answer-pipeline.js";
import { Conversations } from "../../src/pipeline/follow-ups.js";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { openSeedPipeline } from "../support/workspace.js";

/** An answerer that declines what holds none of `answerable`'s words, and records what it was asked. */
function recordingAnswerer(answerable: readonly string[]) {
  const asked: string[] = [];
  return {
    asked,
    async answer(question: string): Promise<Answer> {
      asked.push(question);
      const abstained = !answerable.some((word) => question.includes(word));
      return { abstained, text: abstained ? NOT_IN_SOURCES : `جواب: ${question}`, citations: [], sources: [], evidence: abstained ? 0 : 1, tentative: false, signals: {} as Answer["signals"], questionType: "other" };
    },
  };
}

describe("Conversations with the seed article", () => {
  let pipeline: AnswerPipeline;
  beforeAll(async () => {
    pipeline = await openSeedPipeline();
  });

  it("answers «ومتى؟» after «أين انعقد المنتدى؟» with the forum's dates, saying which question it leaned on", async () => {
    const conversations = new Conversations(pipeline);
    expect((await pipeline.answer("ومتى؟")).abstained).toBe(true);
    await conversations.answer("chat", "أين انعقد المنتدى؟");
    const { answer, readWith } = await conversations.answer("chat", "ومتى؟");
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("18 إلى 20 شتنبر");
    expect(readWith).toBe("أين انعقد المنتدى؟");
  });

  it("keeps each conversation's questions to itself", async () => {
    const conversations = new Conversations(pipeline);
    await conversations.answer("alice", "أين انعقد المنتدى؟");
    const { answer, readWith } = await conversations.answer("bob", "ومتى؟");
    expect(answer.abstained).toBe(true);
    expect(readWith).toBeUndefined();
  });
});

describe("Conversations", () => {
  it("answers a follow-up on its own when reading it with the question before declines too", async () => {
    const answerer = recordingAnswerer(["المنتدى"]);
    const conversations = new Conversations(answerer);
    await conversations.answer("c", "ما عاصمة اليابان؟");
    const { answer, readWith } = await conversations.answer("c", "ومتى؟");
    expect(answer.abstained).toBe(true);
    expect(readWith).toBeUndefined();
    expect(answerer.asked).toEqual(["ما عاصمة اليابان؟", "ومتى؟ ما عاصمة اليابان؟", "ومتى؟"]);
  });

  it("lets follow-ups lean on the last question that stood on its own, and a new question replace it", async () => {
    const conversations = new Conversations(recordingAnswerer(["المنتدى", "الوفد"]));
    await conversations.answer("c", "أين انعقد المنتدى؟");
    await conversations.answer("c", "ومتى؟");
    expect((await conversations.answer("c", "ومن حضره؟")).readWith).toBe("أين انعقد المنتدى؟");
    await conversations.answer("c", "من يترأس الوفد؟");
    expect((await conversations.answer("c", "ولماذا؟")).readWith).toBe("من يترأس الوفد؟");
  });

  it("leans on the question it is given, over the conversation's own (a reply to another's answer)", async () => {
    const conversations = new Conversations(recordingAnswerer(["المنتدى", "الوفد"]));
    await conversations.answer("bob", "من يترأس الوفد؟");
    expect((await conversations.answer("bob", "ومتى؟", "أين انعقد المنتدى؟")).readWith).toBe("أين انعقد المنتدى؟");
    // … and what bob asks next leans on it too.
    expect((await conversations.answer("bob", "ولماذا؟")).readWith).toBe("أين انعقد المنتدى؟");
  });

  it("does not remember a question that names nothing, nor a question past its time", async () => {
    let now = 0;
    const conversations = new Conversations(recordingAnswerer(["المنتدى"]), { ttlMs: 1000, store: new MemoryStateStore(10, () => now) });
    await conversations.answer("c", "متى؟");
    expect((await conversations.answer("c", "ومتى؟")).readWith).toBeUndefined();
    await conversations.answer("c", "أين انعقد المنتدى؟");
    now = 1001;
    expect((await conversations.answer("c", "ومتى؟")).readWith).toBeUndefined();
  });

  it("forgets the longest unused conversation first when full", async () => {
    const conversations = new Conversations(recordingAnswerer(["المنتدى"]), { store: new MemoryStateStore(2) });
    await conversations.answer("a", "أين انعقد المنتدى؟");
    await conversations.answer("b", "أين انعقد المنتدى؟");
    await conversations.answer("a", "ومتى؟");
    await conversations.answer("c", "أين انعقد المنتدى؟");
    expect((await conversations.answer("a", "ومتى؟")).readWith).toBeDefined();
    expect((await conversations.answer("b", "ومتى؟")).readWith).toBeUndefined();
  });

  it("answers a follow-up on its own, and says why, when the store cannot be reached", async () => {
    const store = new MemoryStateStore();
    const conversations = new Conversations(recordingAnswerer(["المنتدى"]), { store });
    await conversations.answer("c", "أين انعقد المنتدى؟");
    store.get = async () => Promise.reject(new Error("Redis is away"));
    const reasons: unknown[] = [];
    const { answer, readWith } = await conversations.answer("c", "ومتى؟", undefined, (error) => reasons.push(error));
    expect(readWith).toBeUndefined();
    expect(answer.abstained).toBe(true);
    expect(reasons.map((reason) => (reason as Error).message)).toEqual(["Redis is away"]);
  });
});
