import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import robotsParserModule from "robots-parser";
import { ImportError } from "../errors.js";
import { guardedLookup, ipLiteralOf, isPublicAddress, PrivateAddressError } from "./address-policy.js";

/** What a fetch may bring back: a web page, or an XML document (an RSS or Atom feed, a sitemap). */
export type DocumentKind = "html" | "xml";

export interface FetchedDocument {
  /** The address asked for. */
  readonly requested: string;
  /** The address the document came from, after redirects. */
  readonly url: string;
  readonly kind: DocumentKind;
  /** The body, decoded from its declared charset (UTF-8 when none is declared). */
  readonly text: string;
}

/** The fetcher's limits; every one has a default suited to news sites. */
export interface FetcherOptions {
  /** Sent with every request, robots.txt included, and matched against robots.txt groups. Default "IsnadBot/0.1 …". */
  readonly userAgent?: string;
  /** Allow loopback, private and link-local addresses (IMPORT_ALLOW_PRIVATE_ADDRESSES; tests). Default false. */
  readonly allowPrivateAddresses?: boolean;
  /** The least time between two requests to one host, in ms; a longer robots.txt Crawl-delay wins (up to 30 s). Default 1000. */
  readonly hostDelayMs?: number;
  /** Time for one request, connection to last byte, in ms. Default 20 000. */
  readonly timeoutMs?: number;
  /** The largest body accepted, in bytes (after decompression). Default 5 MB. */
  readonly maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  readonly maxRedirects?: number;
}

export const DEFAULT_USER_AGENT = "IsnadBot/0.1 (Isnad, an Arabic news question-answering bot; honours robots.txt)";
/** The token robots.txt groups are matched against. */
const ROBOTS_AGENT = "IsnadBot";
const MAX_CRAWL_DELAY_MS = 30_000;
const ROBOTS_MAX_BYTES = 512 * 1024;

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const XML_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml", "application/x-rss+xml"]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface RawResponse {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  readonly body: Buffer;
}

interface Robots {
  isAllowed(url: string, agent: string): boolean | undefined;
  getCrawlDelay(agent: string): number | undefined;
}

// robots-parser is CommonJS whose typings declare an ES default export: at run time the import is the function.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches pages and feeds the way a polite crawler does: it names itself, reads each host's robots.txt once and
 * honours it, spaces its requests to a host, and bounds every request in time, size and redirects. Only http(s),
 * only HTML and XML, and — unless allowed — only public addresses. Every refusal is an ImportError that says why.
 */
export class PoliteFetcher {
  private readonly userAgent: string;
  private readonly allowPrivate: boolean;
  private readonly hostDelayMs: number;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly robots = new Map<string, Promise<Robots | undefined>>();
  private readonly nextSlot = new Map<string, number>();

  constructor(options: FetcherOptions = {}) {
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.allowPrivate = options.allowPrivateAddresses ?? false;
    this.hostDelayMs = options.hostDelayMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxRedirects = options.maxRedirects ?? 5;
  }

  /**
   * Fetches a page or feed, following redirects; `accept` narrows what kind of document is acceptable, and
   * `maxBytes` raises or lowers the size limit for this fetch (a sitemap may hold 50 MB by its protocol).
   */
  async fetchDocument(address: string, accept: DocumentKind | "any" = "any", limits: { readonly maxBytes?: number } = {}): Promise<FetchedDocument> {
    const maxBytes = limits.maxBytes ?? this.maxBytes;
    let url = parseAddress(address);
    const visited = new Set<string>();
    for (let hop = 0; ; hop += 1) {
      visited.add(url.href);
      await this.checkRobots(address, url);
      const response = await this.request(address, url, maxBytes, acceptHeader(accept));
      if (REDIRECTS.has(response.status)) {
        const location = response.headers.location;
        if (!location) throw new ImportError("http-status", address, `redirect (HTTP ${response.status}) without a Location`, "Check the address in a browser.", response.status);
        const next = parseAddress(new URL(location, url).href, address);
        if (visited.has(next.href)) throw new ImportError("redirects", address, `redirect loop (${url.href} → ${next.href})`, "The site sends the address back to itself; check it in a browser.");
        if (hop + 1 > this.maxRedirects) throw new ImportError("redirects", address, `more than ${this.maxRedirects} redirects`, "Import the address the redirects end at.");
        url = next;
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        throw new ImportError("http-status", address, `the site answered HTTP ${response.status}`, response.status === 404 || response.status === 410 ? "The page is not there: check the address." : "Try again later; the site may be down.", response.status);
      }
      const kind = kindOf(response);
      if (kind === undefined || (accept !== "any" && kind !== accept)) {
        const type = response.headers["content-type"] ?? "no content type";
        throw new ImportError("content-type", address, `it is ${type}, not ${accept === "xml" ? "a feed or sitemap (XML)" : accept === "html" ? "a web page (HTML)" : "a web page or a feed"}`, "Import the article's web page (HTML), or an RSS/Atom feed or sitemap.");
      }
      return { requested: address, url: url.href, kind, text: decode(response, kind) };
    }
  }

