import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeAtomically } from "./corpus-store.js";

/**
 * What the importer remembers between runs, in `<corpus>/.import/` (a hidden folder the corpus loader skips,
 * kept with the corpus it describes): per feed, the items already read and what the last reading brought; per
 * sitemap, a journal of the addresses done, so an interrupted backfill resumes where it stopped.
 */

/** At most this many item addresses are remembered per feed (a feed lists its latest 10–100). */
const ITEMS_KEPT = 2000;

const feedStateSchema = z.object({
  lastReadAt: z.string().optional(),
  lastAdded: z.array(z.object({ title: z.string(), file: z.string() })).default([]),
  lastError: z.string().optional(),
  /** ImportError.failure of the last reading, when it failed (the bot says it in Arabic). */
  lastFailure: z.string().optional(),
  /** Item address → the feed's date for it when read ("" when the feed gave none). */
  items: z.record(z.string()).default({}),
});
const stateSchema = z.object({ version: z.literal(1), feeds: z.record(feedStateSchema).default({}) });

export type FeedState = z.infer<typeof feedStateSchema>;

export class ImportState {
  private constructor(
    private readonly folder: string,
    private readonly state: z.infer<typeof stateSchema>,
  ) {}

  /** Reads the state of a corpus; a missing or unreadable state file starts afresh (it is a cache of work done). */
  static async open(corpusDir: string): Promise<ImportState> {
    const folder = join(corpusDir, ".import");
    let state: z.infer<typeof stateSchema> = { version: 1, feeds: {} };
    try {
      const parsed = stateSchema.safeParse(JSON.parse(await readFile(join(folder, "state.json"), "utf8")));
      if (parsed.success) state = parsed.data;
    } catch {
      // No state yet.
    }
    return new ImportState(folder, state);
  }

  feed(address: string): FeedState {
    return (this.state.feeds[address] ??= { lastAdded: [], items: {} });
  }

  feeds(): ReadonlyArray<readonly [string, FeedState]> {
    return Object.entries(this.state.feeds);
  }

  /** Records an item as read, forgetting the oldest past ITEMS_KEPT. */
  rememberItem(address: string, item: string, updated: string | undefined): void {
    const items = this.feed(address).items;
    delete items[item];
    items[item] = updated ?? "";
    const keys = Object.keys(items);
    for (const old of keys.slice(0, Math.max(0, keys.length - ITEMS_KEPT))) delete items[old];
  }

  async save(): Promise<void> {
    await writeAtomically(join(this.folder, "state.json"), `${JSON.stringify(this.state, null, 1)}\n`);
  }

  /** The journal of a sitemap backfill: one JSON line per address done, appended as it goes. */
  async sitemapJournal(address: string): Promise<SitemapJournal> {
    const path = join(this.folder, `sitemap-${createHash("sha1").update(address).digest("hex").slice(0, 12)}.jsonl`);
    const done = new Map<string, string>();
    try {
      for (const line of (await readFile(path, "utf8")).split("\n")) {
        try {
          const entry = JSON.parse(line) as { url?: unknown; lastmod?: unknown };
          if (typeof entry.url === "string") done.set(entry.url, typeof entry.lastmod === "string" ? entry.lastmod : "");
        } catch {
          // A line cut short by an interruption: that address is done again.
        }
      }
    } catch {
      // A first run.
    }
    await mkdir(this.folder, { recursive: true });
    return {
      isDone: (url, lastmod) => done.has(url) && done.get(url) === (lastmod ?? ""),
      markDone: async (url, lastmod) => {
        done.set(url, lastmod ?? "");
        await appendFile(path, `${JSON.stringify({ url, lastmod: lastmod ?? "" })}\n`);
      },
      get size() {
        return done.size;
      },
    };
  }
}

export interface SitemapJournal {
  isDone(url: string, lastmod: string | undefined): boolean;
  markDone(url: string, lastmod: string | undefined): Promise<void>;
  readonly size: number;
}
