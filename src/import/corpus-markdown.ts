import { createHash } from "node:crypto";
import { stringify as stringifyYaml } from "yaml";
import type { ImportedArticle } from "./extract-article.js";

/**
 * An imported article in the corpus's own Markdown (corpus/README.md): YAML front matter with title, date,
 * source (the outlet), url (the canonical address) and author; `# title`, the lead, then a `## heading` per
 * section. Rendering is deterministic — the same article gives the same bytes — so "has this page changed?"
 * is a comparison of files. Pure.
 */
export function renderCorpusMarkdown(article: ImportedArticle): string {
  const front: Record<string, string> = { title: article.title };
  if (article.date) front.date = article.date.date;
  if (article.outlet) front.source = article.outlet;
  front.url = article.url;
  if (article.author) front.author = article.author;
  const yaml = stringifyYaml(front, { lineWidth: 0 }).trimEnd();
  const parts = [`---\n${yaml}\n---`, `# ${oneLine(article.title)}`, ...article.lead.map(asParagraph)];
  for (const section of article.sections) parts.push(`## ${oneLine(section.heading)}`, ...section.paragraphs.map(asParagraph));
  return `${parts.join("\n\n")}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** A paragraph that cannot be read as Markdown structure: a leading `#` or `---` would make a heading or a rule. */
function asParagraph(text: string): string {
  return oneLine(text).replace(/^(#+|-{3,})\s*/u, "");
}

/** How long a file name's slug may be, in characters (the date comes before it). */
const SLUG_MAX = 60;

/**
 * The corpus file name for an article: its date (or «undated») and a slug from the last meaningful segment of
 * its address — Latin or Arabic letters and digits joined by hyphens — else a short hash of the address.
 * `2025-09-17-hammouchi-igef-ankara-2025.md`.
 */
export function corpusFileName(article: ImportedArticle): string {
  const prefix = article.date?.date ?? "undated";
  return `${prefix}-${slugOf(article.url)}.md`;
}

export function slugOf(address: string): string {
  const url = new URL(address);
  const segments = url.pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .map((segment) => segment.replace(/\.(html?|php|aspx?|jsp)$/iu, ""))
    .filter((segment) => /\p{L}/u.test(segment));
  // The last segment with letters; a trailing number (an id) is kept beside it so two stories stay apart.
  const lastWithLetters = segments.at(-1);
  const trailingId = /\/(\d{3,})(?:\.\w+)?\/?$/u.exec(url.pathname)?.[1];
  const words: string[] = (lastWithLetters ?? "").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  let slug = "";
  for (const word of [...words, ...(trailingId && !words.includes(trailingId) ? [trailingId] : [])]) {
    if (`${slug}-${word}`.length > SLUG_MAX) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug || createHash("sha1").update(address).digest("hex").slice(0, 10);
}
