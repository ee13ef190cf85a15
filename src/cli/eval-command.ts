import { withParagraphLeftOut } from "../eval/leave-out-paragraph.js";
import { QUESTION_NOISES, withQuestionNoise, type QuestionNoise } from "../eval/perturb-question.js";
import { basename } from "node:path";
import { readSquadDataset, type EvalDataset } from "../eval/squad-dataset.js";
import { macroAverage, type MacroSystem } from "../eval/macro-average.js";
import { runEvaluation, type EvalReport } from "../eval/run-evaluation.js";
import { ABLATION_SYSTEMS, standardSystems } from "../eval/systems.js";
import { FUSION_GRID, type FusionSweep } from "../eval/fusion-sweep.js";
import type { Config } from "../config.js";
import { HELP_OPTION, parseCommandLine, setUpCli, UsageError } from "./cli-setup.js";

export const EVAL_USAGE = `usage: isnad eval --dataset FILE [--dataset FILE …] [--json] [--hold-out N[,N…]] [--tune-articles N[,N…]]
                  [--paragraphs-as-articles] [--duplicate-articles] [--leave-out-paragraph N]
                  [--noise typos|dialect|missing-space] [--ablations] [--sweep-fusion]

Evaluates retrieval and answers on SQuAD-format files (e.g. ../shared/datasets/xquad.ar.json and
../shared/datasets/arcd-train.json). Each set is indexed and measured on its own; with several, their macro
average follows (each set weighs the same). Questions marked unanswerable (SQuAD 2.0's is_impossible) are
measured apart: they should be declined.
  --dataset FILE     a data set; repeat it for several
  --hold-out N       the last N articles stay out of the corpus; their questions should be declined. One value
                     for every set, or one per set in --dataset's order (8,10)
  --tune-articles N  the first N articles are the tuning split, the rest of the corpus the test split (default:
                     the first 80 % of the indexed articles, rounded up); one value, or one per set
  --paragraphs-as-articles
                     index each paragraph as an article of its own (a corpus of short items) instead of
                     each article as one document with a section per paragraph; splits still count articles
  --duplicate-articles
                     index every article twice, the copy under a title of its own (the same wire story run
                     by two outlets); a question's paragraph is found in either copy
  --leave-out-paragraph N
                     the Nth paragraph of every indexed article (counted round its paragraphs) stays out of
                     the corpus; its questions are near-topic ones, to be declined ("no-answer declined")
  --noise KIND       ask every question as a user might type it: "typos" (one slip in one word),
                     "dialect" (the question word in Darija, Levantine or Egyptian) or "missing-space" (two
                     words run together where it cannot be seen); seeded, repeatable
  --ablations        also run the analyzer ablations
  --sweep-fusion     also rank the hybrid retrieval's candidates under each fusion setting (the dense
                     ranking's weight, RRF's k) and name the best on the tuning split; needs a model
  --json             print the report as JSON instead of a table

"confident wrong" is the share of questions the sources cannot answer (held out, or near-topic) that were
answered without the tentative note; "right tentative" the share of right answers that carry the note.`;

