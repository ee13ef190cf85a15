import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ImportError } from "../errors.js";

/**
 * RSS 2.0 and Atom feeds, and sitemaps (urlset and sitemap index), read with fast-xml-parser: a maintained,
 * dependency-free XML parser that validates and parses in one pass; rss-parser was not taken because it fetches
 * by itself (bypassing the polite fetcher), has no sitemap support and pulls in xml2js. Pure.
 */

/** One item of a feed: the article's address and, when the feed says, when it was published or updated. */
export interface FeedItem {
  readonly url: string;
  readonly title?: string;
  /** As the feed wrote it (RFC 822 in RSS, ISO 8601 in Atom); compared only to itself, to notice an update. */
  readonly updated?: string;
}

export interface Feed {
  readonly format: "rss" | "atom";
  readonly title?: string;
  readonly items: readonly FeedItem[];
}

/** A sitemap: pages (urlset) or further sitemaps (sitemapindex), each with its lastmod when given. */
export interface Sitemap {
  readonly kind: "urlset" | "sitemapindex";
  readonly entries: ReadonlyArray<{ readonly url: string; readonly lastmod?: string }>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  // No entity expansion beyond XML's own five: a feed cannot blow up memory with nested entities.
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ["item", "entry", "link", "url", "sitemap"].includes(name),
  trimValues: true,
});

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "#text" in value) return textOf((value as Record<string, unknown>)["#text"]);
  return undefined;
}

function absolute(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function parseXml(xml: string, address: string): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ImportError("bad-feed", address, `it is not well-formed XML (${valid.err.msg}, line ${valid.err.line})`, "Check the feed or sitemap address; the site may have sent an error page.");
  return parser.parse(xml) as Record<string, unknown>;
}

/** An RSS 2.0 (or RSS 1.0/RDF) or Atom feed's items, in the feed's order. `address` resolves relative links. */
export function parseFeed(xml: string, address: string): Feed {
  const document = parseXml(xml, address);
  const rss = (document.rss as Record<string, unknown> | undefined)?.channel as Record<string, unknown> | undefined;
  const rdf = document.RDF as Record<string, unknown> | undefined;
  if (rss || rdf) {
    const channel = rss ?? (rdf!.channel as Record<string, unknown> | undefined) ?? {};
    const rawItems = ((rss ? rss.item : rdf!.item) as Array<Record<string, unknown>> | undefined) ?? [];
    const items = rawItems.flatMap((item): FeedItem[] => {
      const links = (item.link as unknown[] | undefined) ?? [];
      const guid = item.guid as Record<string, unknown> | string | undefined;
      const guidIsLink = typeof guid === "object" && guid !== null ? guid["@isPermaLink"] !== "false" : typeof guid === "string";
      const url = absolute(textOf(links[0]) ?? (guidIsLink ? textOf(guid) : undefined), address);
      if (!url) return [];
      const title = textOf(item.title);
      const updated = textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.updated);
      return [{ url, ...(title ? { title } : {}), ...(updated ? { updated } : {}) }];
    });
    const title = textOf(channel.title);
    return { format: "rss", ...(title ? { title } : {}), items };
  }
  const feed = document.feed as Record<string, unknown> | undefined;
  if (feed) {
    const items = ((feed.entry as Array<Record<string, unknown>> | undefined) ?? []).flatMap((entry): FeedItem[] => {
      const links = ((entry.link as Array<Record<string, unknown>> | undefined) ?? []).filter((link) => link["@rel"] === undefined || link["@rel"] === "alternate");
      const html = links.find((link) => link["@type"] === undefined || String(link["@type"]).includes("html")) ?? links[0];
      const url = absolute(textOf(html?.["@href"]), address);
      if (!url) return [];
      const title = textOf(entry.title);
      const updated = textOf(entry.updated) ?? textOf(entry.published);
      return [{ url, ...(title ? { title } : {}), ...(updated ? { updated } : {}) }];
    });
    const title = textOf(feed.title);
    return { format: "atom", ...(title ? { title } : {}), items };
  }
  throw new ImportError("bad-feed", address, "it is XML but neither an RSS nor an Atom feed", "Give the address of the site's RSS or Atom feed.");
}

/** A sitemap's page addresses (urlset) or child sitemaps (sitemapindex). */
export function parseSitemap(xml: string, address: string): Sitemap {
  const document = parseXml(xml, address);
  const read = (entries: unknown) =>
    ((entries as Array<Record<string, unknown>> | undefined) ?? []).flatMap((entry) => {
      const url = absolute(textOf(entry.loc), address);
      const lastmod = textOf(entry.lastmod);
      return url ? [{ url, ...(lastmod ? { lastmod } : {}) }] : [];
    });
  const urlset = document.urlset as Record<string, unknown> | undefined;
  if (urlset) return { kind: "urlset", entries: read(urlset.url) };
  const index = document.sitemapindex as Record<string, unknown> | undefined;
  if (index) return { kind: "sitemapindex", entries: read(index.sitemap) };
  throw new ImportError("bad-feed", address, "it is XML but not a sitemap (no <urlset> or <sitemapindex>)", "Give the address of the site's sitemap.xml (robots.txt often names it).");
}

/** Whether an XML document is a feed (RSS, RDF or Atom) rather than a sitemap, by its root element. */
export function isFeedDocument(xml: string): boolean {
  const root = /<([A-Za-z][\w:.-]*)[\s>]/u.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gu, ""))?.[1]?.replace(/^.*:/u, "");
  return root === "rss" || root === "feed" || root === "RDF";
}
