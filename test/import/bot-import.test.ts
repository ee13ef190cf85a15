import { readdirSync } from "node:fs";
import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_TEXT, IMPORT_TEXT } from "../../src/bot/bot-messages.js";
import { createBot } from "../../src/bot/create-bot.js";
import { drain } from "../../src/bot/run-polling.js";
import { parseConfig } from "../../src/config.js";
import { BackgroundRebuild } from "../../src/import/background-rebuild.js";
import { createImportService, type ImportService } from "../../src/import/import-service.js";
import { createLogger } from "../../src/logger.js";
import { AnswerPipeline, ensureFreshIndex } from "../../src/pipeline/answer-pipeline.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { TEST_BOT, TEST_TOKEN } from "../support/bot-api-stand-in.js";
import { ADMIN, ALICE, fakeBotApi, textUpdate } from "../support/telegram-updates.js";
import { seedCorpus, seedPipelineOptions, silentLogger, temporaryFolder } from "../support/workspace.js";
import { GOLD_PAGES, startNewsSite, type NewsSite } from "./support/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

/** A bot on the real pipeline over its own copy of the seed corpus, with importing wired as `npm start` wires it. */
async function setUp(feeds: string[] = []) {
  const corpusDir = seedCorpus();
  const options = { ...seedPipelineOptions(), corpusDir, indexDir: temporaryFolder() };
  await ensureFreshIndex(options);
  const holder = new IndexHolder(await AnswerPipeline.open(options), options);
  const lines: string[] = [];
  const logger = createLogger({ level: "info", format: "json", destination: new Writable({ write: (chunk, _e, done) => (lines.push(chunk.toString()), done()) }) });
  const config = parseConfig({ CORPUS_DIR: corpusDir, IMPORT_ALLOW_PRIVATE_ADDRESSES: "true", IMPORT_HOST_DELAY_MS: "0", FEEDS: feeds.join(",") });
  const importing: ImportService = createImportService(config, holder, logger);
  const api = fakeBotApi();
  const { bot, inFlight } = createBot(TEST_TOKEN, { questions: holder, logger, adminUserIds: [ADMIN.id], botInfo: TEST_BOT, innerTransformers: [api.transformer], importing });
  const send = (update: ReturnType<typeof textUpdate>) => bot.handleUpdate(update as Update);
  const texts = () => api.sent().map((call) => call.payload.text as string);
  return { corpusDir, holder, importing, send, texts, inFlight, api, log: lines };
}

const articleFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".md")).sort();

describe("/add in the bot", () => {
  it("imports a page for an admin, replies with title, date and sections, rebuilds the index, and then answers from the new article", async () => {
    const { send, texts, inFlight, corpusDir } = await setUp();
    await send(textUpdate(`/add ${site.origin}${GOLD_PAGES[2].path}`, { from: ADMIN }));
    expect(texts()[0]).toBe(
      IMPORT_TEXT.added({
        title: "بدء التشغيل التجريبي للمرحلة الأولى من الخط الرابع لمترو القاهرة",
        date: "2025-09-18",
        outlet: "اليوم المصري",
        sections: ["محطات تخدم مليوني راكب يوميا", "تمويل ياباني وقطارات حديثة"],
        file: "2025-09-18-metro-line-4-7112233.md",
        updated: false,
      }),
    );
    expect(articleFiles(corpusDir)).toContain("2025-09-18-metro-line-4-7112233.md");
    expect(await drain(inFlight, 20_000)).toBe(true);
    expect(texts()[1]).toBe(IMPORT_TEXT.indexUpdated);
    await send(textUpdate("كم عدد محطات المرحلة الأولى من الخط الرابع لمترو القاهرة؟", { from: ALICE }));
    expect(texts()[2]).toContain("16 محطة");
    expect(texts()[2]).toContain("بدء التشغيل التجريبي للمرحلة الأولى من الخط الرابع لمترو القاهرة");
  });

  it("says the article is already there when the same address is added again, and rebuilds nothing", async () => {
    const { send, texts, inFlight } = await setUp();
    await send(textUpdate(`/add ${site.origin}${GOLD_PAGES[3].path}`, { from: ADMIN }));
    await drain(inFlight, 20_000);
    await send(textUpdate(`/add ${site.origin}${GOLD_PAGES[3].path}`, { from: ADMIN }));
    expect(texts()[2]).toBe(IMPORT_TEXT.unchanged("الإمارات تدشن أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة", "2025-09-18-solar-desalination-plant.md"));
    expect(texts()).toHaveLength(3);
  });

  it("reports the seed's story under another address as already in the sources", async () => {
    const { send, texts, corpusDir } = await setUp();
    await send(textUpdate(`/add ${site.origin}${GOLD_PAGES[0].path}`, { from: ADMIN }));
    expect(texts()[0]).toBe(IMPORT_TEXT.duplicate("عبد اللطيف حموشي يترأس وفدا أمنيا", "2025-09-hammouchi-igef-ankara.md"));
    expect(articleFiles(corpusDir)).toEqual(["2025-09-hammouchi-igef-ankara.md"]);
  });

  it.each([
    ["a PDF", "/report.pdf", IMPORT_TEXT.failed(IMPORT_TEXT.reasons["content-type"])],
    ["a 404", "/missing.html", IMPORT_TEXT.failed(`${IMPORT_TEXT.reasons["http-status"]} (HTTP 404).`)],
    ["a page in English", "/en/story.html", IMPORT_TEXT.failed(IMPORT_TEXT.reasons["not-arabic"])],
    ["a page with no article", "/ma/politique/", IMPORT_TEXT.failed(IMPORT_TEXT.reasons["no-article"])],
  ])("says in Arabic why %s was not imported, and writes nothing", async (_case, path, reply) => {
    const { send, texts, corpusDir } = await setUp();
    await send(textUpdate(`/add ${site.origin}${path}`, { from: ADMIN }));
    expect(texts()).toEqual([reply]);
    expect(articleFiles(corpusDir)).toEqual(["2025-09-hammouchi-igef-ankara.md"]);
  });

  it("imports a feed's new items from its address", async () => {
    const { send, texts, inFlight } = await setUp();
    await send(textUpdate(`/add ${site.origin}/feeds/atom.xml`, { from: ADMIN }));
    expect(texts()[0]).toBe(
      IMPORT_TEXT.feed({
        title: "الخليج اليوم",
        items: 2,
        known: 0,
        added: ["الإمارات تدشن أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة", "بدء التشغيل التجريبي للمرحلة الأولى من الخط الرابع لمترو القاهرة"],
        duplicates: 0,
        failed: 0,
      }),
    );
    await drain(inFlight, 20_000);
    expect(texts()[1]).toBe(IMPORT_TEXT.indexUpdated);
  });

  it("shows how to use it when the address is missing", async () => {
    const { send, texts } = await setUp();
    await send(textUpdate("/add", { from: ADMIN }));
    expect(texts()).toEqual([IMPORT_TEXT.addUsage]);
  });

  it("refuses anyone who is not an admin, fetching nothing", async () => {
    const { send, texts } = await setUp();
    const before = site.hits.get(GOLD_PAGES[2].path) ?? 0;
    await send(textUpdate(`/add ${site.origin}${GOLD_PAGES[2].path}`, { from: ALICE }));
    expect(texts()).toEqual([BOT_TEXT.notAllowed]);
    expect(site.hits.get(GOLD_PAGES[2].path) ?? 0).toBe(before);
  });
});

