import { z } from "zod";
import { IndexMismatchError } from "../errors.js";

/**
 * Bump when the layout or meaning of any file in an index folder changes; older indexes are refused (and
 * rebuilt by `npm run ask`, the bot and `npm run index`). 3: chunks carry their article's source and url.
 */
export const INDEX_FORMAT_VERSION = 3;

const analyzerOptionsSchema = z.object({
  normalize: z.boolean(),
  foldHamzaCarriers: z.boolean(),
  stemmer: z.enum(["none", "light10", "light10-extended"]),
  singleLetterProclitics: z.boolean(),
  removeStopWords: z.boolean(),
  charNgramLength: z.number().int().min(0),
});

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  builtAt: z.string(),
  buildSeconds: z.number(),
  /**
   * The embedding model and its vector size, or null for a lexical-only index (with the reason); and the text
   * put before each passage, without which a later build cannot tell whether this build's vectors are reusable.
   */
  model: z.object({ id: z.string(), dimensions: z.number().int().positive(), passagePrefix: z.string().optional() }).nullable(),
  lexicalOnlyReason: z.string().optional(),
  analyzer: z.object({ version: z.string(), options: analyzerOptionsSchema }),
  chunker: z.object({ version: z.number().int(), maxChars: z.number().int().positive() }),
  corpus: z.object({
    hash: z.string(),
    articles: z.number().int().min(0),
    chunks: z.number().int().min(0),
    /** Files left out of the index, with the reason. */
    problems: z.array(z.object({ path: z.string(), reason: z.string() })),
  }),
});

export type IndexManifest = z.infer<typeof manifestSchema>;

/** What the running code expects of an index it is about to use. */
export interface IndexExpectations {
  readonly analyzerVersion: string;
  readonly chunkerVersion: number;
}

/**
 * Refuses an index built by another analyzer or chunker, naming the command that rebuilds it. (The format
 * version is checked before the manifest is parsed: see readManifest.)
 */
export function checkManifest(folder: string, manifest: IndexManifest, expected: IndexExpectations): void {
  if (manifest.analyzer.version !== expected.analyzerVersion) {
    throw new IndexMismatchError(folder, "analyzer", manifest.analyzer.version, expected.analyzerVersion);
  }
  if (manifest.chunker.version !== expected.chunkerVersion) {
    throw new IndexMismatchError(folder, "chunker version", manifest.chunker.version, expected.chunkerVersion);
  }
}
