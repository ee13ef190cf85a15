import { readArabicDate, readIsoDate, type ReadDate } from "./arabic-date.js";

/**
 * What a news page says about its article outside the text: the canonical address, the title, the outlet,
 * the author and the publication date. Read from the markup sites publish for search engines and social
 * networks (JSON-LD NewsArticle, Open Graph, <link rel=canonical>, <time datetime>) first, and from the
 * visible byline and dateline — written in Arabic — when those are missing. Pure: a parsed document in, values out.
 */
export interface PageMetadata {
  readonly canonicalUrl?: string;
  readonly titles: readonly string[];
  readonly outlet?: string;
  readonly author?: string;
  readonly date?: ReadDate;
}

type Element = {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelectorAll(selector: string): Iterable<Element>;
  querySelector(selector: string): Element | null;
};
type DocumentLike = Element;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|WebPage)$/u;

function cleanText(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/gu, " ").trim();
  return text ? text : undefined;
}

function meta(document: DocumentLike, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const element = document.querySelector(`meta[property="${key}"]`) ?? document.querySelector(`meta[name="${key}"]`) ?? document.querySelector(`meta[itemprop="${key}"]`);
    const content = cleanText(element?.getAttribute("content"));
    if (content) return content;
  }
  return undefined;
}

/** The JSON-LD objects of the page that describe an article (a @graph is opened, broken JSON is skipped). */
function jsonLdArticles(document: DocumentLike): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    if (Array.isArray(record["@graph"])) visit(record["@graph"]);
    const type = record["@type"];
    const types = Array.isArray(type) ? type : [type];
    if (types.some((name) => typeof name === "string" && ARTICLE_TYPES.test(name))) found.push(record);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ""));
    } catch {
      // A site's broken JSON-LD is its own problem; the other sources still apply.
    }
  }
  // A NewsArticle says more than the WebPage around it.
  return found.sort((a, b) => Number(a["@type"] === "WebPage") - Number(b["@type"] === "WebPage"));
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(nameOf).filter(Boolean).join("، ") || undefined;
  if (value && typeof value === "object") return nameOf((value as Record<string, unknown>).name);
  return undefined;
}

function isWebAddress(value: string): boolean {
  return /^https?:\/\//iu.test(value);
}

function absolute(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    url.hash = "";
    return url.href;
  } catch {
    return undefined;
  }
}

/** Elements whose class or id says they hold the dateline or byline (sites write «newsDate», «post-date», «writeBy»). */
const DATE_HOLDER = /date|time|publish|meta|posted/iu;
const AUTHOR_HOLDER = /author|byline|writer|writeby|katib/iu;

/**
 * Elements of the page whose class, id, rel or itemprop matches, those after the page's <h1> first: a header's
 * «today is …» date or a sidebar's author comes before the article's own dateline and byline.
 */
function holders(document: DocumentLike, pattern: RegExp): Element[] {
  const found: Element[] = [];
  const all = [...document.querySelectorAll("*")];
  const heading = document.querySelector("h1");
  const headingAt = heading ? all.indexOf(heading) : -1;
  for (const element of all) {
    if (element.getAttribute("class") === null && element.getAttribute("id") === null && element.getAttribute("rel") === null && element.getAttribute("itemprop") === null && (element as unknown as { nodeName: string }).nodeName.toUpperCase() !== "TIME") continue;
    const names = ["class", "id", "rel", "itemprop"].map((name) => element.getAttribute(name) ?? "").join(" ");
    if (pattern.test(names) || (pattern === DATE_HOLDER && (element as unknown as { nodeName: string }).nodeName.toUpperCase() === "TIME")) found.push(element);
  }
  const after = found.filter((element) => all.indexOf(element) > headingAt);
  return [...after, ...found.filter((element) => !after.includes(element))];
}
/** «بقلم: فلان», «كتب: فلان», «الكاتب: فلان» — the label is not the name. */
const AUTHOR_LABEL = /^(?:بقلم|كتب(?:ت|ه|ها)?|الكاتب|الكاتبة|المحرر|إعداد|اعداد|تحرير|By)\s*[:：-]?\s*/u;

