import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readCorpus } from "../corpus/load-corpus.js";
import { NEAR_DUPLICATE_SIMILARITY, shingleSimilarity, shinglesOf } from "../retrieval/near-duplicates.js";

/**
 * The corpus folder as the importer sees it: which article files carry which address, and the word shingles of
 * every article's text for the "same story under another address" check (the near-duplicate measure that
 * retrieval uses). Files are written whole or not at all: to a temporary name beside the target (an extension
 * the corpus loader never reads), then renamed over it.
 */
export class CorpusStore {
  private readonly byUrl = new Map<string, string>();
  private readonly shingles = new Map<string, Float64Array>();

  private constructor(readonly corpusDir: string) {}

  /** Reads the corpus once: every article's url and text. Files that cannot be parsed are skipped here (the indexer reports them). */
  static async open(corpusDir: string): Promise<CorpusStore> {
    const store = new CorpusStore(corpusDir);
    await mkdir(corpusDir, { recursive: true });
    await store.catchUp();
    return store;
  }

  /**
   * Reads the article files written since the store last looked — by another instance sharing the corpus
   * folder, or another importer — so that a story one of them has just written is found by its address or as a
   * near duplicate, not written again under a second name (measured: an /add on one instance and a feed round
   * on another, each with a store opened before the other wrote, gave `…-2.md`). Files already read are not read
   * again; one that could not be parsed is tried again, in case it was caught mid-write by hand.
   */
  async catchUp(): Promise<void> {
    for await (const entry of readCorpus(this.corpusDir, undefined, (path) => !this.shingles.has(path))) {
      if (!("article" in entry)) continue;
      const { article } = entry;
      if (article.url) this.byUrl.set(article.url, article.path);
      this.shingles.set(article.path, shinglesOf(article.sections.map((section) => article.text.slice(section.start, section.end)).join("\n")));
    }
  }

  /** The corpus file (relative path) that holds the article at this address, if any. */
  fileOf(url: string): string | undefined {
    return this.byUrl.get(url);
  }

  get size(): number {
    return this.shingles.size;
  }

  /** The most alike other article, when it is at least as alike as NEAR_DUPLICATE_SIMILARITY. */
  nearDuplicateOf(text: string, except?: string): { file: string; similarity: number } | undefined {
    const mine = shinglesOf(text);
    let best: { file: string; similarity: number } | undefined;
    for (const [file, theirs] of this.shingles) {
      if (file === except) continue;
      const similarity = shingleSimilarity(mine, theirs);
      if (similarity >= NEAR_DUPLICATE_SIMILARITY && (!best || similarity > best.similarity)) best = { file, similarity };
    }
    return best;
  }

  /** The text of a corpus file, or undefined when there is none. */
  async read(file: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.corpusDir, file), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** A file name not yet taken: `name.md`, else `name-2.md`, `name-3.md` … */
  async freeName(name: string): Promise<string> {
    const stem = name.replace(/\.md$/u, "");
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? `${stem}.md` : `${stem}-${n}.md`;
      if (!this.shingles.has(candidate) && (await this.read(candidate)) === undefined) return candidate;
    }
  }

  /** Writes an article file atomically and records its address and text. */
  async write(file: string, markdown: string, url: string, text: string): Promise<void> {
    await writeAtomically(join(this.corpusDir, file), markdown);
    this.byUrl.set(url, file);
    this.shingles.set(file, shinglesOf(text));
  }
}

/**
 * Writes a file so that readers see the old content or the new, never a part: a temporary file in the same
 * folder (same file system, so the rename is atomic), then rename. The temporary name ends in .tmp, which the
 * corpus loader does not read, and is removed if anything fails.
 */
export async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, content, "utf8");
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
