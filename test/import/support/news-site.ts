import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A news site on loopback for the import tests and `npm run import:eval`: the hand-written pages of
 * test/import/pages (a Moroccan, an Egyptian and a Gulf layout, and the seed article), an RSS and an Atom feed,
 * a sitemap index with two sitemaps, robots.txt, and the bad cases a fetcher meets (404, 500, a redirect loop,
 * a 50 MB body, a PDF, a page in English, an index page with no article, broken HTML, a slow server). Every
 * response is bounded: the big body stops when the client hangs up or at 50 MB, the slow one after 3 s.
 */
export const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "pages");

/** The pages with hand-marked gold text: where the site serves each, and its files in PAGES_DIR. */
export const GOLD_PAGES = [
  { name: "moroccan-seed", path: "/ma/politique/hammouchi-igef-ankara-2025.html", layout: "Moroccan (Hespress-like): <h2> sections, bold lead, read-also box, comments" },
  { name: "moroccan-dams", path: "/ma/societe/dams-filling-38-percent.html", layout: "Moroccan (table layout, windows-1256): <br> paragraphs, bold-line sections" },
  { name: "egyptian-metro", path: "/eg/story/2025/9/18/metro-line-4/7112233", layout: "Egyptian (Youm7-like): bold-paragraph sections, inline read-also, ticker" },
  { name: "gulf-desalination", path: "/ae/ar/economy/2025/09/18/solar-desalination-plant", layout: "Gulf: Hijri beside Gregorian, Eastern Arabic digits, JSON-LD, <h3> sections" },
  // Written after the extractor was frozen, to measure it on layouts it was not tuned on (docs/CORPUS.md).
  { name: "saudi-housing", path: "/sa/article/2250913", layout: "Gulf (Saudi), held out: Hijri date bar, <h2> sections, a quote, a poll widget, video" },
  { name: "egyptian-budget", path: "/eg2/news/details/3412345", layout: "Egyptian (Al-Masry-like), held out: bare text cut by <br>, <h3> sections, dd-mm-yyyy" },
] as const;

export function pageHtml(name: string): Buffer {
  return readFileSync(join(PAGES_DIR, `${name}.html`));
}

export function goldText(name: string): string {
  return readFileSync(join(PAGES_DIR, `${name}.gold.txt`), "utf8");
}

const ENGLISH_PAGE = `<!doctype html><html lang="en"><head><title>Morocco's dams fill up after rain</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Morocco's dams fill up after rain</h1>
${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}: the filling rate of Morocco's dams rose to 38 percent after last week's rainfall across several regions of the kingdom, according to official figures released by the ministry of equipment and water, compared with 27 percent a year earlier.</p>`).join("\n")}
</article></body></html>`;

const INDEX_PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><title>سياسة - هسبريس المغرب</title></head><body>
<nav><a href="/">الرئيسية</a> <a href="/politique">سياسة</a></nav><h1>سياسة</h1>
<ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/ma/${i}.html">خبر رقم ${i + 1} في قسم السياسة</a></li>`).join("")}</ul>
<footer>جميع الحقوق محفوظة</footer></body></html>`;

/** The Egyptian page cut off in the middle of its markup, as a dropped connection or a bad CMS leaves it. */
function brokenHtml(): string {
  const html = pageHtml("egyptian-metro").toString("utf8");
  const cut = html.indexOf("<div class=\"tags\">");
  return html.slice(0, cut).replace(/<\/p>/gu, "").replace("</div>\n  <div class=\"articleImg\">", "<div class=\"articleImg\">");
}

export interface NewsSite {
  readonly origin: string;
  /** Requests received per path (robots.txt included). */
  readonly hits: Map<string, number>;
  /** Serves other bytes at a path from now on (a page edited by its site). */
  override(path: string, body: string, contentType?: string): void;
  close(): Promise<void>;
}

export async function startNewsSite(): Promise<NewsSite> {
  const hits = new Map<string, number>();
  const overrides = new Map<string, { body: string; type: string }>();
  let origin = "";

  const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
    "/robots.txt": (_q, r) => send(r, 200, "text/plain", "User-agent: *\nDisallow: /private/\n\nUser-agent: IsnadBot\nDisallow: /private/\nDisallow: /no-isnad/\n"),
    "/en/story.html": (_q, r) => send(r, 200, "text/html; charset=utf-8", ENGLISH_PAGE),
    "/ma/politique/": (_q, r) => send(r, 200, "text/html; charset=utf-8", INDEX_PAGE),
    "/eg/broken.html": (_q, r) => send(r, 200, "text/html; charset=utf-8", brokenHtml()),
    "/missing.html": (_q, r) => send(r, 404, "text/html", "<h1>404</h1>"),
    "/error.html": (_q, r) => send(r, 500, "text/html", "<h1>500</h1>"),
    "/loop-a": (_q, r) => redirect(r, 302, "/loop-b"),
    "/loop-b": (_q, r) => redirect(r, 302, "/loop-a"),
    "/moved": (_q, r) => redirect(r, 301, GOLD_PAGES[0].path),
    "/report.pdf": (_q, r) => send(r, 200, "application/pdf", "%PDF-1.4\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"),
    "/private/secret.html": (_q, r) => send(r, 200, "text/html; charset=utf-8", pageHtml("moroccan-seed")),
    "/no-isnad/page.html": (_q, r) => send(r, 200, "text/html; charset=utf-8", pageHtml("moroccan-seed")),
    "/huge-declared.html": (_q, r) => {
      r.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
      r.end("<html>");
    },
    "/huge.html": (_q, r) => {
      // 50 MB announced by nothing: the client must stop reading at its limit. Written with backpressure, and
      // bounded at 50 MB even if the client reads on.
      r.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      const chunk = Buffer.alloc(64 * 1024, "<p>حشو</p>");
      let sent = 0;
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && !r.destroyed) {
          sent += chunk.length;
          if (!r.write(chunk)) return void r.once("drain", pump);
        }
        r.end();
      };
      pump();
    },
    "/slow.html": (_q, r) => {
      const timer = setTimeout(() => send(r, 200, "text/html", "<html></html>"), 3000);
      r.on("close", () => clearTimeout(timer));
    },
    "/copy/hammouchi-visit-turkey.html": (_q, r) =>
      send(
        r,
        200,
        "text/html; charset=utf-8",
        pageHtml("moroccan-seed")
          .toString("utf8")
          .replace(/<link rel="canonical"[^>]*>/u, `<link rel="canonical" href="${origin}/copy/hammouchi-visit-turkey.html">`)
          .replace("هسبريس المغرب</title>", "موقع آخر</title>"),
      ),
    "/feeds/rss.xml": (_q, r) =>
      send(
        r,
        200,
        "application/rss+xml; charset=utf-8",
        `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>هسبريس المغرب - آخر الأخبار</title><link>${origin}/</link><description>آخر الأخبار</description>
