import { SingleBar } from "cli-progress";
import { rebuildIndex } from "../pipeline/answer-pipeline.js";
import { HELP_OPTION, parseCommandLine, setUpCli } from "./cli-setup.js";

export const INDEX_USAGE = `usage: isnad index [--corpus DIR] [--out DIR] [--re-embed]

Builds the index of a corpus (default corpus/ → embeddings/). Without --corpus, an existing index is rebuilt
from the corpus it was built from (its manifest records it). The previous index stays in use until the new
one is complete. With a model, a chunk whose text the previous index embedded with the same model keeps
its vector; --re-embed embeds every chunk again (for a model whose files changed under the same name).`;

/** `isnad index`: builds, and prints a summary on standard output; returns the exit code. */
export async function indexCommand(args: string[]): Promise<number> {
  const parsed = parseCommandLine(
    {
      args,
      options: { corpus: { type: "string" }, out: { type: "string" }, "re-embed": { type: "boolean", default: false }, ...HELP_OPTION },
    },
    INDEX_USAGE,
  );
  if (!parsed) return 0;
  const { values } = parsed;
  const { pipeline } = await setUpCli({ corpusDir: values.corpus, indexDir: values.out, requireCorpus: true });
  const bar = new SingleBar({ format: "indexing [{bar}] {value}/{total} articles  {file}", stream: process.stderr, noTTYOutput: false });
  let started = false;
  const summary = await rebuildIndex(pipeline, {
    reuseVectors: !values["re-embed"],
    onProgress: (done, total, path) => {
      if (!process.stderr.isTTY) return;
      if (!started) bar.start(total, 0, { file: "" });
      started = true;
      bar.update(done, { file: path });
    },
  });
  if (started) bar.stop();
  const { manifest } = summary;
  const retrieval = manifest.model ? `hybrid (model ${manifest.model.id}, ${manifest.model.dimensions} dimensions)` : `lexical-only (${manifest.lexicalOnlyReason ?? "no model"})`;
  process.stdout.write(
    [
      `Indexed ${count(manifest.corpus.articles, "article")} into ${count(manifest.corpus.chunks, "chunk")} in ${manifest.buildSeconds.toFixed(2)} s.`,
      `Corpus: ${manifest.corpus.folder}`,
      `Retrieval: ${retrieval}.`,
      ...(summary.vectors ? [`Vectors: ${summary.vectors.embedded} chunks embedded, ${summary.vectors.reused} reused from the previous index.`] : []),
      `Index: ${summary.folder}`,
      ...summary.problems.map((problem) => `Left out: ${problem.message}`),
    ].join("\n") + "\n",
  );
  return 0;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
