/**
 * Speed of the main paths, measured (never asserted in unit tests):
 *
 *   npm run bench [-- --model DIR_OR_ID] [--rounds 20]
 *
 * Builds the index of corpus/ into a temporary folder and answers the public seed questions `rounds` times,
 * reporting build seconds and per-question latency (p50, p95, max). Without --model it runs lexical-only and
 * then hybrid with a tiny generated test model (the speed of the pipeline around a model, not of a real one).
 * Last, the bot long-polls a local Bot API stand-in over HTTP: the time from an update being handed to the
 * bot to its reply arriving, for the seed questions, one at a time.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadEmbedder, type EmbedderLoad } from "../src/embedder/load-embedder.js";
import { createLogger } from "../src/logger.js";
import { percentile } from "../src/eval/metrics.js";
import { AnswerPipeline, rebuildIndex, type PipelineOptions } from "../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../src/text/analyzer.js";
import { createBot } from "../src/bot/create-bot.js";
import { startPolling } from "../src/bot/run-polling.js";
import { IndexHolder } from "../src/pipeline/index-holder.js";
import { BotApiStandIn, TEST_TOKEN } from "../test/support/bot-api-stand-in.js";
import { textUpdate } from "../test/support/telegram-updates.js";
import { writeTinyModel } from "../test/support/tiny-model.js";

const { values } = parseArgs({ options: { model: { type: "string" }, rounds: { type: "string", default: "20" } } });
const rounds = Number(values.rounds);
const logger = createLogger({ level: "error", format: "json" });
const questions = readFileSync("test/fixtures/seed-questions.jsonl", "utf8").trim().split("\n").map((line) => JSON.parse(line).question as string);
const workspace = mkdtempSync(join(tmpdir(), "isnad-bench-"));

const percentiles = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(2)} ms  p95 ${percentile(sorted, 0.95).toFixed(2)} ms  max ${percentile(sorted, 1).toFixed(2)} ms`;
};

/** A copy of corpus/ and an index of it in the workspace; returns the pipeline options and the build time. */
async function indexCorpus(label: string, embedder: EmbedderLoad): Promise<{ options: PipelineOptions; buildSeconds: number }> {
  const corpusDir = join(workspace, `corpus-${label}`);
  cpSync("corpus", corpusDir, { recursive: true });
  const options: PipelineOptions = { corpusDir, indexDir: join(workspace, `index-${label}`), analyzer: createAnalyzer(), embedder, logger };
  const started = performance.now();
  await rebuildIndex(options);
  return { options, buildSeconds: (performance.now() - started) / 1000 };
}

async function measureBot(): Promise<void> {
  const { options } = await indexCorpus("bot", { modelId: "none", unavailable: "benchmark" });
  const standIn = await BotApiStandIn.start();
  const { bot } = createBot(TEST_TOKEN, { questions: new IndexHolder(await AnswerPipeline.open(options), options), logger, adminUserIds: [], apiRoot: standIn.apiRoot, rateLimit: { limit: 1e9, windowMs: 1 } });
  const { runner } = await startPolling(bot, { logger, adminUserIds: [] });
  const times: number[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const question of questions) {
        const sentBefore = standIn.sent().length;
        const id = standIn.push(textUpdate(question));
        await standIn.waitFor(() => standIn.sent().length > sentBefore);
        times.push(standIn.sent().at(-1)!.at - standIn.deliveredAt.get(id)!);
      }
    }
  } finally {
    await runner.stop();
    await standIn.close();
  }
  console.log(`${"bot: update → reply (HTTP)".padEnd(28)} ${percentiles(times)}  (${times.length} replies, lexical-only)`);
}

async function measure(label: string, embedder: EmbedderLoad): Promise<void> {
  const { options, buildSeconds } = await indexCorpus(label.replace(/\W+/gu, "-"), embedder);
  const pipeline = await AnswerPipeline.open(options);
  await pipeline.answer(questions[0]!); // warm-up: JIT and the model's first run
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) {
      const t = performance.now();
      await pipeline.answer(question);
      times.push(performance.now() - t);
    }
  }
  console.log(`${label.padEnd(28)} build ${buildSeconds.toFixed(3)} s   answer ${percentiles(times)}  (${times.length} answers, mode ${pipeline.mode})`);
}

try {
  if (values.model) {
    await measure(values.model, await loadEmbedder({ model: values.model, cacheDir: ".models" }, logger));
  } else {
    await measure("lexical-only", { modelId: "none", unavailable: "benchmark" });
    const modelDir = join(workspace, "tiny-e5");
    writeTinyModel(modelDir, 384);
    await measure("hybrid (tiny 384-d model)", await loadEmbedder({ model: modelDir, cacheDir: workspace }, logger));
    await measureBot();
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