<item><title>عبد اللطيف حموشي يترأس وفدا أمنيا</title><link>${origin}${GOLD_PAGES[0].path}</link><guid isPermaLink="false">ma-1</guid><pubDate>Wed, 17 Sep 2025 21:40:00 +0100</pubDate></item>
<item><title>نسبة ملء السدود ترتفع إلى 38 في المائة</title><link>${origin}${GOLD_PAGES[1].path}</link><pubDate>Thu, 18 Sep 2025 09:00:00 +0100</pubDate></item>
<item><title>صفحة مفقودة</title><link>${origin}/missing.html</link></item>
</channel></rss>`,
      ),
    "/feeds/atom.xml": (_q, r) =>
      send(
        r,
        200,
        "application/atom+xml",
        `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>الخليج اليوم</title><id>urn:gulf</id><updated>2025-09-18T12:00:00Z</updated>
<entry><title>الإمارات تدشن أكبر محطة لتحلية المياه</title><link rel="alternate" type="text/html" href="${origin}${GOLD_PAGES[3].path}"/><id>urn:1</id><updated>2025-09-18T10:00:00Z</updated></entry>
<entry><title>بدء التشغيل التجريبي للخط الرابع</title><link href="${GOLD_PAGES[2].path}"/><id>urn:2</id><updated>2025-09-18T08:30:00Z</updated></entry>
</feed>`,
      ),
    "/feeds/not-a-feed.xml": (_q, r) => send(r, 200, "application/xml", `<?xml version="1.0"?><catalog><book>1</book></catalog>`),
    "/feeds/broken.xml": (_q, r) => send(r, 200, "application/rss+xml", `<?xml version="1.0"?><rss><channel><item><link>x</link></channel>`),
    "/sitemap.xml": (_q, r) =>
      send(
        r,
        200,
        "application/xml",
        `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${origin}/sitemaps/2025-09.xml</loc><lastmod>2025-09-18</lastmod></sitemap>
<sitemap><loc>${origin}/sitemaps/2024-01.xml</loc><lastmod>2024-01-31</lastmod></sitemap>
</sitemapindex>`,
      ),
    "/sitemaps/2025-09.xml": (_q, r) =>
      send(
        r,
        200,
        "application/xml",
        `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${GOLD_PAGES.map((page) => `<url><loc>${origin}${page.path}</loc><lastmod>2025-09-18T10:00:00+01:00</lastmod></url>`).join("\n")}
<url><loc>${origin}/missing.html</loc><lastmod>2025-09-18</lastmod></url>
</urlset>`,
      ),
    "/sitemaps/2024-01.xml": (_q, r) =>
      send(r, 200, "application/xml", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/en/story.html</loc><lastmod>2024-01-31</lastmod></url></urlset>`),
  };
  for (const page of GOLD_PAGES) {
    // The dams page declares its charset only in a <meta> (windows-1256), as old Moroccan CMSs do.
    routes[page.path] = (_q, r) => send(r, 200, page.name === "moroccan-dams" ? "text/html" : "text/html; charset=utf-8", pageHtml(page.name));
  }

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const override = overrides.get(path);
    if (override) return send(response, 200, override.type, override.body);
    const route = routes[path];
    if (route) return route(request, response);
    send(response, 404, "text/html", "<h1>404</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    override: (path, body, contentType = "text/html; charset=utf-8") => overrides.set(path, { body, type: contentType }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type });
  response.end(body);
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location });
  response.end();
}
