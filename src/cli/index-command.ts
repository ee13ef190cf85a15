import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import { rebuildIndex } from "../pipeline/answer-pipeline.js";
import { runCli, setUpCli, UsageError } from "./cli-setup.js";

const USAGE = `usage: npm run index -- [--corpus DIR] [--out DIR]

Builds the index from the corpus (default corpus/ → embeddings/). The previous index stays in use until the
new one is complete.`;

await runCli(async () => {
  let values;
  try {
    ({ values } = parseArgs({ options: { corpus: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    throw new UsageError((error as Error).message, USAGE);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { pipeline } = await setUpCli({ corpusDir: values.corpus, indexDir: values.out, requireCorpus: true });
  const bar = new SingleBar({ format: "indexing [{bar}] {value}/{total} articles  {file}", stream: process.stderr, noTTYOutput: false });
  let started = false;
  const summary = await rebuildIndex(pipeline, (done, total, path) => {
    if (!process.stderr.isTTY) return;
    if (!started) bar.start(total, 0, { file: "" });
    started = true;
    bar.update(done, { file: path });
  });
  if (started) bar.stop();
  const { manifest } = summary;
  const retrieval = manifest.model ? `hybrid (model ${manifest.model.id}, ${manifest.model.dimensions} dimensions)` : `lexical-only (${manifest.lexicalOnlyReason ?? "no model"})`;
  process.stdout.write(
    [
      `Indexed ${manifest.corpus.articles} articles into ${manifest.corpus.chunks} chunks in ${manifest.buildSeconds.toFixed(2)} s.`,
      `Retrieval: ${retrieval}.`,
      `Index: ${summary.folder}`,
      ...summary.problems.map((problem) => `Left out: ${problem.message}`),
    ].join("\n") + "\n",
  );
  return 0;
});
