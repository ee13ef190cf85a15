import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../src/corpus/load-corpus.js";
import { CorpusImporter, type PageOutcome } from "../../src/import/corpus-importer.js";
import { renderCorpusMarkdown, slugOf } from "../../src/import/corpus-markdown.js";
import { writeAtomically } from "../../src/import/corpus-store.js";
import { extractArticle } from "../../src/import/extract-article.js";
import { PoliteFetcher } from "../../src/import/polite-fetcher.js";
import { SEED_ARTICLE, temporaryFolder } from "../support/workspace.js";
import { GOLD_PAGES, pageHtml, startNewsSite, type NewsSite } from "./support/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

const fetcher = () => new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 0 });
const open = (corpusDir = temporaryFolder("isnad-import-")) => CorpusImporter.open({ corpusDir, fetcher: fetcher() });
/** Article files in a corpus folder (not the importer's hidden state). */
const articleFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".md")).sort();
const kinds = (outcomes: readonly PageOutcome[]) => outcomes.map((outcome) => outcome.kind);

describe("importing a page into the corpus", () => {
  it("writes the seed's page as the seed article: same title, lead and sections, with date, outlet and address in the front matter", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const importer = await open(corpusDir);
    const outcome = await importer.importPage(`${site.origin}${GOLD_PAGES[0].path}`);
    expect(outcome.kind).toBe("added");
    if (outcome.kind !== "added") return;
    expect(outcome.file).toBe("2025-09-17-hammouchi-igef-ankara-2025.md");
    const imported = parseArticle(outcome.file, readFileSync(join(corpusDir, outcome.file), "utf8"));
    const seed = parseArticle("seed.md", readFileSync(SEED_ARTICLE, "utf8"));
    expect(imported.title).toBe(seed.title);
    expect(imported.sections.map((section) => section.heading)).toEqual(seed.sections.map((section) => section.heading));
    expect(imported.sections.map((section) => imported.text.slice(section.start, section.end))).toEqual(seed.sections.map((section) => seed.text.slice(section.start, section.end)));
    expect(imported).toMatchObject({ date: "2025-09-17", source: "هسبريس المغرب", url: "https://news.example.ma/politique/hammouchi-igef-ankara-2025.html" });
  });

  it("does nothing when the same address is imported again unchanged, and updates the file in place when the article changed", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const address = `${site.origin}${GOLD_PAGES[2].path}`;
    const first = await (await open(corpusDir)).importPage(address);
    expect(first.kind).toBe("added");
    const file = (first as { file: string }).file;
    const before = readFileSync(join(corpusDir, file), "utf8");

    // A new importer (a later run) reads the corpus and recognises the address.
    const again = await (await open(corpusDir)).importPage(address);
    expect(again).toMatchObject({ kind: "unchanged", file });
    expect(readFileSync(join(corpusDir, file), "utf8")).toBe(before);

    site.override(GOLD_PAGES[2].path, pageHtml("egyptian-metro").toString("utf8").replace("بطول 19 كيلومترا", "بطول 19.5 كيلومترا"));
    try {
      const edited = await (await open(corpusDir)).importPage(address);
      expect(edited).toMatchObject({ kind: "updated", file });
      expect(readFileSync(join(corpusDir, file), "utf8")).toContain("بطول 19.5 كيلومترا");
      expect(articleFiles(corpusDir)).toEqual([file]);
    } finally {
      site.override(GOLD_PAGES[2].path, pageHtml("egyptian-metro").toString("utf8"));
    }
  });

  it("reports the same story under another address, and writes nothing for it", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const importer = await open(corpusDir);
    await importer.importPage(`${site.origin}${GOLD_PAGES[0].path}`);
    const copy = await importer.importPage(`${site.origin}/copy/hammouchi-visit-turkey.html`);
    expect(copy).toMatchObject({ kind: "duplicate", duplicateOf: "2025-09-17-hammouchi-igef-ankara-2025.md" });
    expect((copy as { similarity: number }).similarity).toBeGreaterThan(0.9);
    expect(articleFiles(corpusDir)).toEqual(["2025-09-17-hammouchi-igef-ankara-2025.md"]);
  });

  it("finds what another importer of the same folder wrote after it opened (another instance's feed round), by its address or as the same story", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    // Both open before either writes: one instance answering /add, another reading the feeds.
    const [adding, feedRound] = [await open(corpusDir), await open(corpusDir)];
    const address = `${site.origin}${GOLD_PAGES[0].path}`;
    expect(await feedRound.importPage(address)).toMatchObject({ kind: "added", file: "2025-09-17-hammouchi-igef-ankara-2025.md" });
    expect(await adding.importPage(address)).toMatchObject({ kind: "unchanged", file: "2025-09-17-hammouchi-igef-ankara-2025.md" });
    expect(await adding.importPage(`${site.origin}/copy/hammouchi-visit-turkey.html`)).toMatchObject({ kind: "duplicate", duplicateOf: "2025-09-17-hammouchi-igef-ankara-2025.md" });
    expect(articleFiles(corpusDir)).toEqual(["2025-09-17-hammouchi-igef-ankara-2025.md"]);
  });

  it("finds the hand-written seed article as the story an imported copy repeats", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    writeFileSync(join(corpusDir, "2025-09-hammouchi-igef-ankara.md"), readFileSync(SEED_ARTICLE));
    const outcome = await (await open(corpusDir)).importPage(`${site.origin}${GOLD_PAGES[0].path}`);
    expect(outcome).toMatchObject({ kind: "duplicate", duplicateOf: "2025-09-hammouchi-igef-ankara.md" });
  });

  it.each([
    ["a 404", "/missing.html", "http-status"],
    ["a 500", "/error.html", "http-status"],
    ["a redirect loop", "/loop-a", "redirects"],
    ["a 50 MB body", "/huge.html", "too-large"],
    ["a PDF", "/report.pdf", "content-type"],
    ["a page in another language", "/en/story.html", "not-arabic"],
    ["a page with no article text", "/ma/politique/", "no-article"],
  ])("writes nothing for %s, and says why", async (_case, path, failure) => {
    const corpusDir = temporaryFolder("isnad-import-");
    const outcome = await (await open(corpusDir)).importPage(`${site.origin}${path}`);
    expect(outcome.kind).toBe("failed");
    if (outcome.kind === "failed") expect(outcome.error.failure).toBe(failure);
    expect(readdirSync(corpusDir).filter((name) => !name.startsWith("."))).toEqual([]);
  });

  it("imports broken HTML (a page cut off mid-markup) when its article is still there", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const outcome = await (await open(corpusDir)).importPage(`${site.origin}/eg/broken.html`);
    expect(outcome.kind).toBe("added");
    if (outcome.kind === "added") expect(outcome.article.sections.map((section) => section.heading)).toEqual(["محطات تخدم مليوني راكب يوميا", "تمويل ياباني وقطارات حديثة"]);
  });

  it("never leaves a half-written file: the text goes to a .tmp file that is renamed, or removed when the rename fails", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    await writeAtomically(join(corpusDir, "a.md"), "# أ\n\nنص.\n");
    expect(readFileSync(join(corpusDir, "a.md"), "utf8")).toBe("# أ\n\nنص.\n");
    // A non-empty folder where the file should go makes the rename fail after the temporary file was written.
    mkdirSync(join(corpusDir, "b.md", "inside"), { recursive: true });
    await expect(writeAtomically(join(corpusDir, "b.md"), "# ب\n")).rejects.toThrow();
    expect(readdirSync(corpusDir).sort()).toEqual(["a.md", "b.md"]);
    expect(readdirSync(join(corpusDir, "b.md"))).toEqual(["inside"]);
  });

  it.each(GOLD_PAGES.map((page) => [page.name]))("writes %s in a form the corpus loader reads back whole: title (colons included), date, outlet, lead and every section", (name) => {
    const html = new TextDecoder(name === "moroccan-dams" ? "windows-1256" : "utf-8").decode(pageHtml(name));
    const article = extractArticle(html, "https://example.org/news/1");
    const read = parseArticle("a.md", renderCorpusMarkdown(article));
    expect(read.title).toBe(article.title);
    expect(read).toMatchObject({ date: article.date!.date, source: article.outlet, url: article.url });
    expect(read.sections.map((section) => section.heading)).toEqual([...(article.lead.length > 0 ? [article.title] : []), ...article.sections.map((section) => section.heading)]);
    expect(read.sections.map((section) => read.text.slice(section.start, section.end))).toEqual([
      ...(article.lead.length > 0 ? [article.lead.join("\n\n")] : []),
      ...article.sections.map((section) => section.paragraphs.join("\n\n")),
    ]);
  });

  it("names files by date and a slug of the address (Arabic slugs stay Arabic, bare ids fall back to the id)", () => {
    expect(slugOf("https://www.example-eg.com/story/2025/9/18/metro-line-4/7112233")).toBe("metro-line-4-7112233");
    expect(slugOf("https://news.example.ma/%D8%AD%D9%85%D9%88%D8%B4%D9%8A-%D9%81%D9%8A-%D8%A3%D9%86%D9%82%D8%B1%D8%A9.html")).toBe("حموشي-في-أنقرة");
    expect(slugOf("https://example.org/?p=123")).toMatch(/^[0-9a-f]{10}$/u);
    const markdown = renderCorpusMarkdown(extractArticle(pageHtml("gulf-desalination").toString("utf8"), "https://gulf.example.ae/x"));
    expect(markdown.startsWith("---\ntitle: الإمارات تدشن")).toBe(true);
    expect(markdown).toContain("\nauthor: سارة المنصوري\n");
    expect(markdown).toContain("\n## تقنية التناضح العكسي\n");
  });
});

