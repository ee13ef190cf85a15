import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Logger } from "pino";
import { ConfigError } from "../errors.js";
import { prefixesFor, type InputPrefixes } from "./model-profiles.js";
import type { FeatureExtractor, TransformersEmbeddings } from "./transformers-embeddings.js";

/** The EMBEDDING_MODEL value that turns the model off: lexical-only retrieval, asked for, so no warning. */
export const NO_MODEL = "none";

export interface EmbedderSettings {
  /**
   * A model id on the Hugging Face hub (e.g. Xenova/multilingual-e5-small), a local model directory, or
   * "none" (NO_MODEL) for lexical-only retrieval.
   */
  readonly model: string;
  /** Where downloaded models are kept (transformers.js would otherwise write inside node_modules). */
  readonly cacheDir: string;
  readonly prefixes?: Partial<InputPrefixes>;
  readonly batchSize?: number;
}

/** Download progress of one model file, as transformers.js reports it. */
export interface DownloadProgress {
  readonly file: string;
  readonly loadedBytes: number;
  readonly totalBytes: number;
}

/** The outcome of trying to load a model: an embedder, or why there is none (answering goes on lexical-only). */
export type EmbedderLoad =
  | { readonly embeddings: TransformersEmbeddings; readonly modelId: string }
  | { readonly unavailable: string; readonly modelId: string };

/** True when the setting names a directory on disk rather than a hub id. */
export function isLocalModelPath(model: string): boolean {
  return model.startsWith(".") || model.startsWith("/") || (existsSync(model) && statSync(model).isDirectory());
}

/** What to do about a model that could not be loaded, said with every such warning. */
export const OFFLINE_ADVICE =
  "To use the model without the hub, copy its folder to this machine and set EMBEDDING_MODEL=/path/to/folder; EMBEDDING_MODEL=none turns the model off (and this warning).";

/**
 * Loads the configured model through transformers.js. A local path that does not exist is a typo, refused
 * with a ConfigError naming EMBEDDING_MODEL. A model that cannot be had otherwise — the hub out of reach, a
 * wrong id, a broken file — gives `unavailable` with the reason, and answering goes on lexical-only.
 */
export async function loadEmbedder(
  settings: EmbedderSettings,
  logger: Logger,
  onDownload?: (progress: DownloadProgress) => void,
): Promise<EmbedderLoad> {
  if (settings.model === NO_MODEL) return { modelId: NO_MODEL, unavailable: "EMBEDDING_MODEL=none (lexical-only retrieval)" };
  const local = isLocalModelPath(settings.model);
  const modelId = local ? resolve(settings.model) : settings.model;
  let pipelineName = modelId;
  let quantized = true;
  if (local && !existsSync(modelId)) {
    throw new ConfigError(
      `EMBEDDING_MODEL is ${settings.model}, a folder that does not exist (${modelId}).`,
      "Fix the path to the model's folder, name a hub model such as Xenova/multilingual-e5-small, or set EMBEDDING_MODEL=none for lexical-only retrieval.",
    );
  }
  // transformers.js (with onnxruntime) and LangChain's Embeddings are imported here, when a model is to be
  // loaded, not when this module is: importing them cost about 300 ms of every start, the CLI's included.
  const [{ env, pipeline }, { TransformersEmbeddings }] = await Promise.all([import("@xenova/transformers"), import("./transformers-embeddings.js")]);
  if (local) {
    // transformers.js resolves local models as <localModelPath>/<name>/…; remote look-ups are off.
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = `${dirname(modelId)}/`;
    pipelineName = basename(modelId);
    quantized = existsSync(join(modelId, "onnx", "model_quantized.onnx"));
  } else {
    // Hub ids only: without this, transformers.js first looks for ./models/<id> and warns for every file.
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.cacheDir = resolve(settings.cacheDir);
  }
  try {
    const extractor = await pipeline("feature-extraction", pipelineName, {
      quantized,
      progress_callback: (event: { status: string; file?: string; loaded?: number; total?: number }) => {
        if (event.status === "progress" && onDownload && event.file) {
          onDownload({ file: event.file, loadedBytes: event.loaded ?? 0, totalBytes: event.total ?? 0 });
        }
      },
    });
    return {
      modelId,
      embeddings: new TransformersEmbeddings({
        extractor: extractor as unknown as FeatureExtractor,
        modelId,
        prefixes: prefixesFor(modelId, settings.prefixes),
        ...(settings.batchSize ? { batchSize: settings.batchSize } : {}),
      }),
    };
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0] ?? String(error);
    logger.debug({ err: { name: (error as Error).name, message: reason } }, "embedding model failed to load");
    return { modelId, unavailable: describeFailure(modelId, local, error as Error, env.remoteHost) };
  }
}

/** Node's fetch says only "fetch failed"; its cause says whether the network or the hub was the trouble. */
const NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

function hubHost(remoteHost: string): string {
  try {
    return new URL(remoteHost).host;
  } catch {
    return remoteHost;
  }
}

/** Why a model failed to load, in words that say what to do; `remoteHost` is transformers.js's hub address. */
function describeFailure(modelId: string, local: boolean, error: Error, remoteHost: string): string {
  const message = error.message.split("\n")[0] ?? String(error);
  const cause = (error as Error & { cause?: { code?: string } }).cause;
  if (!local && (message === "fetch failed" || NETWORK_CODES.has(cause?.code ?? ""))) {
    return `the model hub (${hubHost(remoteHost)}) could not be reached to download ${modelId} (${cause?.code ?? message})`;
  }
  if (!local && /could not locate file|404|not found/iu.test(message)) {
    return `the model hub has no model ${modelId} (check EMBEDDING_MODEL): ${message}`;
  }
  return `the model ${modelId} could not be loaded: ${message}`;
}

/**
 * Says once that the model is unavailable, with what to do: a warning the first time a reason is met, and
 * only an info line on later commands while the reason stays the same (remembered in the model cache
 * folder). EMBEDDING_MODEL=none is a choice, not a problem: nothing is said.
 */
export async function reportUnavailable(load: EmbedderLoad, cacheDir: string, logger: Logger): Promise<void> {
  if (!("unavailable" in load) || load.modelId === NO_MODEL) return;
  const notePath = join(cacheDir, "unavailable-model.json");
  const note = JSON.stringify({ model: load.modelId, reason: load.unavailable });
  const previous = await readFile(notePath, "utf8").catch(() => undefined);
  const fields = { model: load.modelId, reason: load.unavailable };
  if (previous === note) {
    logger.info(fields, "embedding model still unavailable: lexical retrieval only");
    return;
  }
  logger.warn({ ...fields, advice: OFFLINE_ADVICE }, "embedding model unavailable: lexical retrieval only");
  // Best effort: a cache folder that cannot be written only means the warning is given again next time.
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(notePath, note))
    .catch(() => undefined);
}
