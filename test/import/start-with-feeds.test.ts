import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiStandIn } from "../support/bot-api-stand-in.js";
import { spawnBot } from "../support/bot-process.js";
import { ADMIN, textUpdate } from "../support/telegram-updates.js";
import { seedCorpus, temporaryFolder } from "../support/workspace.js";
import { startNewsSite, type NewsSite } from "./support/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

describe("npm start with FEEDS", () => {
  it("reads the feeds at start, writes the new articles, rebuilds in the background, logs what it added, answers from them and shows the feed in /status", async () => {
    const standIn = await BotApiStandIn.start();
    const corpusDir = seedCorpus();
    const bot = spawnBot(temporaryFolder("isnad-cwd-"), {
      TELEGRAM_API_ROOT: standIn.apiRoot,
      ADMIN_USER_IDS: String(ADMIN.id),
      CORPUS_DIR: corpusDir,
      INDEX_DIR: temporaryFolder(),
      FEEDS: `${site.origin}/feeds/atom.xml`,
      FEED_POLL_MINUTES: "60",
      IMPORT_ALLOW_PRIVATE_ADDRESSES: "true",
      IMPORT_HOST_DELAY_MS: "0",
    });
    try {
      await standIn.waitFor(() => bot.output().includes("index rebuilt after import"), 45_000);
      const output = bot.output();
      const added = output.split("\n").find((line) => line.includes("feed read: articles added"))!;
      expect(JSON.parse(added)).toMatchObject({ feed: `${site.origin}/feeds/atom.xml`, added: [{ title: "الإمارات تدشن أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة" }, { title: "بدء التشغيل التجريبي للمرحلة الأولى من الخط الرابع لمترو القاهرة" }] });
      expect(output).toMatch(/"articles":3[^\n]*index rebuilt after import/u);

      standIn.push(textUpdate("ما الطاقة الإنتاجية لمحطة تحلية المياه بالطاقة الشمسية في الإمارات؟"));
      await standIn.waitFor(() => standIn.sent().length === 1, 30_000);
      expect(standIn.sent()[0]!.payload.text).toContain("١٢٠ مليون غالون");

      standIn.push(textUpdate("/status", { from: ADMIN }));
      await standIn.waitFor(() => standIn.sent().length === 2, 30_000);
      expect(standIn.sent()[1]!.payload.text).toMatch(/الموجزات:\n\u200F  – http:\/\/127\.0\.0\.1:\d+\/feeds\/atom\.xml\n\u200F    آخر قراءة: [\d-]+ [\d:]+ UTC — أتى بـ 2 مقال/u);
    } finally {
      bot.child.kill("SIGTERM");
      expect((await bot.exited).code).toBe(0);
      await standIn.close();
    }
  });
});
