import { createHash, type Hash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { CorpusFileError, CorpusFolderError } from "../errors.js";
import type { Article } from "./article.js";
import { parseMarkdownArticle, parsePlainTextArticle } from "./parse-article.js";

const ARTICLE_EXTENSIONS = new Set([".md", ".markdown", ".txt"]);
/** The folder's own documentation, never an article. */
const CORPUS_README = /^readme\.(md|markdown|txt)$/iu;

/** Paths (relative to the corpus folder, `/`-separated) of every article file, sorted so builds are stable. */
export async function listArticleFiles(corpusDir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(corpusDir);
  } catch {
    throw new CorpusFolderError(corpusDir, "it does not exist");
  }
  if (!info.isDirectory()) throw new CorpusFolderError(corpusDir, "it is not a folder");
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
 * each article, or the problem that kept a file out. `hash` is updated with every file's path and bytes.
 */
export async function* readCorpus(corpusDir: string, hash?: Hash): AsyncGenerator<CorpusEntry> {
  for (const path of await listArticleFiles(corpusDir)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(corpusDir, path));
    } catch (error) {
      if (hash) addToCorpusHash(hash, path, undefined);
      yield { problem: new CorpusFileError(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`) };
      continue;
    }
    if (hash) addToCorpusHash(hash, path, bytes);
    try {
      yield { article: parseArticle(path, new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
    } catch (error) {
      if (error instanceof CorpusFileError) yield { problem: error };
      else if (error instanceof TypeError) yield { problem: new CorpusFileError(path, "it is not UTF-8 text") };
      else throw error;
    }
  }
}

/** One file's share of the corpus digest: its path and bytes (or that it could not be read). */
function addToCorpusHash(hash: Hash, path: string, bytes: Buffer | undefined): void {
  if (bytes === undefined) hash.update(`${path}\0unreadable\0`);
  else hash.update(`${path}\0${bytes.length}\0`).update(bytes);
}

/** A digest of every article file (path and content): the index records it to notice a changed corpus. */
export async function hashCorpus(corpusDir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const path of await listArticleFiles(corpusDir)) {
    addToCorpusHash(hash, path, await readFile(join(corpusDir, path)).catch(() => undefined));
  }
  return hash.digest("hex");
}