describe("feeds read by npm start", () => {
  it("imports new items, rebuilds in the background, logs what it added, and /status shows each feed, when it was read and what it brought", async () => {
    const rss = `${site.origin}/feeds/rss.xml`;
    const atom = `${site.origin}/feeds/atom.xml`;
    const notAFeed = `${site.origin}/feeds/not-a-feed.xml`;
    const { send, texts, importing, holder, log, corpusDir } = await setUp([rss, atom, notAFeed]);

    await send(textUpdate("/status", { from: ADMIN }));
    expect(texts()[0]).toContain(`${IMPORT_TEXT.feedsHeader}\n\u200F  – ${rss}\n\u200F    آخر قراءة: لم يُقرأ بعد`);

    // The RSS feed brings the dams article (its seed item is the seed's story, its third item a 404); the Atom
    // feed brings two.
    expect(await importing.readFeeds()).toBe(3);
    expect(articleFiles(corpusDir)).toHaveLength(4);
    const added = log.map((line) => JSON.parse(line) as { msg: string; feed?: string; added?: Array<{ title: string }> }).filter((line) => line.msg === "feed read: articles added");
    expect(added.map((line) => [line.feed, line.added?.length])).toEqual([
      [rss, 1],
      [atom, 2],
    ]);
    expect(log.some((line) => line.includes("feed not read") && line.includes(notAFeed))).toBe(true);
    // The background rebuild swaps in an index with the four articles.
    for (let i = 0; i < 200 && holder.manifest.corpus.articles < 4; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(holder.manifest.corpus.articles).toBe(4);
    expect(log.some((line) => line.includes("index rebuilt after import"))).toBe(true);

    await send(textUpdate("/status", { from: ADMIN }));
    const status = texts()[1]!;
    expect(status).toMatch(new RegExp(`– ${rss.replace(/[.?]/gu, "\\$&")}\n\u200F    آخر قراءة: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC — أتى بـ 1 مقال: نسبة ملء السدود`, "u"));
    expect(status).toContain("أتى بـ 2 مقال: الإمارات تدشن أكبر محطة");
    expect(status).toContain(`تعذرت: ${IMPORT_TEXT.reasons["bad-feed"]}`);

    // The next round finds nothing new and fetches no article page again.
    const pageHits = site.hits.get(GOLD_PAGES[1].path);
    expect(await importing.readFeeds()).toBe(0);
    expect(site.hits.get(GOLD_PAGES[1].path)).toBe(pageHits);
    await importing.stop();
  });

  it("reads the feeds again every interval until stopped", async () => {
    const rebuild = new BackgroundRebuild({ isRebuilding: false, rebuild: async () => ({ manifest: { corpus: { articles: 0, chunks: 0, problems: [] }, buildSeconds: 0 } }) as never }, silentLogger);
    const { CorpusImporter } = await import("../../src/import/corpus-importer.js");
    const { FeedPoller } = await import("../../src/import/feed-poller.js");
    const { PoliteFetcher } = await import("../../src/import/polite-fetcher.js");
    const corpusDir = temporaryFolder("isnad-corpus-");
    const fetcher = new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 0 });
    const feed = "/feeds/atom.xml";
    const before = site.hits.get(feed) ?? 0;
    const poller = new FeedPoller({ feeds: [`${site.origin}${feed}`], intervalMs: 100, openImporter: () => CorpusImporter.open({ corpusDir, fetcher }), rebuild, logger: silentLogger });
    poller.start();
    for (let i = 0; i < 100 && (site.hits.get(feed) ?? 0) - before < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await poller.stop();
    const rounds = (site.hits.get(feed) ?? 0) - before;
    expect(rounds).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((site.hits.get(feed) ?? 0) - before).toBe(rounds);
    expect(poller.status()[0]!.lastReadAt).toBeDefined();
  });
});