  /** Reads (once per origin) and applies robots.txt; a missing one allows everything. */
  private async checkRobots(address: string, url: URL): Promise<void> {
    let robots = this.robots.get(url.origin);
    if (!robots) {
      robots = this.readRobots(address, url);
      this.robots.set(url.origin, robots);
    }
    const rules = await robots;
    if (rules && rules.isAllowed(url.href, ROBOTS_AGENT) === false) {
      throw new ImportError("robots", address, `the site's robots.txt does not allow ${url.pathname} to crawlers`, "Ask the site for permission, or add the article by hand.");
    }
  }

  private async readRobots(address: string, url: URL): Promise<Robots | undefined> {
    const robotsUrl = new URL("/robots.txt", url.origin);
    let response: RawResponse;
    try {
      response = await this.request(address, robotsUrl, ROBOTS_MAX_BYTES, "text/plain");
    } catch (error) {
      // An over-long robots.txt is read as far as the limit allows (RFC 9309 § 2.5 sets at least 500 KiB).
      if (error instanceof ImportError && error.failure === "too-large") return robotsParser(robotsUrl.href, "");
      throw error;
    }
    // RFC 9309 § 2.3.1: no robots.txt (4xx) means no rules; a server error means "assume complete disallow".
    if (response.status >= 500) {
      this.robots.delete(url.origin);
      throw new ImportError("robots", address, `the site's robots.txt cannot be read (HTTP ${response.status}), so crawling is not allowed for now`, "Try again later.");
    }
    if (response.status < 200 || response.status > 299) return undefined;
    const rules = robotsParser(robotsUrl.href, response.body.toString("utf8")) as Robots;
    const crawlDelay = rules.getCrawlDelay(ROBOTS_AGENT);
    if (crawlDelay !== undefined && crawlDelay > 0) this.crawlDelays.set(url.host, Math.min(crawlDelay * 1000, MAX_CRAWL_DELAY_MS));
    return rules;
  }

  private readonly crawlDelays = new Map<string, number>();

