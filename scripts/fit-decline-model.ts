/**
 * Fits the decision to decline (src/answer/decline-model.ts) on XQuAD-ar's tuning split and prints the model
 * to paste into DEFAULT_DECLINE_MODEL, with its operating points.
 *
 *   npx tsx scripts/fit-decline-model.ts [--dataset FILE] [--target 0.019] [--layouts sections,paragraphs] [--current]
 *
 * With --current, nothing is fitted: the operating points of the model in decline-model.ts are printed.
 *
 * Only articles 1–32 (the tuning split) are ever read. For corpora of one, four and twenty-four articles —
 * each written both as one file per article and as one file per paragraph (see CorpusLayout) — the
 * questions about the indexed articles are "answerable" and those about the next articles are not; every
 * question is answered with declining switched off, and its signals are kept. A logistic regression with
 * corpus-size interactions is fitted (layouts, sizes and classes weighed equally), then its bias is moved so
 * that — with the isAboutUnseenThings rule — at most `target` of the answerable questions are declined with all
 * 32 tuning articles indexed, in either layout: the largest corpus the tuning split allows, since the share
 * grows with the corpus.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_COMPOSE_PARAMS } from "../src/answer/compose-answer.js";
import { corpusScale, DEFAULT_DECLINE_MODEL, isAboutUnseenThings, MODEL_SIGNALS, type DeclineSignals } from "../src/answer/decline-model.js";
import { readSquadDataset, writeEvalCorpus, type CorpusLayout } from "../src/eval/squad-dataset.js";
import { createLogger } from "../src/logger.js";
import { AnswerPipeline, rebuildIndex } from "../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../src/text/analyzer.js";

const { values } = parseArgs({
  options: {
    dataset: { type: "string", default: "../shared/datasets/xquad.ar.json" },
    // 1.9 %, not the 2 % aimed at: the share grows as a corpus grows past the calibration size (set for 2 % at 32
    // articles, it was 2.2 % at 40 and at 48), and this leaves it that room.
    target: { type: "string", default: "0.019" },
    layouts: { type: "string", default: "sections,paragraphs" },
    current: { type: "boolean", default: false },
  },
});
const TUNING_ARTICLES = 32;
const LAYOUTS = values.layouts!.split(",").map((layout) => {
  if (layout !== "sections" && layout !== "paragraphs") throw new Error(`--layouts takes sections and/or paragraphs, not ${layout}`);
  return layout as CorpusLayout;
});
/**
 * [first indexed article, indexed count, articles after it whose questions must be declined], each in both
 * corpus layouts — an article per file with a section per paragraph, and a paragraph per file — since the
 * article evidence the model reads differs between them. The last setup, the whole tuning split with nothing
 * to decline, only sets the bias: it is the largest corpus the tuning split allows, and the share of
 * answerable questions declined grows with the corpus.
 */
const SETUPS: ReadonlyArray<readonly [number, number, number]> = [
  ...[0, 6, 12, 18, 24].map((first) => [first, 1, 5] as const),
  ...[0, 8, 16, 24].map((first) => [first, 4, 4] as const),
  [0, 24, 8],
  [0, TUNING_ARTICLES, 0],
];
const CALIBRATION_SIZE = TUNING_ARTICLES;

interface Sample {
  readonly answerable: boolean;
  readonly size: number;
  readonly layout: CorpusLayout;
  readonly chunks: number;
  readonly signals: DeclineSignals;
}

const dataset = await readSquadDataset(values.dataset!);
const logger = createLogger({ level: "error", format: "json" });
const analyzer = createAnalyzer();
const samples: Sample[] = [];
const workspace = await mkdtemp(join(tmpdir(), "isnad-fit-"));
try {
  for (const layout of LAYOUTS) for (const [first, size, after] of SETUPS) {
    const corpusDir = join(workspace, `corpus-${layout}-${first}-${size}`);
    await mkdir(corpusDir);
    await writeEvalCorpus(dataset, Array.from({ length: size }, (_, i) => first + i), corpusDir, layout);
    const options = {
      corpusDir,
      indexDir: join(workspace, `index-${layout}-${first}-${size}`),
      analyzer,
      embedder: { modelId: "none", unavailable: "fitting uses lexical retrieval" },
      logger,
      compose: { ...DEFAULT_COMPOSE_PARAMS, declineBelow: -1 },
    };
    await rebuildIndex(options);
    const pipeline = await AnswerPipeline.open(options);
    const last = Math.min(TUNING_ARTICLES, first + size + after);
    for (const question of dataset.questions.filter((q) => q.articleIndex >= first && q.articleIndex < last)) {
      const answer = await pipeline.answer(question.question);
      // A question marked unanswerable (SQuAD 2.0) is a near-topic negative even about an indexed article.
      samples.push({ answerable: question.answerable && question.articleIndex < first + size, size, layout, chunks: pipeline.index.chunks.length, signals: answer.signals });
    }
    process.stderr.write(`collected ${samples.length} questions\n`);
  }
} finally {
  await rm(workspace, { recursive: true, force: true });
}

