import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { z } from "zod";
import { IndexMismatchError } from "../errors.js";

/**
 * Bump when the layout or meaning of any file in an index folder changes; older indexes are refused (and
 * rebuilt by `isnad ask`, the bot and `isnad index`). 3: chunks carry their article's source and url.
 * 4: the manifest records the corpus folder and a SHA-256 checksum of every other file of the build.
 */
export const INDEX_FORMAT_VERSION = 4;

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
    /**
     * The corpus folder the index was built from (absolute): the only one it is rebuilt from unless the user
     * names another (--corpus, CORPUS_DIR). Absent in indexes of format 3, which did not record it.
     */
    folder: z.string().min(1).optional(),
    /**
     * The same folder relative to the index folder (`../corpus` for embeddings/): where the corpus is found
     * when the project was moved or cloned elsewhere, the index with it.
     */
    folderFromIndex: z.string().optional(),
    hash: z.string(),
    articles: z.number().int().min(0),
    chunks: z.number().int().min(0),
    /** Files left out of the index, with the reason. */
    problems: z.array(z.object({ path: z.string(), reason: z.string() })),
  }),
  /** SHA-256 (hex) of every file of the build but the manifest, by path inside the build folder (`/`-separated). */
  files: z.record(z.string().regex(/^[0-9a-f]{64}$/u, "is not a SHA-256 checksum")),
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

/** SHA-256 checksums of every file under a build folder but the manifest, for the manifest's `files`. */
export async function checksumFiles(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((path) => path !== MANIFEST_FILE)
    .sort();
  const sums: Record<string, string> = {};
  for (const path of paths) sums[path] = await sha256OfFile(join(folder, path));
  return sums;
}

/**
 * The first file of a build whose bytes differ from the manifest's checksum, or that is missing, as a
 * sentence; undefined when every file is as built. A flipped bit in a quote is caught here, before the
 * altered text could be served as verbatim.
 */
export async function findDamagedFile(folder: string, files: Readonly<Record<string, string>>): Promise<string | undefined> {
  const checks = Object.entries(files).map(async ([path, expected]) => {
    let actual: string;
    try {
      actual = await sha256OfFile(join(folder, path));
    } catch {
      return `${path} is missing`;
    }
    return actual === expected ? undefined : `${path} has changed since it was built (its checksum differs)`;
  });
  return (await Promise.all(checks)).find((problem) => problem !== undefined);
}

const MANIFEST_FILE = "manifest.json";

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("error", reject)
      .on("data", (data) => hash.update(data))
      .on("end", () => resolve(hash.digest("hex")));
  });
}