  /** Waits for the host's next free slot: requests to one host start at least the host delay apart. */
  private async waitTurn(host: string): Promise<void> {
    const delay = Math.max(this.hostDelayMs, this.crawlDelays.get(host) ?? 0);
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(host) ?? 0);
    this.nextSlot.set(host, slot + delay);
    if (slot > now) await sleep(slot - now);
  }

  /** One GET, bounded in time and size, against a guarded address. Redirects are returned, not followed. */
  private async request(address: string, url: URL, maxBytes: number, accept: string): Promise<RawResponse> {
    const literal = ipLiteralOf(url.hostname);
    if (literal !== undefined && !this.allowPrivate && !isPublicAddress(literal)) {
      throw new ImportError("private-address", address, `${url.hostname} is not a public internet address`, "Only pages on the public web can be imported (IMPORT_ALLOW_PRIVATE_ADDRESSES=true allows local ones).");
    }
    await this.waitTurn(url.host);
    return new Promise<RawResponse>((resolve, reject) => {
      const fail = (error: unknown) => reject(this.explain(address, url, error, maxBytes));
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const request = send(
        url,
        {
          method: "GET",
          headers: { "user-agent": this.userAgent, accept, "accept-encoding": "gzip, deflate, br", "accept-language": "ar, *;q=0.5" },
          lookup: guardedLookup(this.allowPrivate),
          timeout: this.timeoutMs,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (REDIRECTS.has(status) || status < 200 || status > 299) {
            // Nothing of an error page or a redirect is needed but its status and headers.
            response.resume();
            resolve({ status, headers: response.headers, body: Buffer.alloc(0) });
            request.destroy();
            return;
          }
          const declared = Number(response.headers["content-length"]);
          if (Number.isFinite(declared) && declared > maxBytes) {
            request.destroy(new TooLarge());
            return;
          }
          const encoding = String(response.headers["content-encoding"] ?? "").toLowerCase();
          const body = encoding === "gzip" || encoding === "x-gzip" ? response.pipe(createGunzip()) : encoding === "deflate" ? response.pipe(createInflate()) : encoding === "br" ? response.pipe(createBrotliDecompress()) : response;
          const chunks: Buffer[] = [];
          let size = 0;
          let overLimit = false;
          body.on("data", (chunk: Buffer) => {
            if (overLimit) return;
            size += chunk.length;
            // Counted after decompression, so a small compressed bomb is stopped too. Rejected here, before
            // an "end" already queued could resolve with a truncated body.
            if (size > maxBytes) {
              overLimit = true;
              fail(new TooLarge());
              request.destroy();
              if (body !== response) body.destroy();
              return;
            }
            chunks.push(chunk);
          });
          body.on("end", () => {
            if (!overLimit) resolve({ status, headers: response.headers, body: Buffer.concat(chunks) });
          });
          body.on("error", fail);
          response.on("error", fail);
        },
      );
      const deadline = setTimeout(() => request.destroy(new TimedOut()), this.timeoutMs);
      request.on("close", () => clearTimeout(deadline));
      request.on("timeout", () => request.destroy(new TimedOut()));
      request.on("error", fail);
      request.end();
    });
  }

  private explain(address: string, url: URL, error: unknown, maxBytes: number): ImportError {
    if (error instanceof ImportError) return error;
    if (error instanceof TooLarge) return new ImportError("too-large", address, `the response is larger than ${formatBytes(maxBytes)}`, "Import the article's own page, not a large file.");
    if (error instanceof TimedOut) return new ImportError("timeout", address, `no complete answer within ${this.timeoutMs / 1000} s`, "Try again later; the site is slow or down.");
    if (error instanceof PrivateAddressError) return new ImportError("private-address", address, error.message, "Only pages on the public web can be imported (IMPORT_ALLOW_PRIVATE_ADDRESSES=true allows local ones).");
    const code = (error as NodeJS.ErrnoException)?.code;
    const reason = code === "ENOTFOUND" || code === "EAI_AGAIN" ? `the host ${url.hostname} is unknown` : code === "ECONNREFUSED" ? `${url.host} refused the connection` : `the connection to ${url.host} failed (${code ?? (error as Error)?.message ?? "error"})`;
    return new ImportError("network", address, reason, "Check the address and your connection, then try again.");
  }
}

class TooLarge extends Error {}
class TimedOut extends Error {}

/** An absolute http(s) address, or an ImportError("bad-address"). */
export function parseAddress(value: string, reportAs = value): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ImportError("bad-address", reportAs, "is not a web address", "Give a full address beginning with https:// or http://.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ImportError("bad-address", reportAs, `${url.protocol} addresses are not fetched`, "Only http:// and https:// addresses can be imported.");
  }
  if (url.username || url.password) throw new ImportError("bad-address", reportAs, "carries a user name or password", "Give the address without credentials.");
  url.hash = "";
  return url;
}

function acceptHeader(accept: DocumentKind | "any"): string {
  const html = "text/html,application/xhtml+xml;q=0.9";
  const xml = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9";
  return accept === "html" ? html : accept === "xml" ? xml : `${html},${xml}`;
}

function mediaTypeOf(response: RawResponse): string | undefined {
  const header = response.headers["content-type"];
  return header ? header.split(";")[0]!.trim().toLowerCase() : undefined;
}

/** HTML or XML by the declared type; an undeclared type is sniffed from the first bytes. */
function kindOf(response: RawResponse): DocumentKind | undefined {
  const type = mediaTypeOf(response);
  if (type !== undefined) {
    if (HTML_TYPES.has(type)) return "html";
    if (XML_TYPES.has(type) || type.endsWith("+xml")) return "xml";
    return undefined;
  }
  const head = response.body.subarray(0, 512).toString("utf8").replace(/^\uFEFF/u, "").trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "html";
  if (head.startsWith("<?xml") || /^<(rss|feed|urlset|sitemapindex)\b/u.test(head)) return "xml";
  return undefined;
}

/** The body as text, in the charset the header, a <meta charset> or the XML declaration names (UTF-8 otherwise). */
function decode(response: RawResponse, kind: DocumentKind): string {
  const head = response.body.subarray(0, 2048).toString("latin1");
  const declared =
    /charset=["']?([\w-]+)/iu.exec(String(response.headers["content-type"] ?? ""))?.[1] ??
    (kind === "html" ? /<meta[^>]+charset=["']?([\w-]+)/iu.exec(head)?.[1] : /<\?xml[^>]+encoding=["']([\w-]+)/iu.exec(head)?.[1]);
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(declared ?? "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(response.body);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}
