import pLimit from "p-limit";
import { ImportError } from "../errors.js";
import { corpusFileName, renderCorpusMarkdown } from "./corpus-markdown.js";
import { CorpusStore } from "./corpus-store.js";
import { extractArticle, type ImportedArticle } from "./extract-article.js";
import { isFeedDocument, parseFeed, parseSitemap, type Feed } from "./feed-documents.js";
import { ImportState } from "./import-state.js";
import type { DocumentKind, FetchedDocument } from "./polite-fetcher.js";

/** What the importer needs of a fetcher; PoliteFetcher is the real one. */
export interface DocumentFetcher {
  fetchDocument(address: string, accept?: DocumentKind | "any", limits?: { readonly maxBytes?: number }): Promise<FetchedDocument>;
}

/** What became of one page. Nothing is written for "unchanged", "duplicate" and "failed". */
export type PageOutcome =
  | { readonly kind: "added" | "updated" | "unchanged"; readonly address: string; readonly file: string; readonly article: ImportedArticle }
  | { readonly kind: "duplicate"; readonly address: string; readonly article: ImportedArticle; readonly duplicateOf: string; readonly similarity: number }
  | { readonly kind: "failed"; readonly address: string; readonly error: ImportError };

export interface FeedOutcome {
  readonly address: string;
  readonly feed: Feed;
  /** Items read this time (the new and the updated), in feed order. */
  readonly pages: readonly PageOutcome[];
  /** Items already imported and unchanged in the feed: not fetched again. */
  readonly known: number;
}

export interface SitemapOutcome {
  readonly address: string;
  readonly pages: readonly PageOutcome[];
  /** Pages left out by --since, child sitemaps not read because of it, and pages a previous run already did (resumed). */
  readonly skippedOld: number;
  readonly skippedSitemaps: number;
  readonly skippedDone: number;
  /** True when the run was stopped (Ctrl-C) before every page was done; a new run resumes. */
  readonly interrupted: boolean;
}

export interface SitemapOptions {
  /** Only pages whose lastmod is on or after this date (YYYY-MM-DD); pages without lastmod are kept. */
  readonly since?: string;
  /** Pages fetched at once (each host still paced by the fetcher). Default 4. */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number, outcome?: PageOutcome) => void;
  /** Stops scheduling pages; those in flight finish and are journalled. */
  readonly signal?: AbortSignal;
}

/** The sitemap protocol's own limit for one file (50,000 addresses), above the fetcher's 5 MB for pages. */
const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** Sitemap indexes nest; past this depth the rest is ignored (a loop of sitemaps cannot run forever). */
const MAX_SITEMAP_DEPTH = 3;
/** Failures worth retrying on the next run: the page may be there then. */
const TRANSIENT = new Set<ImportError["failure"]>(["timeout", "network", "robots"]);

function isTransient(outcome: PageOutcome): boolean {
  return outcome.kind === "failed" && (TRANSIENT.has(outcome.error.failure) || (outcome.error.failure === "http-status" && (outcome.error.status ?? 0) >= 500));
}

function bodyText(article: ImportedArticle): string {
  return [...article.lead, ...article.sections.flatMap((section) => section.paragraphs)].join("\n");
}

/**
 * Brings articles from the web into the corpus folder: single pages, a feed's new items, a sitemap's pages.
 * The same address imported again updates its file if the article changed and otherwise does nothing; the same
 * story under another address is reported and not written (unless duplicates are allowed).
 */
export class CorpusImporter {
  /** Writes go one at a time: two pages fetched together must not both take the same file name. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: CorpusStore,
    readonly state: ImportState,
    private readonly fetcher: DocumentFetcher,
    private readonly allowDuplicates: boolean,
  ) {}

  static async open(options: { corpusDir: string; fetcher: DocumentFetcher; allowDuplicates?: boolean }): Promise<CorpusImporter> {
    const [store, state] = await Promise.all([CorpusStore.open(options.corpusDir), ImportState.open(options.corpusDir)]);
    return new CorpusImporter(store, state, options.fetcher, options.allowDuplicates ?? false);
  }

  /** Imports one article page. Never throws for a bad page: the outcome says why. */
  async importPage(address: string): Promise<PageOutcome> {
    let fetched: FetchedDocument;
    try {
      fetched = await this.fetcher.fetchDocument(address, "html");
      return await this.store_(address, extractArticle(fetched.text, fetched.url));
    } catch (error) {
      if (error instanceof ImportError) return { kind: "failed", address, error };
      throw error;
    }
  }

  /**
   * Imports a page, or — when the address is a feed — the feed's new items: what an admin's /add does with
   * whatever address is given. A sitemap is refused here (a backfill is a long job for the command line).
   */
  async importAddress(address: string): Promise<{ readonly page: PageOutcome } | { readonly feed: FeedOutcome }> {
    let fetched: FetchedDocument;
    try {
      fetched = await this.fetcher.fetchDocument(address, "any");
      if (fetched.kind === "html") return { page: await this.store_(address, extractArticle(fetched.text, fetched.url)) };
      if (!isFeedDocument(fetched.text)) {
        throw new ImportError("bad-feed", address, "it is XML but not an RSS or Atom feed (a sitemap?)", "Backfill a sitemap from the command line: npm run import -- --sitemap URL");
      }
    } catch (error) {
      if (error instanceof ImportError) return { page: { kind: "failed", address, error } };
      throw error;
    }
    return { feed: await this.readFeed(address, fetched) };
  }

