/**
 * How long one large article file takes to index, measured (never asserted in unit tests):
 *
 *   npm run bench:file -- [--mb 0.25,1,5]
 *
 * For each size, a corpus of one Markdown file of about that many megabytes — the seed article's clauses as
 * short sentences, one a line, in one long section, as a pasted transcript would be — is indexed lexical-only with the code of
 * `npm run index`. Reports the build time, the chunks made and the time per megabyte: with indexing linear in
 * a section's length, the time per megabyte stays flat as the file grows.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { createLogger } from "../src/logger.js";
import { rebuildIndex, type PipelineOptions } from "../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../src/text/analyzer.js";

const USAGE = "usage: npm run bench:file -- [--mb 0.25,1,5]";
const { values } = parseScriptArgs({ options: { ...HELP_OPTION, mb: { type: "string", default: "0.25,1,5" } } }, USAGE);
const sizes = values.mb.split(",").map(Number);
if (sizes.some((size) => !(size > 0))) {
  console.error(`--mb takes sizes in megabytes, separated by commas: "${values.mb}"`);
  process.exit(2);
}

const seed = readFileSync(resolve(import.meta.dirname, "..", "corpus", "2025-09-hammouchi-igef-ankara.md"), "utf8");
// A transcript's short utterances: the seed's paragraphs (without front matter and headings) cut at their
// commas, each clause a sentence of its own. Short sentences are the hard case: the cost of Intl.Segmenter
// grows with the text's length times its number of sentences when it is given the whole text at once.
const paragraphs = seed
  .split(/\n{2,}/u)
  .filter((block) => !/^(?:---|#)/u.test(block.trim()))
  .flatMap((block) => block.split("،").map((clause) => `${clause.trim()}.`));

console.log("   MB   chunks   build s   s per MB");
for (const mb of sizes) {
  const workspace = mkdtempSync(join(tmpdir(), "isnad-file-"));
  try {
    const corpusDir = join(workspace, "corpus");
    mkdirSync(corpusDir);
    const target = mb * 1e6;
    const body: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < target; i += 1) {
      const paragraph = paragraphs[i % paragraphs.length]!;
      body.push(paragraph);
      bytes += Buffer.byteLength(paragraph) + 1;
    }
    writeFileSync(join(corpusDir, "transcript.md"), `# محضر جلسة طويلة\n\n${body.join("\n")}\n`);
    const options: PipelineOptions = {
      corpusDir,
      indexDir: join(workspace, "index"),
      analyzer: createAnalyzer(),
      embedder: { modelId: "none", unavailable: "benchmark" },
      logger: createLogger({ level: "error", format: "json" }),
    };
    const started = performance.now();
    const { manifest } = await rebuildIndex(options);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${mb.toFixed(2).padStart(5)}  ${String(manifest.corpus.chunks).padStart(7)}  ${seconds.toFixed(2).padStart(8)}  ${(seconds / mb).toFixed(2).padStart(9)}`);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
