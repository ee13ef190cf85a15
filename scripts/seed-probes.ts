/**
 * How the seed article's probes are answered — questions written for it beyond the public seed set, by kind:
 *
 *   npm run probes [-- --show]
 *
 * test/fixtures/seed-probes.jsonl holds near-topic questions the article does not answer (about its subject,
 * not in it), paraphrases, questions written wholly in dialect, formal paraphrases, and questions as typed in a
 * chat, with a greeting, a request or thanks around them; an answerable probe may name words its answer should
 * hold. Each probe is checked as the bot checks a message (validateQuestion), then answered. The corpus/ folder is indexed into a temporary folder, lexical-only, and
 * every probe answered; the figures per kind are what docs/EVALUATION.md quotes. `--show` lists every probe
 * that missed. Measured, never asserted: the unit tests hold a few of them as behaviour.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { validateQuestion } from "../src/question/validate-question.js";
import { createLogger } from "../src/logger.js";
import { AnswerPipeline, rebuildIndex } from "../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../src/text/analyzer.js";

interface Probe {
  readonly id: string;
  readonly kind: string;
  readonly question: string;
  readonly answerable: boolean;
  readonly answers?: readonly string[];
}

const USAGE = "usage: npm run probes [-- --show]   (--show lists every probe that missed)";
const { values } = parseScriptArgs({ options: { ...HELP_OPTION, show: { type: "boolean", default: false } } }, USAGE);
const probes: Probe[] = readFileSync("test/fixtures/seed-probes.jsonl", "utf8").trim().split("\n").map((line) => JSON.parse(line));
const workspace = mkdtempSync(join(tmpdir(), "isnad-probes-"));
try {
  const options = {
    corpusDir: "corpus",
    indexDir: join(workspace, "index"),
    analyzer: createAnalyzer(),
    embedder: { modelId: "none", unavailable: "probes run lexical-only" },
    logger: createLogger({ level: "error", format: "json" }),
  };
  await rebuildIndex(options);
  const pipeline = await AnswerPipeline.open(options);
  const byKind = new Map<string, { probes: number; answered: number; withWords: number; holding: number; misses: string[] }>();
  for (const probe of probes) {
    const check = validateQuestion(probe.question);
    if (!check.ok) throw new Error(`probe ${probe.id} is refused as a message: ${check.message}`);
    const answer = await pipeline.answer(check.question);
    const tally = byKind.get(probe.kind) ?? { probes: 0, answered: 0, withWords: 0, holding: 0, misses: [] };
    byKind.set(probe.kind, tally);
    tally.probes += 1;
    if (!answer.abstained) tally.answered += 1;
    const holds = probe.answers?.some((words) => answer.text.includes(words));
    if (probe.answers) {
      tally.withWords += 1;
      if (!answer.abstained && holds) tally.holding += 1;
    }
    const missed = probe.answerable ? answer.abstained || holds === false : !answer.abstained;
    if (missed) tally.misses.push(`${probe.id} ${answer.abstained ? "declined" : "answered"} (${answer.evidence.toFixed(2)}) ${probe.question}`);
  }
  for (const [kind, tally] of byKind) {
    const words = tally.withWords > 0 ? `; ${tally.holding} of ${tally.withWords} answers hold the expected words` : "";
    console.log(`${kind.padEnd(11)} ${tally.answered} of ${tally.probes} answered${words}`);
    if (values.show) for (const miss of tally.misses) console.log(`    ${miss}`);
  }
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
