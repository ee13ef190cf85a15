import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { ImportError } from "../errors.js";
import { readArabicDate, type ReadDate } from "./arabic-date.js";
import { readPageMetadata } from "./page-metadata.js";

/** A section of an imported article: a heading as the page wrote it, and its paragraphs in order. */
export interface ImportedSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/** An article as read from a web page, before it is written to the corpus. */
export interface ImportedArticle {
  readonly title: string;
  /** The paragraphs before the first section heading (the lead, often in bold on the page). */
  readonly lead: readonly string[];
  readonly sections: readonly ImportedSection[];
  /** The article's own address: the page's canonical link, else the address it was fetched from. */
  readonly url: string;
  readonly date?: ReadDate;
  readonly outlet?: string;
  readonly author?: string;
}

/** The article's text as a reader sees it: title, lead, then each heading and its paragraphs, one per line. */
export function articlePlainText(article: ImportedArticle): string {
  return [article.title, ...article.lead, ...article.sections.flatMap((section) => [section.heading, ...section.paragraphs])].join("\n");
}

/** Fewer letters of article text than this is no article (a video page, an index, an error page). */
export const MIN_ARTICLE_LETTERS = 200;
/** Below this share of Arabic letters among all letters, the page is in another language. */
export const MIN_ARABIC_SHARE = 0.6;
/** Above this share of its text in links, a page is a list of other articles, not an article. */
export const MAX_LINK_SHARE = 0.5;
/** A bold paragraph at most this long, without end punctuation, is a section heading. */
const BOLD_HEADING_MAX_CHARS = 120;
const ENDS_LIKE_A_SENTENCE = /[.!?؟…:;؛،,"”»)]$/u;

// Boilerplate that Readability may keep when it sits inside the article's container. Class and id words are
// matched whole, so «head» or «thread» is not «ad».
const BOILERPLATE_WORDS = new Set([
  "ad", "ads", "advert", "adverts", "advertisement", "adsbygoogle", "banner", "sponsor", "sponsored", "promo",
  "share", "sharing", "shares", "social", "socials", "related", "readmore", "also", "recommended",
  "comment", "comments", "disqus", "newsletter", "subscribe", "tags", "tag", "breadcrumb", "breadcrumbs",
  "sidebar", "widget", "popular", "trending", "mostread", "outbrain", "taboola", "print", "follow",
]);
const BOILERPLATE_TAGS = "script, style, noscript, iframe, form, nav, aside, footer, button, svg, figcaption, [role=navigation], [role=complementary], [role=contentinfo], [aria-hidden=true]";
/** «اقرأ أيضا», «إقرأ المزيد», «طالع أيضًا», «شاهد أيضا»: a box of links to other articles. */
const READ_ALSO = /^\s*(?:اقرأ|إقرأ|اقرا|أقرأ|طالع|شاهد|اطلع|إطلع|تابع|يهمك)(?:\s+(?:أيضا|أيضاً|ايضا|أيضًا|كذلك|المزيد|أيضا:))/u;
/** Lines that invite to share or follow, not article text. */
const CALL_TO_ACTION = /^\s*(?:شارك(?:وا)?|تابعونا|تابعوا|للاشتراك|اشترك|انشر)(?:\s|:|$)/u;

type Node = {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
  parentNode: Node | null;
  remove(): void;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Node>;
  querySelector(selector: string): Node | null;
};

function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00A0\u200B]+/gu, " ").trim();
}

