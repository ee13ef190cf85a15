import { createHash, type Hash } from "node:crypto";
import { open, readdir, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { CorpusFileError, CorpusFolderError } from "../errors.js";
import type { Article } from "./article.js";
import { parseMarkdownArticle, parsePlainTextArticle } from "./parse-article.js";

const ARTICLE_EXTENSIONS = new Set([".md", ".markdown", ".txt"]);
/**
 * The largest article file indexed, in bytes (10 MB: a book-length transcript, indexed in about ten seconds).
 * A larger file is reported and left out without being read, so one stray dump cannot exhaust memory or
 * stall a rebuild; the other files are still indexed. Split such a text into several articles.
 */
export const MAX_ARTICLE_BYTES = 10 * 1024 * 1024;

/** The folder's own documentation, never an article. */
const CORPUS_README = /^readme\.(md|markdown|txt)$/iu;

/** Paths (relative to the corpus folder, `/`-separated) of every article file, sorted so builds are stable. */
export async function listArticleFiles(corpusDir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(corpusDir);
  } catch {
    throw new CorpusFolderError(corpusDir, "it does not exist", "missing");
  }
  if (!info.isDirectory()) throw new CorpusFolderError(corpusDir, "it is not a folder", "not-a-folder");
  const entries = await readdir(corpusDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && ARTICLE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .filter((entry) => !(CORPUS_README.test(entry.name) && entry.parentPath === corpusDir))
    .filter((entry) => !entry.name.startsWith("."))
    .map((entry) => relative(corpusDir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** The article id of a corpus path: the path without its extension. */
export function articleIdOf(path: string): string {
  return path.slice(0, path.length - extname(path).length);
}

/** Parses one file's text as an article, by its extension. Throws CorpusFileError when it cannot. */
export function parseArticle(path: string, text: string): Article {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.trim().length === 0) throw new CorpusFileError(path, "it is empty");
  const id = articleIdOf(path);
  return extname(path).toLowerCase() === ".txt"
    ? parsePlainTextArticle(id, path, withoutBom)
    : parseMarkdownArticle(id, path, withoutBom);
}

export type CorpusEntry = { readonly article: Article } | { readonly problem: CorpusFileError };

/**
 * Reads the corpus one file at a time (a corpus of thousands of articles is never held whole) and yields
 * each article, or the problem that kept a file out. `hash` is updated with every file's path and bytes;
 * `include` leaves out the paths it refuses (read nothing of them).
 */
export async function* readCorpus(corpusDir: string, hash?: Hash, include: (path: string) => boolean = () => true): AsyncGenerator<CorpusEntry> {
  for (const path of (await listArticleFiles(corpusDir)).filter(include)) {
    const file = await readArticleFile(corpusDir, path);
    if (hash) addToCorpusHash(hash, path, file);
    if ("problem" in file) {
      yield { problem: file.problem };
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
    } catch {
      yield { problem: new CorpusFileError(path, "it is not UTF-8 text") };
      continue;
    }
    // A NUL byte is valid UTF-8 but never in text: an image, an archive, a file of zeros or UTF-16 text.
    if (text.includes("\0")) {
      yield { problem: new CorpusFileError(path, "it is a binary file (it holds NUL bytes), not text") };
      continue;
    }
    try {
      yield { article: parseArticle(path, text) };
    } catch (error) {
      if (error instanceof CorpusFileError) yield { problem: error };
      else throw error;
    }
  }
}

/** A corpus file's bytes, or why they were not read (and what the corpus digest records instead). */
type ArticleFile = { readonly bytes: Buffer } | { readonly problem: CorpusFileError; readonly digest: string };

async function readArticleFile(corpusDir: string, path: string): Promise<ArticleFile> {
  let handle;
  try {
    handle = await open(join(corpusDir, path), "r");
  } catch (error) {
    return { problem: new CorpusFileError(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`), digest: "unreadable" };
  }
  try {
    const { size, mtimeMs } = await handle.stat();
    if (size > MAX_ARTICLE_BYTES) {
      const reason = `it is ${(size / MEBIBYTE).toFixed(1)} MB, more than the ${MAX_ARTICLE_BYTES / MEBIBYTE} MB an article may be: split it into several files`;
      // Size and time of change stand for the unread bytes: a file cut down to size is noticed.
      return { problem: new CorpusFileError(path, reason), digest: `too large ${size} ${mtimeMs}` };
    }
    return { bytes: await handle.readFile() };
  } catch (error) {
    return { problem: new CorpusFileError(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`), digest: "unreadable" };
  } finally {
    await handle.close();
  }
}

const MEBIBYTE = 1024 * 1024;

/** One file's share of the corpus digest: its path and bytes (or what stands for a file left unread). */
function addToCorpusHash(hash: Hash, path: string, file: ArticleFile): void {
  if ("problem" in file) hash.update(`${path}\0${file.digest}\0`);
  else hash.update(`${path}\0${file.bytes.length}\0`).update(file.bytes);
}

/** A digest of every article file (path and content): the index records it to notice a changed corpus. */
export async function hashCorpus(corpusDir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const path of await listArticleFiles(corpusDir)) addToCorpusHash(hash, path, await readArticleFile(corpusDir, path));
  return hash.digest("hex");
}
