import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AnswerPipeline, ensureFreshIndex } from "../../src/pipeline/answer-pipeline.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { announceIndex, followSharedIndex } from "../../src/state/index-sync.js";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { seedPipelineOptions, silentLogger } from "../support/workspace.js";

const BOOK_FAIR = "---\ntitle: معرض الكتاب في الرباط\ndate: 2026-01\n---\n\nافتتح معرض الكتاب الدولي في الرباط أبوابه بمشاركة ألف ناشر.\n";

/** Two instances' holders on one index folder; the corpus gains an article. */
async function twoHolders() {
  const options = seedPipelineOptions();
  await ensureFreshIndex(options);
  const holders = [new IndexHolder(await AnswerPipeline.open(options), options), new IndexHolder(await AnswerPipeline.open(options), options)] as const;
  writeFileSync(join(options.corpusDir, "2026-01-book-fair.md"), BOOK_FAIR);
  return holders;
}

const until = async (condition: () => boolean, ms = 5000) => {
  for (const deadline = Date.now() + ms; !condition() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

describe("following the index the instances share", () => {
  it("swaps to a build another instance announces, and ignores its own announcement", async () => {
    const [a, b] = await twoHolders();
    const store = new MemoryStateStore();
    const followA = followSharedIndex(store, a, "a", silentLogger);
    const followB = followSharedIndex(store, b, "b", silentLogger);
    const summary = await a.rebuild();
    expect(b.manifest.corpus.articles).toBe(1);
    await announceIndex(store, "a", summary.manifest.builtAt);
    expect(await until(() => b.manifest.corpus.articles === 2)).toBe(true);
    expect((await b.answer("كم ناشرا شارك في معرض الكتاب في الرباط؟")).text).toContain("ألف ناشر");
    followA.stop();
    followB.stop();
  });

  it("finds a build nobody announced (npm run index, or Redis away) at its periodic check", async () => {
    const [a, b] = await twoHolders();
    const follow = followSharedIndex(new MemoryStateStore(), b, "b", silentLogger, 100);
    await a.rebuild();
    expect(await until(() => b.manifest.corpus.articles === 2)).toBe(true);
    follow.stop();
  });

  it("keeps the index in use when the published one cannot be read", async () => {
    const [, b] = await twoHolders();
    const before = b.manifest.builtAt;
    const broken = Object.create(b, { reloadIfChanged: { value: async () => Promise.reject(new Error("disk gone")) } }) as IndexHolder;
    const store = new MemoryStateStore();
    const follow = followSharedIndex(store, broken, "b", silentLogger);
    await announceIndex(store, "a", "later");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(b.manifest.builtAt).toBe(before);
    expect((await b.answer("أين يقام منتدى IGEF 2025؟")).text).toContain("أنقرة");
    follow.stop();
  });
});
