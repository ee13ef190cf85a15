import { describe, expect, it } from "vitest";
import { ImportError } from "../../src/errors.js";
import { extractionF1 } from "../../src/eval/extraction-f1.js";
import { articlePlainText, extractArticle } from "../../src/import/extract-article.js";
import { PoliteFetcher } from "../../src/import/polite-fetcher.js";
import { GOLD_PAGES, goldText, pageHtml, startNewsSite } from "./support/news-site.js";

const utf8 = (name: string) => pageHtml(name).toString("utf8");

describe("extractionF1", () => {
  it("is 1 for the same text whatever its white space, and falls with noise and with loss", () => {
    expect(extractionF1("أ ب\nج", "أب ج").f1).toBe(1);
    const noisy = extractionF1("أبجد شارك", "أبجد");
    expect(noisy.recall).toBe(1);
    expect(noisy.precision).toBeCloseTo(4 / 8);
    const lossy = extractionF1("أب", "أبجد");
    expect(lossy.precision).toBe(1);
    expect(lossy.recall).toBe(0.5);
    expect(extractionF1("", "أ").f1).toBe(0);
  });
});

describe("extractArticle on the hand-written pages, fetched over HTTP", () => {
  it("reaches a character-level F1 of at least 0.95 against the hand-marked gold on every page", async () => {
    const site = await startNewsSite();
    try {
      const fetcher = new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 0 });
      for (const page of GOLD_PAGES) {
        const fetched = await fetcher.fetchDocument(`${site.origin}${page.path}`, "html");
        const score = extractionF1(articlePlainText(extractArticle(fetched.text, fetched.url)), goldText(page.name));
        expect(score.f1, page.name).toBeGreaterThanOrEqual(0.95);
      }
    } finally {
      await site.close();
    }
  });

  it("reads the seed article's page into the seed's own sections: a bold lead, <h2> headings, no read-also box, ads or comments", () => {
    const article = extractArticle(utf8("moroccan-seed"), "https://news.example.ma/x");
    expect(article.title).toBe("عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(article.lead).toHaveLength(1);
    expect(article.lead[0]).toMatch(/^يقود المدير العام للأمن الوطني/u);
    expect(article.sections.map((section) => section.heading)).toEqual(["تعاون أمني لمواحهة التحديات المشتركة", "تعاون أمني إقليمي ودولي", "استعراض الابتكارات والتجهيزات الأمنية"]);
    const text = articlePlainText(article);
    for (const boilerplate of ["اقرأ أيضا", "المديرية العامة للأمن الوطني تستعد", "فخورون بأمننا", "الأكثر قراءة", "إعلان", "فيسبوك", "الوسوم", "جميع الحقوق"]) expect(text).not.toContain(boilerplate);
  });

  it("reads the metadata: canonical address, outlet, date and time from a Moroccan dateline", () => {
    const article = extractArticle(utf8("moroccan-seed"), "https://news.example.ma/x");
    expect(article.url).toBe("https://news.example.ma/politique/hammouchi-igef-ankara-2025.html");
    expect(article.outlet).toBe("هسبريس المغرب");
    expect(article.date).toEqual({ date: "2025-09-17", time: "21:40", calendar: "gregorian" });
    // The byline names only the outlet: no author.
    expect(article.author).toBeUndefined();
  });

  it("reads an Egyptian layout: sections as bold paragraphs, «كتب فلان» as the author, the article's date rather than the header's", () => {
    const article = extractArticle(utf8("egyptian-metro"), "https://www.example-eg.com/x");
    expect(article.sections.map((section) => section.heading)).toEqual(["محطات تخدم مليوني راكب يوميا", "تمويل ياباني وقطارات حديثة"]);
    expect(article.author).toBe("محمد عبد الحليم");
    expect(article.outlet).toBe("اليوم المصري");
    expect(article.date).toEqual({ date: "2025-09-18", time: "10:30", calendar: "gregorian" });
    expect(article.url).toBe("https://www.example-eg.com/story/2025/9/18/metro-line-4/7112233");
    expect(articlePlainText(article)).not.toMatch(/اقرأ أيضا|زيادة أسعار تذاكر|أخبار متعلقة|هيحل أزمة/u);
  });

  it("reads a Gulf layout: the Gregorian date beside the Hijri one in Eastern Arabic digits, JSON-LD author and outlet, a relative canonical link", () => {
    const article = extractArticle(utf8("gulf-desalination"), "https://gulf.example.ae/some/path");
    expect(article.date).toEqual({ date: "2025-09-18", calendar: "gregorian" });
    expect(article.author).toBe("سارة المنصوري");
    expect(article.outlet).toBe("الخليج اليوم");
    expect(article.url).toBe("https://gulf.example.ae/ar/economy/2025/09/18/solar-desalination-plant");
    expect(article.lead[0]).toBe("محطة بطاقة ١٢٠ مليون غالون يوميا تخفض الانبعاثات وتكلفة المياه");
    expect(article.sections.map((section) => section.heading)).toEqual(["تقنية التناضح العكسي", "أمن مائي في منطقة جافة"]);
  });

  it("reads a table layout whose paragraphs are cut by <br> and whose sections are bold lines, with «بقلم:» and a bare «18 شتنبر 2025»", () => {
    const article = extractArticle(new TextDecoder("windows-1256").decode(pageHtml("moroccan-dams")), "https://alyaoum.example.ma/a/123");
    expect(article.lead).toHaveLength(2);
    expect(article.sections.map((section) => section.heading)).toEqual(["حوض اللوكوس في الصدارة", "تحذير من الإفراط في التفاؤل"]);
    expect(article.author).toBe("يوسف الإدريسي");
    expect(article.outlet).toBe("اليوم 24 المغرب");
    expect(article.date).toEqual({ date: "2025-09-18", calendar: "gregorian" });
    expect(article.url).toBe("https://alyaoum.example.ma/a/123");
  });

  it.each([
    ["a page in English", "<html lang=en><body><article><h1>Dams</h1>" + "<p>The filling rate of the dams rose to 38 percent after the rain of last week in several regions.</p>".repeat(6) + "</article></body></html>", "not-arabic"],
    ["a section index with no article", "<html><body><nav><a href=/>الرئيسية</a></nav><h1>سياسة</h1><ul>" + "<li><a href=/a>خبر قصير في قسم السياسة</a></li>".repeat(10) + "</ul></body></html>", "no-article"],
    ["an empty page", "", "no-article"],
    ["markup that is not HTML at all", "%PDF-1.4 \u0000\u0001 binary", "no-article"],
  ])("refuses %s with a reason", (_case, html, failure) => {
    let caught: unknown;
    try {
      extractArticle(html, "https://example.org/x");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as ImportError).failure).toBe(failure);
  });
});
