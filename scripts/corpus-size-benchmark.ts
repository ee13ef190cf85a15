/**
 * How Isnad scales with the corpus, measured (never asserted in unit tests):
 *
 *   npm run bench:size -- --dataset ../shared/datasets/xquad.ar.json [--copies 1,10,50,200]
 *
 * For each size, a corpus of that many copies of the data set's articles (each copy's paragraphs in another
 * order, under its own title) is indexed lexical-only with the code of `npm run index`, loaded as the bot loads
 * it, and asked every sixth question of the data set. Each size runs in a process of its own, so the memory it
 * reports is that one index's: the heap and the typed arrays after a garbage collection, and the process's
 * resident size. Copies share their words, so a real corpus of the same size has a larger vocabulary — more
 * terms to keep — than these.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { percentile } from "../src/eval/metrics.js";
import { readSquadDataset, writeEvalCorpus, type EvalDataset } from "../src/eval/squad-dataset.js";
import { createLogger } from "../src/logger.js";
import { AnswerPipeline, rebuildIndex, type PipelineOptions } from "../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../src/text/analyzer.js";

const { values } = parseArgs({
  options: { dataset: { type: "string" }, copies: { type: "string", default: "1,10,50,200" }, one: { type: "boolean", default: false } },
});
if (!values.dataset) {
  console.error("usage: npm run bench:size -- --dataset FILE [--copies 1,10,50,200]");
  process.exit(2);
}
const sizes = values.copies.split(",").map(Number);
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
  console.error(`--copies takes whole numbers ≥ 1, separated by commas: "${values.copies}"`);
  process.exit(2);
}

if (values.one) {
  console.log(JSON.stringify(await measureOne(values.dataset, sizes[0]!)));
} else {
  // Read once here, so that a wrong path or format is reported as such, not as every size failing.
  try {
    await readSquadDataset(values.dataset);
  } catch (error) {
    console.error(`Cannot read the data set: ${(error as Error).message}`);
    process.exit(2);
  }
  console.log("copies  articles  chunks   build s  load s  index MB  memory MB (heap + arrays / resident)  answer p50 / p95 ms");
  for (const copies of sizes) {
    // A process per size: what one index costs, not what the sizes before it left behind.
    let output: string;
    try {
      output = execFileSync(process.execPath, [...process.execArgv, "--expose-gc", fileURLToPath(import.meta.url), "--one", "--dataset", values.dataset, "--copies", String(copies)], { encoding: "utf8" });
    } catch {
      // The child's own error went to stderr above.
      console.log(`${String(copies).padStart(6)}  failed`);
      process.exitCode = 1;
      continue;
    }
    const m = JSON.parse(output.trim().split("\n").at(-1)!) as Awaited<ReturnType<typeof measureOne>>;
    console.log(
      `${String(copies).padStart(6)}  ${String(m.articles).padStart(8)}  ${String(m.chunks).padStart(6)}  ${m.buildSeconds.toFixed(1).padStart(8)}  ${m.loadSeconds.toFixed(2).padStart(6)}  ${m.indexMB.toFixed(1).padStart(8)}  ${`${m.heapAndArraysMB.toFixed(0)} / ${m.residentMB.toFixed(0)}`.padStart(38)}  ${`${m.p50.toFixed(1)} / ${m.p95.toFixed(1)}`.padStart(19)}`,
    );
  }
}

async function measureOne(datasetPath: string, copies: number) {
  const dataset = await readSquadDataset(datasetPath);
  const workspace = mkdtempSync(join(tmpdir(), "isnad-size-"));
  try {
    const corpusDir = join(workspace, "corpus");
    const copied: EvalDataset = {
      questions: [],
      articles: Array.from({ length: copies }, (_, copy) =>
        dataset.articles.map((article) => ({
          docId: `c${copy}${article.docId}`,
          title: `${article.title} ${copy + 1}`,
          paragraphs: article.paragraphs.map((_, i) => article.paragraphs[(i + copy) % article.paragraphs.length]!),
        })),
      ).flat(),
    };
    mkdirSync(corpusDir);
    await writeEvalCorpus(copied, [...copied.articles.keys()], corpusDir);
    const options: PipelineOptions = {
      corpusDir,
      indexDir: join(workspace, "index"),
      analyzer: createAnalyzer(),
      embedder: { modelId: "none", unavailable: "benchmark" },
      logger: createLogger({ level: "error", format: "json" }),
    };
    let started = performance.now();
    const { manifest, folder } = await rebuildIndex(options);
    const buildSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const pipeline = await AnswerPipeline.open(options);
    const loadSeconds = (performance.now() - started) / 1000;
    (globalThis as { gc?: () => void }).gc?.();
    const memory = process.memoryUsage();
    const times: number[] = [];
    for (const question of dataset.questions.filter((_, i) => i % 6 === 0)) {
      const t = performance.now();
      await pipeline.answer(question.question);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return {
      articles: manifest.corpus.articles,
      chunks: manifest.corpus.chunks,
      buildSeconds,
      loadSeconds,
      indexMB: readdirSync(folder).reduce((sum, file) => sum + statSync(join(folder, file)).size, 0) / 1e6,
      heapAndArraysMB: (memory.heapUsed + memory.arrayBuffers) / 1e6,
      residentMB: process.memoryUsage().rss / 1e6,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