// Features: the signals, the corpus scale, and each signal times the scale.
const features = (sample: Sample): number[] => {
  const scale = corpusScale(sample.chunks);
  const raw = MODEL_SIGNALS.map((signal) => sample.signals[signal]);
  return [1, scale, ...raw, ...raw.map((value) => value * scale)];
};
const fitted = samples.filter((sample) => sample.size !== CALIBRATION_SIZE);
const X = fitted.map(features);
const y = fitted.map((sample) => (sample.answerable ? 1 : 0));
// Each (layout, size, class) cell weighs the same in total.
const cellOf = (sample: Sample) => `${sample.layout}/${sample.size}/${sample.answerable}`;
const cellCounts = new Map<string, number>();
for (const sample of fitted) cellCounts.set(cellOf(sample), (cellCounts.get(cellOf(sample)) ?? 0) + 1);
const sampleWeights = fitted.map((sample) => fitted.length / (cellCounts.size * cellCounts.get(cellOf(sample))!));

const w = values.current ? currentModelVector() : new Array<number>(X[0]!.length).fill(0);
const logit = (row: number[]) => row.reduce((sum, value, i) => sum + value * w[i]!, 0);
for (let iteration = 0; !values.current && iteration < 20000; iteration += 1) {
  const gradient = new Array<number>(w.length).fill(0);
  X.forEach((row, n) => {
    const error = (1 / (1 + Math.exp(-logit(row))) - y[n]!) * sampleWeights[n]!;
    row.forEach((value, i) => (gradient[i]! += (error * value) / X.length));
  });
  w.forEach((_, i) => (w[i]! -= 0.5 * (gradient[i]! + (i > 1 ? 1e-3 * w[i]! : 0))));
}

/** DEFAULT_DECLINE_MODEL in the order of `features`. */
function currentModelVector(): number[] {
  const model = DEFAULT_DECLINE_MODEL;
  return [model.bias, model.sizeBias, ...MODEL_SIGNALS.map((signal) => model.weights[signal]), ...MODEL_SIGNALS.map((signal) => model.sizeSlopes[signal])];
}

// Move the bias so that, at the calibration size, at most `target` of the answerable questions are declined
// (rule included) in either layout: the stricter layout sets it.
const target = Number(values.target);
const shiftFor = (layout: CorpusLayout): number => {
  const large = samples.filter((sample) => sample.size === CALIBRATION_SIZE && sample.layout === layout).map((sample) => ({ sample, z: logit(features(sample)) }));
  const ruled = large.filter(({ sample }) => isAboutUnseenThings(sample.signals)).length;
  const zs = large.filter(({ sample }) => !isAboutUnseenThings(sample.signals)).map(({ z }) => z).sort((a, b) => a - b);
  const allowed = Math.max(0, Math.floor(target * large.length) - ruled);
  return allowed > 0 ? zs[allowed]! : zs[0]! - 1;
};
const shift = values.current ? 0 : Math.min(...LAYOUTS.map(shiftFor));

const round = (value: number) => Math.round(value * 1000) / 1000;
const signalWeights = Object.fromEntries(MODEL_SIGNALS.map((signal, i) => [signal, round(w[2 + i]!)]));
const slopes = Object.fromEntries(MODEL_SIGNALS.map((signal, i) => [signal, round(w[2 + MODEL_SIGNALS.length + i]!)]));
if (!values.current) console.log(JSON.stringify({ bias: round(w[0]! - shift), sizeBias: round(w[1]!), weights: signalWeights, sizeSlopes: slopes }, null, 2));
for (const layout of LAYOUTS) {
  for (const size of [1, 4, 24, CALIBRATION_SIZE]) {
    for (const answerable of [true, false]) {
      const group = samples.filter((sample) => sample.layout === layout && sample.size === size && sample.answerable === answerable);
      if (group.length === 0) continue;
      const declined = group.filter((sample) => logit(features(sample)) - shift < 0 || isAboutUnseenThings(sample.signals)).length;
      console.log(`${layout}, ${size} article(s), ${answerable ? "answerable" : "not answerable"}: ${group.length} questions, ${((100 * declined) / group.length).toFixed(1)} % declined`);
    }
  }
}