/** `isnad eval`: the report on standard output (a table, or JSON with --json); returns the exit code. */
export async function evalCommand(args: string[]): Promise<number> {
  const parsed = parseCommandLine(
    {
      args,
      options: {
        dataset: { type: "string", multiple: true },
        json: { type: "boolean", default: false },
        "hold-out": { type: "string", default: "0" },
        "tune-articles": { type: "string" },
        "paragraphs-as-articles": { type: "boolean", default: false },
        "duplicate-articles": { type: "boolean", default: false },
        "leave-out-paragraph": { type: "string" },
        noise: { type: "string" },
        ablations: { type: "boolean", default: false },
        "sweep-fusion": { type: "boolean", default: false },
        ...HELP_OPTION,
      },
    },
    EVAL_USAGE,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const files = values.dataset ?? [];
  if (files.length === 0) throw new UsageError("--dataset is required.", EVAL_USAGE);
  const holdOuts = perSet("--hold-out", values["hold-out"], files.length);
  const tunes = values["tune-articles"] === undefined ? undefined : perSet("--tune-articles", values["tune-articles"], files.length);
  const leaveOut = values["leave-out-paragraph"] === undefined ? undefined : Number(values["leave-out-paragraph"]);
  if (leaveOut !== undefined && !(Number.isInteger(leaveOut) && leaveOut >= 1)) throw new UsageError("--leave-out-paragraph takes a whole number ≥ 1.", EVAL_USAGE);
  const noise = values.noise as QuestionNoise | undefined;
  if (noise !== undefined && !QUESTION_NOISES.includes(noise)) throw new UsageError(`--noise takes ${QUESTION_NOISES.join(" or ")}, not "${noise}".`, EVAL_USAGE);

  // Every set is read and checked before anything is indexed, so that a typo in the last path fails at once.
  const sets: Array<{ file: string; dataset: EvalDataset; holdOut: number; tuneArticles: number }> = [];
  for (const [i, file] of files.entries()) {
    let dataset;
    try {
      dataset = await readSquadDataset(file);
    } catch (error) {
      throw new UsageError(`Cannot read the data set: ${(error as Error).message}`, EVAL_USAGE);
    }
    if (noise !== undefined) dataset = withQuestionNoise(dataset, noise);
    const holdOut = holdOuts[i]!;
    if (holdOut >= dataset.articles.length) throw new UsageError(`--hold-out must leave at least one of the ${dataset.articles.length} articles of ${file}.`, EVAL_USAGE);
    const indexed = dataset.articles.length - holdOut;
    // Only indexed articles lose a paragraph: held-out questions stay as they are.
    if (leaveOut !== undefined) dataset = withParagraphLeftOut(dataset, leaveOut - 1, [...Array(indexed).keys()]);
    sets.push({ file, dataset, holdOut, tuneArticles: tunes?.[i] ?? defaultTuningArticles(indexed) });
  }
  const { config, pipeline } = await setUpCli({});
  // The hybrid row measures the fusion the bot would use: FUSION_DENSE_WEIGHT and FUSION_RRF_K.
  const standard = standardSystems(pipeline.retrieval);
  const systems = values.ablations ? [...standard, ...ABLATION_SYSTEMS] : standard;
  const reports: Array<{ file: string; report: LabelledReport }> = [];
  for (const { file, dataset, holdOut, tuneArticles } of sets) {
    const split = {
      holdOut,
      tuneArticles,
      layout: values["paragraphs-as-articles"] ? ("paragraphs" as const) : ("sections" as const),
      copies: values["duplicate-articles"] ? 2 : 1,
      ...(values["sweep-fusion"] ? { fusionGrid: FUSION_GRID } : {}),
    };
    const report = await runEvaluation(dataset, systems, split, pipeline.embedder, pipeline.logger, (system, done, total) => {
      if (process.stderr.isTTY && (done % 50 === 0 || done === total)) process.stderr.write(`\r${basename(file)}, ${system}: ${done}/${total} questions`);
    });
    if (process.stderr.isTTY) process.stderr.write("\n");
    reports.push({ file, report: { ...report, ...(noise === undefined ? {} : { noise }), ...(leaveOut === undefined ? {} : { leftOutParagraph: leaveOut }) } });
  }
  const macro = reports.length > 1 ? macroAverage(reports.map(({ report }) => report)) : undefined;
  if (values.json) {
    // One set: its report as it always was; several: each set's, and their macro average.
    const json = reports.length === 1 ? reports[0]!.report : { sets: reports.map(({ file, report }) => ({ dataset: basename(file), ...report })), macro };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const parts = reports.map(({ file, report }) => (reports.length > 1 ? `== ${basename(file)} ==\n` : "") + renderReport(report, config.fusion));
    if (macro) parts.push(renderMacro(macro));
    process.stdout.write(parts.join("\n"));
  }
  return 0;
}

/** A share as a percentage with one decimal; a dash for a figure that was not measured. */
function percent(value: number | undefined): string {
  return value === undefined ? "—" : (value * 100).toFixed(1);
}

type LabelledReport = EvalReport & { noise?: string; leftOutParagraph?: number };

/** A per-set option: one whole number ≥ 0 for every set, or one per set. */
function perSet(option: string, value: string, sets: number): number[] {
  const numbers = value.split(",").map(Number);
  if (!numbers.every((n) => Number.isInteger(n) && n >= 0)) throw new UsageError(`${option} takes whole numbers ≥ 0 (one, or one per --dataset), not "${value}".`, EVAL_USAGE);
  if (numbers.length === 1) return Array<number>(sets).fill(numbers[0]!);
  if (numbers.length !== sets) throw new UsageError(`${option} has ${numbers.length} values for ${sets} data sets: give one, or one per --dataset.`, EVAL_USAGE);
  return numbers;
}

function renderReport(report: LabelledReport, configured: Config["fusion"]): string {
  const lines = [
    `${report.articles} articles, ${report.questions} questions${report.noise ? ` (with ${report.noise} noise)` : ""}${report.leftOutParagraph ? `, paragraph ${report.leftOutParagraph} of each indexed article left out` : ""}, ${report.layout === "paragraphs" ? "each paragraph indexed as an article" : "each article indexed with a section per paragraph"}${report.copies > 1 ? `, every article ${report.copies} times` : ""}. Tune: ${report.split.tune}; test: ${report.split.test}; held out: ${report.split.heldOut}.`,
    "",
  ];
  for (const [label, key] of [["Tuning split", "tune"], ["Test split", "test"]] as const) {
    // A split without questions has no figures: zeros would read as a system that failed them all.
    if (report.systems.every((system) => system[key].questions === 0 && !system[key].unanswerable)) {
      lines.push(`${label}: no questions (--tune-articles N sets which articles are tuned on; the rest are the test split).`, "");
      continue;
    }
    lines.push(`${label} (%; latency in ms)`);
    // The column for questions marked unanswerable (SQuAD 2.0) appears only when the data set has some.
    const withUnanswerable = report.systems.some((system) => system[key].unanswerable);
    const optional = (cell: string) => (withUnanswerable ? [cell] : []);
    const header = ["system", "R@1", "R@3", "R@5", "MRR", "hit", "declined", "right tent.", ...optional("no-answer declined"), ...optional("no-answer conf."), "held-out declined", "held-out conf.", "p50", "p95", "build s"];
    const pad = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(22) : cell.padStart(Math.max(9, header[i]!.length + 2)))).join("");
    lines.push(pad(header));
    for (const system of report.systems) {
      const m = system[key];
      lines.push(
        pad([
          system.name,
          percent(m.recallAt1),
          percent(m.recallAt3),
          percent(m.recallAt5),
          m.mrr.toFixed(3),
          percent(m.answerHit),
          percent(m.declined),
          percent(m.rightTentative),
          ...optional(percent(m.unanswerable?.declined)),
          ...optional(percent(m.unanswerable?.confident)),
          percent(system.heldOutDeclined),
          percent(system.heldOutConfident),
          m.p50Ms.toFixed(1),
          m.p95Ms.toFixed(1),
          system.buildSeconds.toFixed(2),
        ]),
      );
    }
    lines.push("");
  }
  if (report.fusion) lines.push(...renderFusionSweep(report.fusion, configured), "");
  for (const { name, reason } of report.skipped) lines.push(`skipped ${name}: ${reason}`);
  return `${lines.join("\n")}\n`;
}

