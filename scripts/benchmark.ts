/**
 * Speed of the main paths, measured (never asserted in unit tests):
 *
 *   npm run bench [-- --model DIR_OR_ID] [--rounds 20]
 *
 * Builds the index of corpus/ into a temporary folder and answers the public seed questions `rounds` times,
 * reporting build seconds and per-question latency (p50, p95, max). Without --model it runs lexical-only and
 * then hybrid with a tiny generated test model (the speed of the pipeline around a model, not of a real one).
 * Then the bot long-polls a local Bot API stand-in over HTTP: the time from an update being handed to the
 * bot to its reply arriving, for the seed questions, one at a time.
 *
 * Last, the real model's cost, on a model of multilingual-e5-small's shape (12 layers, hidden 384, 12 heads,
 * intermediate 1,536, int8 as the hub's quantised file; random weights, a Unigram vocabulary of the corpus's
 * words) through the real transformers.js path: passages embedded per second at the corpus's chunk lengths, per
 * batch size, with the cores onnxruntime kept busy; query latency; and an index build's time split between the
 * model and everything else, first build and rebuild (vectors reused). With --dataset, XQuAD-ar's first
 * --articles articles are the corpus (their paragraphs are news-length sections); without, corpus/.
 *
 * Cold start, before all that: from the command to the first answer of `ask` (the compiled build run by node,
 * and through npm) and to the console chat's prompt, over the seed corpus's index; with the default model id
 * (which these machines cannot download: transformers.js is imported, the download fails, lexical-only) and
 * with no model (a model folder that does not exist: nothing of transformers.js or LangChain is imported).
 *
 *   npm run bench [-- --dataset ../shared/datasets/xquad.ar.json] [--articles 8] [--no-e5]
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import type { Chunk } from "../src/corpus/article.js";
import { readSquadDataset, writeEvalCorpus } from "../src/eval/squad-dataset.js";
import { chunkPassageText } from "../src/index/chunk-terms.js";
import { readChunks } from "../src/index/load-index.js";
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
import { E5_SMALL_SHAPE, writeE5ShapedModel } from "../test/support/e5-shaped-model.js";

const USAGE = "usage: npm run bench [-- --model DIR_OR_ID] [--rounds 20] [--dataset FILE] [--articles 8] [--no-e5] [--batch 16] [--passages N]";
const { values } = parseScriptArgs(
  {
    options: {
      ...HELP_OPTION,
      model: { type: "string" },
      rounds: { type: "string", default: "20" },
      dataset: { type: "string" },
      articles: { type: "string", default: "8" },
      "no-e5": { type: "boolean", default: false },
      // Internal: one throughput measurement, in a child process pinned to some cores.
      "e5-throughput": { type: "string" },
      batch: { type: "string", default: "16" },
      passages: { type: "string" },
    },
  },
  USAGE,
);
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

/** Median wall time of a command, run `runs` times (milliseconds). */
function medianRun(command: string, args: string[], env: NodeJS.ProcessEnv, runs = 3): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const result = spawnSync(command, args, { env, encoding: "utf8", timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** Milliseconds from starting `npm start`'s program at a terminal (through script(1)) to the console prompt. */
function timeToPrompt(command: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("script", ["-qfec", command, "/dev/null"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no prompt within 30 s: ${output}`));
    }, 30_000);
    child.stdout.on("data", (data: Buffer) => {
      output += data.toString("utf8");
      if (output.includes("محادثة محلية")) {
        clearTimeout(timer);
        resolve(performance.now() - started);
        child.stdin.end("/quit\n");
        setTimeout(() => child.kill("SIGKILL"), 2000).unref();
      }
    });
  });
}

async function measureColdStart(): Promise<void> {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  const { options } = await indexCorpus("cold", { modelId: "none", unavailable: "benchmark" });
  const question = questions[0]!;
  const base = { ...process.env, CORPUS_DIR: options.corpusDir, INDEX_DIR: options.indexDir, TELEGRAM_BOT_TOKEN: "", LOG_LEVEL: "error" };
  const settings: Array<[string, NodeJS.ProcessEnv]> = [
    ["default model id", { ...base, EMBEDDING_MODEL: "Xenova/multilingual-e5-small", MODEL_CACHE_DIR: join(workspace, "models") }],
    ["no model", { ...base, EMBEDDING_MODEL: join(workspace, "no-model-here") }],
  ];
  for (const [label, env] of settings) {
    const direct = medianRun(process.execPath, ["dist/cli/ask-command.js", question], env);
    const viaNpm = medianRun("npm", ["run", "-s", "ask", "--", question], env);
    const prompt = await timeToPrompt(`${process.execPath} dist/main.js`, env);
    console.log(
      `${`cold start, ${label}`.padEnd(28)} ask: node dist ${direct.toFixed(0)} ms, npm run ask ${viaNpm.toFixed(0)} ms;  console prompt: node dist ${prompt.toFixed(0)} ms  (medians of 3)`,
    );
  }
}

/** The chunks of a corpus, as a lexical-only build cuts them (the texts a model would embed). */
async function chunksOf(corpusDir: string): Promise<Chunk[]> {
  const options: PipelineOptions = { corpusDir, indexDir: join(workspace, "chunks-only"), analyzer: createAnalyzer(), embedder: { modelId: "none", unavailable: "benchmark" }, logger };
  const { folder } = await rebuildIndex(options);
  return readChunks(join(folder, "chunks.jsonl"));
}

/**
 * Passages per second through a model folder, batch by batch (run in a child process of its own), and how many
 * cores onnxruntime kept busy meanwhile. transformers.js 2.17 passes no session options: onnxruntime takes its
 * own threads (both cores here, when they were free). Neither taskset nor a patched intraOpNumThreads held it to
 * one core in trials, so the benchmark measures what a user's machine runs, and says how busy it was.
 */
async function throughput(modelDir: string, passagesFile: string, batchSize: number): Promise<void> {
  const load = await loadEmbedder({ model: modelDir, cacheDir: workspace, batchSize }, logger);
  if ("unavailable" in load) throw new Error(load.unavailable);
  const passages = JSON.parse(readFileSync(passagesFile, "utf8")) as string[];
  await load.embeddings.embedDocuments(passages.slice(0, batchSize)); // warm-up: the session's first run
  const started = performance.now();
  const cpu = process.cpuUsage();
  await load.embeddings.embedDocuments(passages);
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  // CPU time over wall time: how many cores the runtime's threads kept busy.
  console.log(JSON.stringify({ passagesPerSecond: passages.length / seconds, coresBusy: (user + system) / 1e6 / seconds }));
}

/** The cost of a model of multilingual-e5-small's shape, through transformers.js (see the header). */
async function measureE5Shaped(): Promise<void> {
  const corpusDir = join(workspace, "corpus-e5");
  mkdirSync(corpusDir);
  // The vocabulary's pieces come from all the text at hand (the whole data set), not only the chunks measured.
  let vocabularyTexts: string[];
  if (values.dataset) {
    const dataset = await readSquadDataset(values.dataset);
    await writeEvalCorpus(dataset, [...dataset.articles.keys()].slice(0, Number(values.articles)), corpusDir);
    vocabularyTexts = dataset.articles.flatMap((article) => [article.title, ...article.paragraphs]);
  } else cpSync("corpus", corpusDir, { recursive: true });
  const chunks = await chunksOf(corpusDir);
  const passages = chunks.map(chunkPassageText);
  vocabularyTexts ??= passages;
  const modelDir = join(workspace, "multilingual-e5-small-shaped");
  let started = performance.now();
  const { vocabularySize } = writeE5ShapedModel(modelDir, { texts: vocabularyTexts });
  console.log(
    `\ne5-shaped model: ${E5_SMALL_SHAPE.layers} layers, hidden ${E5_SMALL_SHAPE.hidden}, ${E5_SMALL_SHAPE.heads} heads, intermediate ${E5_SMALL_SHAPE.intermediate}, int8; ` +
      `vocabulary ${vocabularySize} pieces (written in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  const { AutoTokenizer, env } = await import("@xenova/transformers");
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = `${workspace}/`;
  const tokenizer = await AutoTokenizer.from_pretrained("multilingual-e5-small-shaped");
  const tokens = passages.map((passage) => Math.min(E5_SMALL_SHAPE.maxPositions, tokenizer(`passage: ${passage}`).input_ids.size as number));
  const words = passages.map((passage) => passage.split(/\s+/u).filter(Boolean).length);
  const sorted = [...tokens].sort((a, b) => a - b);
  console.log(
    `corpus: ${chunks.length} chunks, ${(passages.reduce((sum, passage) => sum + passage.length, 0) / passages.length).toFixed(0)} characters and ` +
      `${percentile(sorted, 0.5)} tokens a chunk (p50; p95 ${percentile(sorted, 0.95)}; ${(tokens.reduce((a, b) => a + b, 0) / words.reduce((a, b) => a + b, 0)).toFixed(2)} tokens a word)`,
  );

  // Throughput per batch size, each in a child process of its own.
  const sample = join(workspace, "passages.json");
  writeFileSync(sample, JSON.stringify(passages.slice(0, 48)));
  const script = fileURLToPath(import.meta.url);
  const figures: string[] = [];
  for (const batch of [1, 4, 16]) {
    const output = execFileSync(process.execPath, [...process.execArgv, script, "--e5-throughput", modelDir, "--batch", String(batch), "--passages", sample], { encoding: "utf8" });
    const measured = JSON.parse(output.trim().split("\n").at(-1)!) as { passagesPerSecond: number; coresBusy: number };
    // Per CPU-second as well: on a machine shared with other work, the wall-clock rate is what was left over.
    figures.push(`batch ${batch}: ${measured.passagesPerSecond.toFixed(1)} (${(measured.passagesPerSecond / measured.coresBusy).toFixed(1)} per CPU-s, ${measured.coresBusy.toFixed(2)} cores busy)`);
  }
  console.log(`${"passages/s".padEnd(28)} ${figures.join("   ")}  (${Math.min(48, passages.length)} passages)`);

  const load = await loadEmbedder({ model: modelDir, cacheDir: workspace }, logger);
  if ("unavailable" in load) throw new Error(load.unavailable);
  const embeddings = load.embeddings;
  await embeddings.embedQuery(questions[0]!);
  const queryTimes: number[] = [];
  for (const question of questions) {
    const t = performance.now();
    await embeddings.embedQuery(question);
    queryTimes.push(performance.now() - t);
  }
  console.log(`${"query embedding".padEnd(28)} ${percentiles(queryTimes)}  (${queryTimes.length} seed questions)`);

  // A build with the model: the time inside embedDocuments against the whole; then a rebuild reusing vectors.
  let modelSeconds = 0;
  const timed = Object.assign(Object.create(embeddings) as typeof embeddings, {
    embedDocuments: async (texts: string[]) => {
      const t = performance.now();
      const vectors = await embeddings.embedDocuments(texts);
      modelSeconds += (performance.now() - t) / 1000;
      return vectors;
    },
  });
  const options: PipelineOptions = { corpusDir, indexDir: join(workspace, "index-e5"), analyzer: createAnalyzer(), embedder: { modelId: load.modelId, embeddings: timed }, logger };
  started = performance.now();
  await rebuildIndex(options);
  const buildSeconds = (performance.now() - started) / 1000;
  const articles = new Set(chunks.map((chunk) => chunk.docId)).size;
  console.log(
    `${"build with the model".padEnd(28)} ${buildSeconds.toFixed(1)} s for ${chunks.length} chunks: model ${modelSeconds.toFixed(1)} s (${((100 * modelSeconds) / buildSeconds).toFixed(1)} %), ` +
      `the rest ${(buildSeconds - modelSeconds).toFixed(2)} s; ${((buildSeconds / articles) * 1000 / 60).toFixed(0)} min per 1,000 articles of ${(chunks.length / articles).toFixed(1)} chunks`,
  );
  modelSeconds = 0;
  started = performance.now();
  await rebuildIndex(options);
  const rebuildSeconds = (performance.now() - started) / 1000;
  console.log(`${"rebuild, vectors reused".padEnd(28)} ${rebuildSeconds.toFixed(2)} s (model ${modelSeconds.toFixed(2)} s)`);
}

try {
  if (values["e5-throughput"]) {
    await throughput(values["e5-throughput"], values.passages!, Number(values.batch));
  } else if (values.model) {
    await measure(values.model, await loadEmbedder({ model: values.model, cacheDir: ".models" }, logger));
  } else {
    await measureColdStart();
    await measure("lexical-only", { modelId: "none", unavailable: "benchmark" });
    const modelDir = join(workspace, "tiny-e5");
    writeTinyModel(modelDir, 384);
    await measure("hybrid (tiny 384-d model)", await loadEmbedder({ model: modelDir, cacheDir: workspace }, logger));
    await measureBot();
    if (!values["no-e5"]) await measureE5Shaped();
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
