/**
 * `npm run import:eval`: the character-level F1 of article extraction on each hand-written page of
 * test/import/pages, fetched over HTTP from a loopback news site by the real fetcher, against the article text
 * marked by hand as gold (`*.gold.txt`). Prints one line per page; exits 1 when a page is under the target.
 * The last column is the baseline Isnad's own rules were measured against: Readability alone (its title and
 * its article's text, on the same DOM), without the boilerplate rules and the section structure.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { extractionF1 } from "../src/eval/extraction-f1.js";
import { articlePlainText, extractArticle } from "../src/import/extract-article.js";
import { PoliteFetcher } from "../src/import/polite-fetcher.js";
import { GOLD_PAGES, goldText, startNewsSite } from "../test/import/support/news-site.js";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";

parseScriptArgs({ options: HELP_OPTION }, "usage: npm run import:eval   (no options: every page of test/import/pages, against its gold text)");

/** The target for every page. */
const TARGET_F1 = 0.95;

const site = await startNewsSite();
try {
  const fetcher = new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 0 });
  let worst = 1;
  process.stdout.write(`${"page".padEnd(20)} ${"F1".padStart(6)} ${"prec.".padStart(6)} ${"recall".padStart(6)} ${"chars".padStart(6)} ${"gold".padStart(6)} ${"R.only".padStart(6)}  layout\n`);
  for (const page of GOLD_PAGES) {
    const fetched = await fetcher.fetchDocument(`${site.origin}${page.path}`, "html");
    const score = extractionF1(articlePlainText(extractArticle(fetched.text, fetched.url)), goldText(page.name));
    worst = Math.min(worst, score.f1);
    const { document } = parseHTML(fetched.text);
    const alone = new Readability(document as never).parse();
    const baseline = extractionF1(`${alone?.title ?? ""}\n${alone?.textContent ?? ""}`, goldText(page.name));
    process.stdout.write(
      `${page.name.padEnd(20)} ${score.f1.toFixed(4).padStart(6)} ${score.precision.toFixed(3).padStart(6)} ${score.recall.toFixed(3).padStart(6)} ${String(score.extractedChars).padStart(6)} ${String(score.goldChars).padStart(6)} ${baseline.f1.toFixed(4).padStart(6)}  ${page.layout}\n`,
    );
  }
  process.stdout.write(`lowest F1 ${worst.toFixed(4)} (target ≥ ${TARGET_F1} on every page)\n`);
  process.exitCode = worst >= TARGET_F1 ? 0 : 1;
} finally {
  await site.close();
}
