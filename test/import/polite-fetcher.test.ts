import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "../../src/errors.js";
import { isPublicAddress } from "../../src/import/address-policy.js";
import { DEFAULT_USER_AGENT, PoliteFetcher } from "../../src/import/polite-fetcher.js";
import { GOLD_PAGES, startNewsSite, type NewsSite } from "./support/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

/** The fetcher as the tests configure it: loopback allowed, no pacing unless asked. */
const fetcher = (options: ConstructorParameters<typeof PoliteFetcher>[0] = {}) => new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 0, ...options });

async function failureOf(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe("PoliteFetcher over real HTTP on loopback", () => {
  it("fetches a page, decoding the charset its <meta> declares (windows-1256)", async () => {
    const page = await fetcher().fetchDocument(`${site.origin}${GOLD_PAGES[1].path}`, "html");
    expect(page.kind).toBe("html");
    expect(page.text).toContain("نسبة ملء السدود ترتفع إلى 38 في المائة");
  });

  it("follows a redirect and reports where the page came from", async () => {
    const page = await fetcher().fetchDocument(`${site.origin}/moved`, "html");
    expect(page.url).toBe(`${site.origin}${GOLD_PAGES[0].path}`);
    expect(page.requested).toBe(`${site.origin}/moved`);
  });

  it("names Isnad in its User-Agent", async () => {
    let agent: string | undefined;
    const server = createServer((request, response) => {
      agent ??= request.headers["user-agent"];
      response.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await fetcher().fetchDocument(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, "html");
      expect(agent).toBe(DEFAULT_USER_AGENT);
      expect(agent).toMatch(/Isnad/u);
    } finally {
      server.close();
    }
  });

  it("honours robots.txt (the * group and its own IsnadBot group), reading it once per site", async () => {
    const polite = fetcher();
    const before = site.hits.get("/robots.txt") ?? 0;
    expect((await failureOf(polite.fetchDocument(`${site.origin}/private/secret.html`))).failure).toBe("robots");
    expect((await failureOf(polite.fetchDocument(`${site.origin}/no-isnad/page.html`))).failure).toBe("robots");
    await polite.fetchDocument(`${site.origin}${GOLD_PAGES[0].path}`);
    expect((site.hits.get("/robots.txt") ?? 0) - before).toBe(1);
    expect(site.hits.get("/private/secret.html")).toBeUndefined();
  });

  it("waits a robots.txt Crawl-delay longer than its own host delay, and refuses everything while robots.txt answers 5xx", async () => {
    let robotsStatus = 200;
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? "");
      if (request.url === "/robots.txt") return void response.writeHead(robotsStatus, { "content-type": "text/plain" }).end("User-agent: *\nCrawl-delay: 0.3\n");
      response.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const polite = fetcher({ hostDelayMs: 10 });
      const started = Date.now();
      await polite.fetchDocument(`${origin}/a.html`);
      await polite.fetchDocument(`${origin}/b.html`);
      // robots.txt, /a, /b: the two page requests start at least the 0.3 s crawl delay apart.
      expect(Date.now() - started).toBeGreaterThanOrEqual(300 - 20);

      robotsStatus = 503;
      const unreachable = fetcher();
      const error = await failureOf(unreachable.fetchDocument(`${origin}/c.html`));
      expect(error.failure).toBe("robots");
      expect(error.message).toMatch(/robots\.txt cannot be read \(HTTP 503\)/u);
      expect(paths).not.toContain("/c.html");
      // Asked again next time, not cached as a refusal.
      robotsStatus = 404;
      await unreachable.fetchDocument(`${origin}/c.html`);
      expect(paths).toContain("/c.html");
    } finally {
      server.close();
    }
  });

  it("spaces its requests to one host by the host delay", async () => {
    const polite = fetcher({ hostDelayMs: 150 });
    const started = Date.now();
    // robots.txt, then three pages: four requests, three gaps.
    await Promise.all([0, 1, 2].map(() => polite.fetchDocument(`${site.origin}${GOLD_PAGES[0].path}`)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 20);
  });

  it.each([
    ["a 404", "/missing.html", "http-status", /HTTP 404/u],
    ["a 500", "/error.html", "http-status", /HTTP 500/u],
    ["a redirect loop", "/loop-a", "redirects", /redirect loop/u],
    ["a PDF", "/report.pdf", "content-type", /application\/pdf/u],
    ["a 50 MB body announced by Content-Length", "/huge-declared.html", "too-large", /larger than 5 MB/u],
    ["a 50 MB body streamed without a length", "/huge.html", "too-large", /larger than 5 MB/u],
  ])("refuses %s with a clear reason", async (_case, path, failure, message) => {
    const error = await failureOf(fetcher().fetchDocument(`${site.origin}${path}`));
    expect(error.failure).toBe(failure);
    expect(error.message).toMatch(message);
    expect(error.fix.length).toBeGreaterThan(10);
  });

  it("takes a per-fetch size limit (what a sitemap's 50 MB needs), stopping a body at it", async () => {
    const error = await failureOf(fetcher().fetchDocument(`${site.origin}${GOLD_PAGES[0].path}`, "html", { maxBytes: 1024 }));
    expect(error.failure).toBe("too-large");
    expect(error.message).toMatch(/larger than 1 KB/u);
  });

  it("stops at the redirect limit", async () => {
    const error = await failureOf(fetcher({ maxRedirects: 0 }).fetchDocument(`${site.origin}/moved`));
    expect(error.failure).toBe("redirects");
    expect(error.message).toMatch(/more than 0 redirects/u);
  });

  it("gives up on a slow server at its timeout", async () => {
    const error = await failureOf(fetcher({ timeoutMs: 300 }).fetchDocument(`${site.origin}/slow.html`));
    expect(error.failure).toBe("timeout");
  });

  it("refuses a feed where a page is expected, and a page where a feed is", async () => {
    expect((await failureOf(fetcher().fetchDocument(`${site.origin}/feeds/rss.xml`, "html"))).failure).toBe("content-type");
    expect((await failureOf(fetcher().fetchDocument(`${site.origin}${GOLD_PAGES[0].path}`, "xml"))).failure).toBe("content-type");
  });

  it.each([
    ["ftp://example.org/a.html", /ftp: addresses are not fetched/u],
    ["file:///etc/passwd", /file: addresses are not fetched/u],
    ["javascript:alert(1)", /javascript: addresses are not fetched/u],
    ["not an address", /is not a web address/u],
    ["https://user:secret@example.org/", /user name or password/u],
  ])("fetches only http(s): %s", async (address, message) => {
    const error = await failureOf(fetcher().fetchDocument(address));
    expect(error.failure).toBe("bad-address");
    expect(error.message).toMatch(message);
  });
});

describe("no requests to private, loopback or link-local addresses unless allowed", () => {
  it.each(["127.0.0.1", "10.0.0.8", "192.168.1.1", "172.16.0.1", "169.254.169.254", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1"])("%s is not public", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "196.200.131.10", "2a00:1450:4001:80b::200e"])("%s is public", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("refuses a loopback literal without touching the network", async () => {
    const before = site.hits.get(GOLD_PAGES[0].path) ?? 0;
    const error = await failureOf(new PoliteFetcher({ hostDelayMs: 0 }).fetchDocument(`${site.origin}${GOLD_PAGES[0].path}`));
    expect(error.failure).toBe("private-address");
    expect(error.fix).toMatch(/IMPORT_ALLOW_PRIVATE_ADDRESSES/u);
    expect(site.hits.get(GOLD_PAGES[0].path) ?? 0).toBe(before);
  });

  it("refuses a name that resolves to loopback (checked on the resolved address)", async () => {
    const port = new URL(site.origin).port;
    const error = await failureOf(new PoliteFetcher({ hostDelayMs: 0 }).fetchDocument(`http://localhost:${port}${GOLD_PAGES[0].path}`));
    expect(error.failure).toBe("private-address");
    expect(error.message).toMatch(/localhost resolves to/u);
  });

  it("refuses loopback written as an IPv4-mapped IPv6 address", async () => {
    const error = await failureOf(new PoliteFetcher({ hostDelayMs: 0 }).fetchDocument(`http://[::ffff:7f00:1]:${new URL(site.origin).port}/moved`));
    expect(error.failure).toBe("private-address");
  });
});
