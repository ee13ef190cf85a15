import { SingleBar } from "cli-progress";
import { loadDotEnv, parseConfig } from "../config.js";
import { CorpusImporter, type PageOutcome } from "../import/corpus-importer.js";
import { readIsoDate } from "../import/arabic-date.js";
import { PoliteFetcher } from "../import/polite-fetcher.js";
import { ImportError } from "../errors.js";
import { HELP_OPTION, parseCommandLine, UsageError } from "./cli-setup.js";

export const IMPORT_USAGE = `usage: isnad import URL…                  import article pages
       isnad import --feed URL…           import a feed's new items (RSS 2.0, RDF or Atom)
       isnad import --sitemap URL [--since YYYY-MM-DD] [--concurrency N]
                                          backfill the pages of a sitemap (or sitemap index)
options: --corpus DIR (default CORPUS_DIR or corpus/), --allow-duplicates (write a story already in the
         corpus under another address)

Each page's article — title, lead, sections, date, outlet, author, canonical address — is written to the
corpus as Markdown with front matter, named by date and slug. The same address again updates the file if the
article changed, and otherwise does nothing. A sitemap backfill resumes where an interrupted one stopped.
Then rebuild the index: npm run index (npm run ask does it by itself).`;

function describe(outcome: PageOutcome): string {
  switch (outcome.kind) {
    case "added":
    case "updated": {
      const { article } = outcome;
      const sections = article.sections.length;
      return `${outcome.kind.padEnd(9)} ${outcome.file}  «${article.title}» (${article.date?.date ?? "no date"}, ${sections} section${sections === 1 ? "" : "s"}${article.outlet ? `, ${article.outlet}` : ""})`;
    }
    case "unchanged":
      return `unchanged ${outcome.file}  (${outcome.address})`;
    case "duplicate":
      return `duplicate ${outcome.address}: the same story as ${outcome.duplicateOf} (similarity ${outcome.similarity.toFixed(2)}); not written (--allow-duplicates writes it)`;
    case "failed":
      return `failed    ${outcome.error.message}\n          ${outcome.error.fix}`;
  }
}

/** `isnad import`: pages, a feed's new items or a sitemap into the corpus; returns the exit code. */
export async function importCommand(args: string[]): Promise<number> {
  const parsed = parseCommandLine(
    {
      args,
      allowPositionals: true,
      options: {
        feed: { type: "boolean", default: false },
        sitemap: { type: "boolean", default: false },
        since: { type: "string" },
        concurrency: { type: "string" },
        corpus: { type: "string" },
        "allow-duplicates": { type: "boolean", default: false },
        ...HELP_OPTION,
      },
    },
    IMPORT_USAGE,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError("Give at least one address.", IMPORT_USAGE);
  if (values.feed && values.sitemap) throw new UsageError("--feed and --sitemap cannot be used together.", IMPORT_USAGE);
  if (values.since !== undefined && (!values.sitemap || readIsoDate(values.since)?.date !== values.since)) {
    throw new UsageError(values.sitemap ? `--since must be a date written YYYY-MM-DD (it is «${values.since}»).` : "--since goes with --sitemap.", IMPORT_USAGE);
  }
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError("--concurrency must be a whole number from 1 to 16.", IMPORT_USAGE);

  loadDotEnv();
  const config = parseConfig(process.env, { logFormat: "pretty", logLevel: "warn" });
  const fetcher = new PoliteFetcher({ allowPrivateAddresses: config.import.allowPrivateAddresses, hostDelayMs: config.import.hostDelayMs });
  const importer = await CorpusImporter.open({ corpusDir: values.corpus ?? config.corpusDir, fetcher, allowDuplicates: values["allow-duplicates"] });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let failed = 0;
  let written = 0;
  const count = (outcome: PageOutcome) => {
    if (outcome.kind === "failed") failed += 1;
    if (outcome.kind === "added" || outcome.kind === "updated") written += 1;
  };

  for (const address of positionals) {
    if (values.feed) {
      try {
        const result = await importer.importFeed(address);
        print(`feed ${address}: ${result.feed.items.length} items, ${result.known} already imported, ${result.pages.length} read`);
        for (const page of result.pages) {
          count(page);
          print(describe(page));
        }
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        failed += 1;
        print(`failed    ${error.message}\n          ${error.fix}`);
      }
    } else if (values.sitemap) {
      const controller = new AbortController();
      const stop = () => {
        if (controller.signal.aborted) process.exit(130);
        process.stderr.write("\nstopping after the pages in flight (Ctrl-C again to quit now); run the same command to resume\n");
        controller.abort();
      };
      process.on("SIGINT", stop);
      const bar = new SingleBar({ format: "importing [{bar}] {value}/{total} pages  {outcome}", stream: process.stderr, hideCursor: true });
      const tty = process.stderr.isTTY === true;
      try {
        const result = await importer.importSitemap(address, {
          ...(values.since ? { since: values.since } : {}),
          concurrency,
          signal: controller.signal,
          onProgress: (done, total, outcome) => {
            if (outcome === undefined) {
              if (tty) bar.start(total, 0, { outcome: "" });
              else process.stderr.write(`sitemap ${address}: ${total} pages to import\n`);
              return;
            }
            if (tty) bar.update(done, { outcome: outcome.kind });
            else process.stderr.write(`[${done}/${total}] ${outcome.kind} ${outcome.address}\n`);
          },
        });
        if (tty) bar.stop();
        for (const page of result.pages) {
          count(page);
          if (page.kind !== "unchanged") print(describe(page));
        }
        print(
          `sitemap ${address}: ${result.pages.length} pages read, ${result.skippedDone} done by an earlier run, ${result.skippedOld} older than --since` +
            (result.skippedSitemaps > 0 ? ` (and ${result.skippedSitemaps} sitemap${result.skippedSitemaps === 1 ? "" : "s"} older than --since not read)` : "") +
            (result.interrupted ? "; interrupted: run the same command to resume" : ""),
        );
      } catch (error) {
        if (tty) bar.stop();
        if (!(error instanceof ImportError)) throw error;
        failed += 1;
        print(`failed    ${error.message}\n          ${error.fix}`);
      } finally {
        process.off("SIGINT", stop);
      }
    } else {
      const outcome = await importer.importPage(address);
      count(outcome);
      print(describe(outcome));
    }
  }
  if (written > 0) print(`${written} article file${written === 1 ? "" : "s"} written. Rebuild the index: npm run index`);
  return failed > 0 ? 1 : 0;
}