/** The words of a class or id: «post-share», «share_bar» and «socialShare» all hold «share». */
function words(value: string | null): string[] {
  return (value ?? "")
    .replace(/([a-z])([A-Z])/gu, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter(Boolean);
}

function isBoilerplateContainer(element: Node): boolean {
  const names = [...words(element.getAttribute("class")), ...words(element.getAttribute("id"))];
  // «read-also», «most-read», «read_more» are two words on the page.
  const joined = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`.toLowerCase().replace(/[-_]/gu, "");
  return names.some((name) => BOILERPLATE_WORDS.has(name)) || /readalso|readmore|mostread|relatedposts/u.test(joined);
}

/**
 * Removes what is never article text, before Readability scores the page: scripts, menus, share bars, ads,
 * "read also" boxes, comments. A container holding the page's main heading or most of its text is kept
 * whatever its class says (a theme may call the article «post has-share»).
 */
function removeBoilerplate(document: Node): void {
  for (const element of Array.from(document.querySelectorAll(BOILERPLATE_TAGS))) element.remove();
  const body = document.querySelector("body");
  const totalText = normalizeSpace(body?.textContent ?? "").length;
  for (const element of Array.from(document.querySelectorAll("div, section, ul, ol, p, span, a, li, aside, header, figure, table"))) {
    if (!element.parentNode) continue; // already removed with an ancestor
    if (!isBoilerplateContainer(element)) continue;
    if (element.querySelector("h1")) continue;
    if (normalizeSpace(element.textContent ?? "").length > totalText * 0.5) continue;
    element.remove();
  }
}

interface Block {
  readonly kind: "heading" | "paragraph";
  readonly text: string;
}

const HEADING_TAGS = new Set(["H1", "H2", "H3", "H4", "H5", "H6"]);
const PARAGRAPH_TAGS = new Set(["P", "LI", "BLOCKQUOTE", "PRE", "DD", "DT", "TD"]);
const BOLD_TAGS = new Set(["STRONG", "B"]);

/** True when all of an element's text is inside <strong>/<b> (a bold paragraph). */
function isAllBold(element: Node): boolean {
  const text = normalizeSpace(element.textContent ?? "");
  if (!text) return false;
  let bold = "";
  const visit = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 1 && BOLD_TAGS.has(child.nodeName.toUpperCase())) bold += ` ${child.textContent ?? ""}`;
      else if (child.nodeType === 1) visit(child);
    }
  };
  visit(element);
  return normalizeSpace(bold).length >= text.length;
}

/** Text of an element with <br> as a line break; paragraphs that a site separates with <br><br> come apart. */
function linesOf(element: Node): string[] {
  let text = "";
  const visit = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) text += child.textContent ?? "";
      else if (child.nodeType === 1 && child.nodeName.toUpperCase() === "BR") text += "\n";
      else if (child.nodeType === 1) visit(child);
    }
  };
  visit(element);
  return text.split(/\n/u).map(normalizeSpace).filter(Boolean);
}

const INLINE_TAGS = new Set(["A", "ABBR", "B", "BDI", "BDO", "CITE", "CODE", "EM", "I", "MARK", "Q", "S", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "TIME", "U"]);

/**
 * The blocks of Readability's cleaned article in reading order: headings (<h2>–<h6>, and a short bold
 * paragraph without end punctuation, the way many Arabic sites mark them) and paragraphs. Text that sits
 * directly in a container, cut by <br> (a common Arabic CMS layout), is a paragraph per line.
 */
function blocksOf(root: Node): Block[] {
  const blocks: Block[] = [];
  // A line of inline content: its text, and whether all of it was bold.
  let line = "";
  let lineBold = "";
  const endLine = () => {
    const text = normalizeSpace(line);
    if (text) {
      const bold = normalizeSpace(lineBold).length >= text.length;
      blocks.push({ kind: bold && text.length <= BOLD_HEADING_MAX_CHARS && !ENDS_LIKE_A_SENTENCE.test(text) ? "heading" : "paragraph", text });
    }
    line = "";
    lineBold = "";
  };
  const visit = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        line += child.textContent ?? "";
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toUpperCase();
      if (tag === "BR") {
        endLine();
      } else if (INLINE_TAGS.has(tag)) {
        // An inline run may hold a <br>: each of its lines goes on a line of its own (and, in a bold run, is bold).
        const bold = BOLD_TAGS.has(tag) || isAllBold(child);
        linesOf(child).forEach((text, i) => {
          if (i > 0) endLine();
          line += ` ${text} `;
          if (bold) lineBold += ` ${text} `;
        });
      } else if (HEADING_TAGS.has(tag)) {
        endLine();
        const text = normalizeSpace(child.textContent ?? "");
        if (text) blocks.push({ kind: "heading", text });
      } else if (tag === "P") {
        // A paragraph may hold a bold heading line, a <br>, then the section's text.
        endLine();
        visit(child);
        endLine();
      } else if (PARAGRAPH_TAGS.has(tag)) {
        endLine();
        const lines = linesOf(child);
        const text = lines.join(" ");
        if (!text) continue;
        for (const part of tag === "BLOCKQUOTE" ? lines : [text]) blocks.push({ kind: "paragraph", text: part });
      } else {
        endLine();
        visit(child);
        endLine();
      }
    }
  };
  visit(root);
  endLine();
  return blocks;
}

function arabicShare(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  return letters === 0 ? 0 : arabic / letters;
}

/** A title without the outlet's name that <title> and og:title often append («… - هسبريس», «… | اليوم السابع»). */
function withoutOutlet(title: string, outlet: string | undefined): string {
  const parts = title.split(/\s+[|\-–—»:]\s+/u);
  if (parts.length > 1 && outlet && parts.some((part) => part.trim() === outlet)) return parts.filter((part) => part.trim() !== outlet).join(" - ").trim();
  return title;
}

/** Whether a short block is the dateline or the byline that Readability left in the article. */
function isDatelineOrByline(text: string, author: string | undefined): boolean {
  if (text.length > 100) return false;
  if (author && text.includes(author)) return true;
  return readArabicDate(text) !== undefined && text.replace(/[\d\u0660-\u0669:/\-–—|،,\s]/gu, "").length < 40;
}

/**
 * Reads the article of a news page: its title, lead, sections (headings and paragraphs in order), date,
 * outlet, author and canonical address, without the page's menus, ads, share buttons, related links and
 * comments. `pageUrl` is the address the page came from. Throws ImportError("no-article" | "not-arabic").
 */
export function extractArticle(html: string, pageUrl: string): ImportedArticle {
  // linkedom builds no <html>/<body> for a fragment (or for text that is not HTML): give it one.
  let { document } = parseHTML(html);
  if (!document.documentElement || !document.querySelector("body")) ({ document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`));
  const page = document as unknown as Node;
  const metadata = readPageMetadata(document as never, pageUrl);
  removeBoilerplate(page);
  const parsed = new Readability(document as never, { charThreshold: MIN_ARTICLE_LETTERS, keepClasses: false }).parse();
  if (!parsed?.content) throw noArticle(pageUrl);
  const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  // A page whose "article" is mostly links is an index of other articles (a section page, a tag page).
  const contentText = normalizeSpace(content.querySelector("body")?.textContent ?? "").length;
  const linkText = Array.from(content.querySelectorAll("a") as ArrayLike<Node>).reduce((sum, link) => sum + normalizeSpace(link.textContent ?? "").length, 0);
  if (contentText === 0 || linkText / contentText > MAX_LINK_SHARE) throw noArticle(pageUrl);
  const outlet = metadata.outlet ?? parsed.siteName ?? undefined;
  const title = withoutOutlet(metadata.titles[0] ?? normalizeSpace(parsed.title ?? ""), outlet);

  const blocks = blocksOf(content.querySelector("body") as unknown as Node).filter(
    (block) => !READ_ALSO.test(block.text) && !CALL_TO_ACTION.test(block.text) && !isDatelineOrByline(block.text, metadata.author),
  );
  // Readability turns the page's <h1> into the article's first heading: the title is not a section, and the
  // short lines above it (a section label, a kicker) are not article text.
  const titleAt = blocks.slice(0, 5).findIndex((block) => block.kind === "heading" && (block.text === title || metadata.titles.includes(block.text)));
  if (titleAt >= 0 && blocks.slice(0, titleAt).every((block) => block.text.length < 60)) blocks.splice(0, titleAt + 1);

  const lead: string[] = [];
  const sections: Array<{ heading: string; paragraphs: string[] }> = [];
  for (const block of blocks) {
    if (block.kind === "heading") sections.push({ heading: block.text, paragraphs: [] });
    else if (sections.length === 0) lead.push(block.text);
    else sections.at(-1)!.paragraphs.push(block.text);
  }
  // A heading with no text under it (a subtitle right before the next heading) joins the next heading's text
  // as a paragraph, so its words are not lost.
  const kept: ImportedSection[] = [];
  let pending: string[] = [];
  for (const section of sections) {
    if (section.paragraphs.length === 0) {
      pending.push(section.heading);
      continue;
    }
    kept.push({ heading: section.heading, paragraphs: [...pending, ...section.paragraphs] });
    pending = [];
  }
  if (pending.length > 0) {
    if (kept.length > 0) kept.push({ heading: pending[0]!, paragraphs: pending.slice(1) });
    else lead.push(...pending);
  }

  const article: ImportedArticle = {
    title: title || normalizeSpace(parsed.title ?? ""),
    lead,
    sections: kept.filter((section) => section.paragraphs.length > 0),
    url: metadata.canonicalUrl ?? pageUrl,
    ...(metadata.date ? { date: metadata.date } : {}),
    ...(outlet ? { outlet } : {}),
    ...(metadata.author ? { author: metadata.author } : {}),
  };
  const body = [...article.lead, ...article.sections.flatMap((section) => section.paragraphs)].join(" ");
  if ((body.match(/\p{L}/gu)?.length ?? 0) < MIN_ARTICLE_LETTERS || !article.title) throw noArticle(pageUrl);
  const share = arabicShare(body);
  if (share < MIN_ARABIC_SHARE) {
    throw new ImportError("not-arabic", pageUrl, `the article is not in Arabic (${Math.round(share * 100)} % of its letters are Arabic)`, "Isnad answers in Arabic from Arabic articles; import the Arabic edition of the page.");
  }
  return article;
}

function noArticle(pageUrl: string): ImportError {
  return new ImportError("no-article", pageUrl, "no article text was found on the page", "Import the page of one article (not a home page, a section index or a video page).");
}
