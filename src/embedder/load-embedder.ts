import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Logger } from "pino";
import { prefixesFor, type InputPrefixes } from "./model-profiles.js";
import type { FeatureExtractor, TransformersEmbeddings } from "./transformers-embeddings.js";

export interface EmbedderSettings {
  /** A model id on the Hugging Face hub (e.g. Xenova/multilingual-e5-small) or a local model directory. */
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

/**
 * Loads the configured model through transformers.js. Never throws for a model that cannot be had — offline,
 * a wrong id, a missing directory, a broken file — it returns `unavailable` with the reason.
 */
export async function loadEmbedder(
  settings: EmbedderSettings,
  logger: Logger,
  onDownload?: (progress: DownloadProgress) => void,
): Promise<EmbedderLoad> {
  const local = isLocalModelPath(settings.model);
  const modelId = local ? resolve(settings.model) : settings.model;
  let pipelineName = modelId;
  let quantized = true;
  if (local && !existsSync(modelId)) return { modelId, unavailable: `the model directory ${modelId} does not exist` };
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
    return { modelId, unavailable: `the model ${modelId} could not be loaded: ${reason}` };
  }
}