function readDateFrom(document: DocumentLike, articleLd: Array<Record<string, unknown>>): ReadDate | undefined {
  for (const record of articleLd) {
    const value = record.datePublished ?? record.dateCreated;
    if (typeof value === "string") {
      const date = readIsoDate(value) ?? readArabicDate(value);
      if (date) return date;
    }
  }
  const metaValue = meta(document, "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "DC.date.issued", "dc.date");
  const fromMeta = metaValue ? (readIsoDate(metaValue) ?? readArabicDate(metaValue)) : undefined;
  if (fromMeta) return fromMeta;
  for (const time of document.querySelectorAll("time[datetime], [itemprop=datePublished]")) {
    const value = time.getAttribute("datetime") ?? time.getAttribute("content") ?? time.textContent ?? "";
    const date = readIsoDate(value) ?? readArabicDate(value);
    if (date) return date;
  }
  // The visible dateline, as the site writes it in Arabic.
  for (const holder of holders(document, DATE_HOLDER)) {
    const text = cleanText(holder.textContent);
    if (!text || text.length > 200) continue;
    const date = readArabicDate(text);
    if (date) return date;
  }
  // A dateline in an element named for nothing: the first short line under the title that reads as a date.
  for (const element of afterHeading(document)) {
    const text = cleanText(element.textContent);
    if (!text || text.length > 100) continue;
    const date = readArabicDate(text);
    if (date) return date;
  }
  return undefined;
}

function readAuthorFrom(document: DocumentLike, articleLd: Array<Record<string, unknown>>): string | undefined {
  for (const record of articleLd) {
    const name = nameOf(record.author);
    if (name && !isWebAddress(name)) return name;
  }
  const fromMeta = meta(document, "author", "article:author", "dc.creator");
  if (fromMeta && !isWebAddress(fromMeta)) return fromMeta;
  for (const holder of holders(document, AUTHOR_HOLDER)) {
    const text = cleanText(holder.textContent)?.replace(AUTHOR_LABEL, "");
    // A byline block may carry the date too: the name is what comes before it.
    const name = text?.split(/\s[-–—|]\s|\s{2,}|[|،,]\s/u)[0]?.trim();
    if (name && name.length >= 3 && name.length <= 80 && !/\d/u.test(name)) return name;
  }
  // «بقلم: فلان» in an element named for nothing, under the title.
  for (const element of afterHeading(document)) {
    const text = cleanText(element.textContent);
    if (!text || text.length > 80 || !AUTHOR_LABEL.test(text)) continue;
    const name = text.replace(AUTHOR_LABEL, "").split(/\s[-–—|]\s|[|،,]/u)[0]?.trim();
    if (name && name.length >= 3 && !/\d/u.test(name)) return name;
  }
  return undefined;
}

/** How far under the <h1> a dateline or byline is looked for, in elements. */
const NEAR_HEADING = 40;

/** The elements right after the page's <h1>, in document order. */
function afterHeading(document: DocumentLike): Element[] {
  const all = [...document.querySelectorAll("body *")];
  const heading = document.querySelector("h1");
  const at = heading ? all.indexOf(heading) : -1;
  return at < 0 ? [] : all.slice(at + 1, at + 1 + NEAR_HEADING);
}

/** The outlet named in <title> beside the headline: «العنوان | اليوم 24», «العنوان - هسبريس». */
function outletFromTitle(titles: readonly string[], documentTitle: string | undefined): string | undefined {
  if (!documentTitle) return undefined;
  const parts = documentTitle.split(/\s+[|\-–—]\s+/u).map((part) => part.trim());
  if (parts.length < 2) return undefined;
  const rest = parts.filter((part) => !titles.includes(part));
  return rest.length === 1 && rest[0]!.length <= 60 ? rest[0] : undefined;
}

/** Reads a page's metadata; `pageUrl` resolves relative addresses (the page's address after redirects). */
export function readPageMetadata(document: DocumentLike, pageUrl: string): PageMetadata {
  const articleLd = jsonLdArticles(document);
  const canonical =
    absolute(document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? undefined, pageUrl) ??
    absolute(meta(document, "og:url"), pageUrl) ??
    absolute(articleLd.map((record) => (typeof record.url === "string" ? record.url : undefined)).find(Boolean), pageUrl);
  const titles = [
    cleanText(document.querySelector("article h1, main h1")?.textContent),
    cleanText(document.querySelector("h1")?.textContent),
    meta(document, "og:title", "twitter:title"),
    ...articleLd.map((record) => (typeof record.headline === "string" ? cleanText(record.headline) : undefined)),
    cleanText(document.querySelector("title")?.textContent),
  ].filter((title): title is string => title !== undefined);
  const outlet =
    meta(document, "og:site_name", "application-name") ??
    articleLd.map((record) => nameOf(record.publisher)).find(Boolean) ??
    outletFromTitle(titles, cleanText(document.querySelector("title")?.textContent));
  // A byline that only names the outlet («هسبريس») names no author.
  const byline = readAuthorFrom(document, articleLd);
  const author = byline !== undefined && byline !== outlet ? byline : undefined;
  const date = readDateFrom(document, articleLd);
  return {
    ...(canonical ? { canonicalUrl: canonical } : {}),
    titles: [...new Set(titles)],
    ...(outlet ? { outlet } : {}),
    ...(author ? { author } : {}),
    ...(date ? { date } : {}),
  };
}