  /** Imports a feed's new items (and items the feed marks as updated). Throws ImportError when the feed cannot be read. */
  async importFeed(address: string): Promise<FeedOutcome> {
    let fetched: FetchedDocument;
    try {
      fetched = await this.fetcher.fetchDocument(address, "xml");
    } catch (error) {
      if (error instanceof ImportError) await this.recordFeedError(address, error);
      throw error;
    }
    return this.readFeed(address, fetched);
  }

  private async recordFeedError(address: string, error: ImportError): Promise<void> {
    const state = this.state.feed(address);
    state.lastReadAt = new Date().toISOString();
    state.lastError = error.message;
    state.lastFailure = error.failure;
    await this.state.save();
  }

  private async readFeed(address: string, fetched: FetchedDocument): Promise<FeedOutcome> {
    let feed: Feed;
    try {
      feed = parseFeed(fetched.text, fetched.url);
    } catch (error) {
      if (error instanceof ImportError) await this.recordFeedError(address, error);
      throw error;
    }
    const state = this.state.feed(address);
    const pages: PageOutcome[] = [];
    let known = 0;
    for (const item of feed.items) {
      const seen = state.items[item.url];
      if ((seen !== undefined && seen === (item.updated ?? "")) || (seen === undefined && this.store.fileOf(item.url) !== undefined)) {
        known += 1;
        if (seen === undefined) this.state.rememberItem(address, item.url, item.updated);
        continue;
      }
      const outcome = await this.importPage(item.url);
      pages.push(outcome);
      if (!isTransient(outcome)) this.state.rememberItem(address, item.url, item.updated);
    }
    state.lastReadAt = new Date().toISOString();
    delete state.lastError;
    delete state.lastFailure;
    state.lastAdded = pages.flatMap((page) => (page.kind === "added" || page.kind === "updated" ? [{ title: page.article.title, file: page.file }] : []));
    await this.state.save();
    return { address, feed, pages, known };
  }

  /**
   * Backfills the pages of a sitemap (or of every sitemap in a sitemap index), newest rules first: `since`
   * leaves out older pages, the journal leaves out pages a previous run finished, and `concurrency` pages are
   * fetched at once. Throws ImportError when the sitemap itself cannot be read.
   */
  async importSitemap(address: string, options: SitemapOptions = {}): Promise<SitemapOutcome> {
    const skipped = { sitemaps: 0 };
    const entries = await this.sitemapPages(address, options.since, 0, skipped);
    const journal = await this.state.sitemapJournal(address);
    const since = options.since;
    const recent = entries.filter((entry) => since === undefined || entry.lastmod === undefined || entry.lastmod.slice(0, 10) >= since);
    const todo = recent.filter((entry) => !journal.isDone(entry.url, entry.lastmod));
    const limit = pLimit(options.concurrency ?? 4);
    const pages: PageOutcome[] = [];
    let done = 0;
    options.onProgress?.(0, todo.length);
    let interrupted = false;
    await Promise.all(
      todo.map((entry) =>
        limit(async () => {
          if (options.signal?.aborted) {
            interrupted = true;
            return;
          }
          const outcome = await this.importPage(entry.url);
          pages.push(outcome);
          if (!isTransient(outcome)) await journal.markDone(entry.url, entry.lastmod);
          done += 1;
          options.onProgress?.(done, todo.length, outcome);
        }),
      ),
    );
    return { address, pages, skippedOld: entries.length - recent.length, skippedSitemaps: skipped.sitemaps, skippedDone: recent.length - todo.length, interrupted };
  }

  private async sitemapPages(address: string, since: string | undefined, depth: number, skipped: { sitemaps: number }): Promise<Array<{ url: string; lastmod?: string }>> {
    const fetched = await this.fetcher.fetchDocument(address, "xml", { maxBytes: SITEMAP_MAX_BYTES });
    const sitemap = parseSitemap(fetched.text, fetched.url);
    if (sitemap.kind === "urlset") return [...sitemap.entries];
    if (depth >= MAX_SITEMAP_DEPTH) return [];
    const pages: Array<{ url: string; lastmod?: string }> = [];
    for (const child of sitemap.entries) {
      // A child sitemap last changed before --since holds no page changed since.
      if (since !== undefined && child.lastmod !== undefined && child.lastmod.slice(0, 10) < since) {
        skipped.sitemaps += 1;
        continue;
      }
      pages.push(...(await this.sitemapPages(child.url, since, depth + 1, skipped)));
    }
    return pages;
  }

  /** Decides and writes, one page at a time. */
  private store_(address: string, article: ImportedArticle): Promise<PageOutcome> {
    const run = this.writing.then(() => this.decide(address, article));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async decide(address: string, article: ImportedArticle): Promise<PageOutcome> {
    // What the other instances wrote meanwhile; a corpus folder being rearranged by hand while this runs (a
    // subfolder moved away mid-listing) must not fail the page, so then it decides on what it knew, as before.
    await this.store.catchUp().catch(() => undefined);
    const markdown = renderCorpusMarkdown(article);
    const text = bodyText(article);
    const existing = this.store.fileOf(article.url) ?? this.store.fileOf(address);
    if (existing !== undefined) {
      if ((await this.store.read(existing)) === markdown) return { kind: "unchanged", address, file: existing, article };
      await this.store.write(existing, markdown, article.url, text);
      return { kind: "updated", address, file: existing, article };
    }
    const duplicate = this.store.nearDuplicateOf(text);
    if (duplicate && !this.allowDuplicates) return { kind: "duplicate", address, article, duplicateOf: duplicate.file, similarity: duplicate.similarity };
    const file = await this.store.freeName(corpusFileName(article));
    await this.store.write(file, markdown, article.url, text);
    return { kind: "added", address, file, article };
  }
}