describe("importing feeds", () => {
  it("imports an RSS 2.0 feed's items, reports the broken one, and reads only new items the next time", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const rss = `${site.origin}/feeds/rss.xml`;
    const first = await (await open(corpusDir)).importFeed(rss);
    expect(first.feed.format).toBe("rss");
    expect(kinds(first.pages)).toEqual(["added", "added", "failed"]);
    expect(articleFiles(corpusDir)).toEqual(["2025-09-17-hammouchi-igef-ankara-2025.md", "2025-09-18-dams-filling-38-percent.md"]);

    const hitsBefore = site.hits.get(GOLD_PAGES[0].path) ?? 0;
    const second = await (await open(corpusDir)).importFeed(rss);
    expect(second.known).toBe(3);
    expect(second.pages).toEqual([]);
    expect(site.hits.get(GOLD_PAGES[0].path) ?? 0).toBe(hitsBefore);
  });

  it("imports an Atom feed's entries, relative links included", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const result = await (await open(corpusDir)).importFeed(`${site.origin}/feeds/atom.xml`);
    expect(result.feed.format).toBe("atom");
    expect(kinds(result.pages)).toEqual(["added", "added"]);
    expect(result.pages.map((page) => (page.kind === "added" ? page.article.title : ""))).toEqual([
      "الإمارات تدشن أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة",
      "بدء التشغيل التجريبي للمرحلة الأولى من الخط الرابع لمترو القاهرة",
    ]);
    const state = JSON.parse(readFileSync(join(corpusDir, ".import", "state.json"), "utf8")) as { feeds: Record<string, { lastAdded: unknown[]; lastReadAt: string }> };
    expect(state.feeds[`${site.origin}/feeds/atom.xml`]!.lastAdded).toHaveLength(2);
  });

  it.each([
    ["XML that is not a feed", "/feeds/not-a-feed.xml", /neither an RSS nor an Atom feed/u],
    ["a feed that is not well-formed", "/feeds/broken.xml", /not well-formed XML/u],
  ])("refuses %s", async (_case, path, message) => {
    const importer = await open();
    await expect(importer.importFeed(`${site.origin}${path}`)).rejects.toThrow(message);
  });

  it("imports a page or a feed from one address, as /add does", async () => {
    const importer = await open();
    const page = await importer.importAddress(`${site.origin}${GOLD_PAGES[3].path}`);
    expect("page" in page && page.page.kind).toBe("added");
    const feed = await importer.importAddress(`${site.origin}/feeds/rss.xml`);
    expect("feed" in feed && kinds(feed.feed.pages)).toEqual(["added", "added", "failed"]);
    const sitemap = await importer.importAddress(`${site.origin}/sitemaps/2025-09.xml`);
    expect("page" in sitemap && sitemap.page.kind === "failed" && sitemap.page.error.failure).toBe("bad-feed");
  });
});

