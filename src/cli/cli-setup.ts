import { parseArgs, type ParseArgsConfig } from "node:util";
import { SingleBar } from "cli-progress";
import { listArticleFiles } from "../corpus/load-corpus.js";
import { loadEmbedder, reportUnavailable, type EmbedderLoad } from "../embedder/load-embedder.js";
import { loadDotEnv, parseConfig, type Config } from "../config.js";
import { IsnadError } from "../errors.js";
import { createLogger, type Logger } from "../logger.js";
import { createAnalyzer } from "../text/analyzer.js";
import { corpusFor, type PipelineOptions } from "../pipeline/answer-pipeline.js";
import { retrievalParamsWith } from "../retrieval/hybrid-retriever.js";

/** Configuration, logger and pipeline options for a command-line entry point. */
export interface CliSetup {
  readonly config: Config;
  readonly logger: Logger;
  readonly pipeline: PipelineOptions;
}

/**
 * Reads the configuration, loads the embedding model (showing a download's progress) and wires the pipeline.
 * With `requireCorpus`, a missing corpus folder is reported before the model is loaded (or downloaded).
 */
export async function setUpCli(overrides: { corpusDir?: string; indexDir?: string; requireCorpus?: boolean }): Promise<CliSetup> {
  loadDotEnv();
  const config = parseConfig(process.env, { logFormat: "pretty", logLevel: "warn" });
  const logger = createLogger(config.log);
  const indexDir = overrides.indexDir ?? config.indexDir;
  // The corpus is the user's choice when named for this run: by --corpus, or by CORPUS_DIR for the configured
  // index (not for an index named by --index, which keeps the corpus it was built from).
  const corpus = {
    corpusDir: overrides.corpusDir ?? config.corpusDir,
    corpusChosen: overrides.corpusDir !== undefined || (overrides.indexDir === undefined && config.corpusDirSet),
  };
  if (overrides.requireCorpus) await listArticleFiles(await corpusFor({ ...corpus, indexDir }));
  const embedder = await loadEmbedderWithProgress(config, logger);
  return {
    config,
    logger,
    pipeline: {
      ...corpus,
      indexDir,
      analyzer: createAnalyzer(),
      embedder,
      logger,
      retrieval: retrievalParamsWith(config.fusion),
    },
  };
}

async function loadEmbedderWithProgress(config: Config, logger: Logger): Promise<EmbedderLoad> {
  const bars = new Map<string, SingleBar>();
  const load = await loadEmbedder({ ...config.embedding }, logger, ({ file, loadedBytes, totalBytes }) => {
    if (!process.stderr.isTTY || totalBytes === 0) return;
    let bar = bars.get(file);
    if (!bar) {
      bar = new SingleBar({ format: `downloading ${file} [{bar}] {percentage}% {value}/{total} MB`, stream: process.stderr });
      bar.start(Math.round(totalBytes / 1e5) / 10, 0);
      bars.set(file, bar);
    }
    bar.update(Math.round(loadedBytes / 1e5) / 10);
  });
  for (const bar of bars.values()) bar.stop();
  await reportUnavailable(load, config.embedding.cacheDir, logger);
  return load;
}

/** Runs a command's body and turns errors into a clear message and exit code (2 for usage, 1 otherwise). */
export async function runCli(body: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${error.usage}\n`);
      process.exitCode = 2;
    } else if (error instanceof IsnadError) {
      process.stderr.write(`error: ${error.message}\n${error.fix}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`unexpected error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

/** A command line that cannot be understood; printed with the command's usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** The --help option every command (and every script) declares, which parseCommandLine answers. */
export const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/**
 * Node's parseArgs, with an unknown option or a missing value reported as a UsageError showing `usage`; with
 * --help (an option every command declares), `usage` is printed on standard output and undefined returned: the
 * command has nothing more to do.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | undefined {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    return undefined;
  }
  return parsed;
}
