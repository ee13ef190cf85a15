import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTsx } from "../support/run-tsx.js";
import { temporaryFolder } from "../support/workspace.js";
import { GOLD_PAGES, startNewsSite, type NewsSite } from "./support/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

/** `npm run import -- …` as a user runs it, loopback allowed as the tests need. */
function importCommand(args: string[], env: Record<string, string> = { IMPORT_ALLOW_PRIVATE_ADDRESSES: "true", IMPORT_HOST_DELAY_MS: "0" }) {
  return runTsx(join("src", "cli", "isnad.ts"), ["import", ...args], { cwd: temporaryFolder("isnad-cwd-"), env: { PATH: process.env.PATH!, ...env } });
}

describe("isnad import (npm run import)", () => {
  it("imports pages, says what it wrote, and does nothing the second time", async () => {
    const corpus = temporaryFolder("isnad-corpus-");
    const first = await importCommand(["--corpus", corpus, `${site.origin}${GOLD_PAGES[0].path}`, `${site.origin}${GOLD_PAGES[3].path}`]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("added     2025-09-17-hammouchi-igef-ankara-2025.md  «عبد اللطيف حموشي يترأس وفدا أمنيا» (2025-09-17, 3 sections, هسبريس المغرب)");
    expect(first.stdout).toContain("2 article files written. Rebuild the index: npm run index");
    const second = await importCommand(["--corpus", corpus, `${site.origin}${GOLD_PAGES[0].path}`]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^unchanged 2025-09-17-hammouchi-igef-ankara-2025\.md/mu);
    expect(readdirSync(corpus).filter((name) => name.endsWith(".md"))).toHaveLength(2);
  });

  it("exits 1 with the reason and the fix for a bad page, and writes nothing", async () => {
    const corpus = temporaryFolder("isnad-corpus-");
    const result = await importCommand(["--corpus", corpus, `${site.origin}/report.pdf`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/failed .*report\.pdf: it is application\/pdf, not a web page/u);
    expect(result.stdout).toContain("Import the article's web page");
    expect(readdirSync(corpus).filter((name) => name.endsWith(".md"))).toEqual([]);
  });

  it("refuses loopback addresses unless IMPORT_ALLOW_PRIVATE_ADDRESSES is true", async () => {
    const result = await importCommand(["--corpus", temporaryFolder("isnad-corpus-"), `${site.origin}${GOLD_PAGES[0].path}`], {});
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/is not a public internet address/u);
    expect(result.stdout).toContain("IMPORT_ALLOW_PRIVATE_ADDRESSES=true");
  });

  it("imports a feed's items with --feed", async () => {
    const result = await importCommand(["--corpus", temporaryFolder("isnad-corpus-"), "--feed", `${site.origin}/feeds/atom.xml`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/feed .*atom\.xml: 2 items, 0 already imported, 2 read/u);
  });

  it("backfills a sitemap with --sitemap --since, reporting progress and what was left out", async () => {
    const result = await importCommand(["--corpus", temporaryFolder("isnad-corpus-"), "--sitemap", `${site.origin}/sitemap.xml`, "--since", "2025-09-01", "--concurrency", "2"]);
    expect(result.code).toBe(1); // one page of the sitemap is a 404
    // Every hand-written page and one 404 are listed in the 2025 sitemap; the 2024 one is left out.
    const pages = GOLD_PAGES.length + 1;
    expect(result.stderr).toMatch(new RegExp(`sitemap .*: ${pages} pages to import`, "u"));
    expect(result.stderr).toContain(`[${pages}/${pages}]`);
    expect(result.stdout).toMatch(new RegExp(`sitemap .*: ${pages} pages read, 0 done by an earlier run, 0 older than --since \\(and 1 sitemap older than --since not read\\)`, "u"));
  });

  it.each([
    [[], /Give at least one address/u],
    [["--since", "2025-01-01", "https://example.org/"], /--since goes with --sitemap/u],
    [["--sitemap", "--since", "18/09/2025", "https://example.org/s.xml"], /--since must be a date written YYYY-MM-DD/u],
    [["--concurrency", "100", "https://example.org/"], /--concurrency must be a whole number from 1 to 16/u],
  ])("explains a command line it cannot use: %j", async (args, message) => {
    const result = await importCommand(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("usage: isnad import");
  });
});