describe("backfilling from a sitemap", () => {
  it("reads a sitemap index, leaves out what is older than --since, and resumes an interrupted run", async () => {
    const corpusDir = temporaryFolder("isnad-import-");
    const address = `${site.origin}/sitemap.xml`;
    const controller = new AbortController();
    const progress: number[] = [];
    // Interrupted after the first page: with concurrency 1, the next pages are not started.
    const first = await (await open(corpusDir)).importSitemap(address, {
      since: "2025-01-01",
      concurrency: 1,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 1) controller.abort();
      },
    });
    expect(first.interrupted).toBe(true);
    expect(first.pages).toHaveLength(1);
    expect(first.skippedOld).toBe(0);
    expect(first.skippedSitemaps).toBe(1); // the 2024 sitemap is not even read
    expect(site.hits.get("/sitemaps/2024-01.xml")).toBeUndefined();
    expect(progress).toEqual([0, 1]);

    const second = await (await open(corpusDir)).importSitemap(address, { since: "2025-01-01", concurrency: 2 });
    expect(second.interrupted).toBe(false);
    // Every hand-written page and one 404 are listed in the 2025 sitemap.
    expect(second.skippedDone).toBe(1);
    expect(kinds(second.pages).sort()).toEqual([...Array<string>(GOLD_PAGES.length - 1).fill("added"), "failed"]);
    expect(articleFiles(corpusDir)).toHaveLength(GOLD_PAGES.length);

    const third = await (await open(corpusDir)).importSitemap(address, { since: "2025-01-01" });
    expect(third.pages).toEqual([]);
    expect(third.skippedDone).toBe(GOLD_PAGES.length + 1);
  });

  it("without --since reads every sitemap of the index", async () => {
    const result = await (await open()).importSitemap(`${site.origin}/sitemap.xml`, { concurrency: 3 });
    expect(result.pages).toHaveLength(GOLD_PAGES.length + 2);
    expect(result.pages.filter((page) => page.kind === "failed").map((page) => page.kind === "failed" && page.error.failure).sort()).toEqual(["http-status", "not-arabic"]);
  });
});