/** The macro average over the data sets, per split: what settings are chosen on. */
function renderMacro(systems: readonly MacroSystem[]): string {
  const header = ["system", "split", "R@1", "R@5", "MRR", "hit", "declined", "right tent.", "no-answer declined", "no-answer conf.", "held-out declined", "held-out conf."];
  const pad = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(22) : i === 1 ? cell.padEnd(7) : cell.padStart(Math.max(9, header[i]!.length + 2)))).join("");
  const lines = ["== macro average over the data sets (each set weighs the same; %) ==", pad(header)];
  for (const system of systems) {
    for (const [label, figures] of [["tune", system.tune], ["test", system.test]] as const) {
      lines.push(
        pad([
          system.name,
          label,
          percent(figures.recallAt1),
          percent(figures.recallAt5),
          figures.mrr.toFixed(3),
          percent(figures.answerHit),
          percent(figures.declined),
          percent(figures.rightTentative),
          percent(figures.unanswerableDeclined),
          percent(figures.unanswerableConfident),
          percent(system.heldOutDeclined),
          percent(system.heldOutConfident),
        ]),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The default tuning split: the first 80 % of the indexed articles, rounded up (XQuAD-ar with 8 held out: 32 of 40). */
function defaultTuningArticles(indexed: number): number {
  return Math.ceil(0.8 * indexed);
}

/** The sweep's table, the configured setting and the best one marked, and how to adopt the best. */
function renderFusionSweep(sweep: FusionSweep, configured: Config["fusion"]): string[] {
  const pad = (cells: readonly string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(14) : cell.padStart(9))).join("");
  const lines = [
    "Fusion sweep: hybrid retrieval (lexical weight 1), recall and MRR in % / 0–1; weight 0 is lexical alone",
    pad(["weight, k", "R@1", "R@5", "MRR", "test R@1", "test R@5", "test MRR", ""]),
  ];
  for (const setting of sweep.settings) {
    const marks = [setting === sweep.best ? "best" : "", setting.denseWeight === configured.denseWeight && setting.rrfK === configured.rrfK ? "configured" : ""];
    lines.push(
      pad([
        `${setting.denseWeight}, ${setting.rrfK}`,
        percent(setting.tune.recallAt1),
        percent(setting.tune.recallAt5),
        setting.tune.mrr.toFixed(3),
        percent(setting.test.recallAt1),
        percent(setting.test.recallAt5),
        setting.test.mrr.toFixed(3),
        `  ${marks.filter(Boolean).join(", ")}`,
      ]),
    );
  }
  const { denseWeight, rrfK } = sweep.best;
  lines.push(
    `Best on the tuning split: FUSION_DENSE_WEIGHT=${denseWeight} FUSION_RRF_K=${rrfK} (configured: ${configured.denseWeight}, ${configured.rrfK}).`,
    "Put it in .env and run the evaluation again to measure answers and declines with it.",
  );
  return lines;
}
