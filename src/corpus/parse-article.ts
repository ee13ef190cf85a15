import { CorpusFileError } from "../errors.js";
import { provenanceOf, type Article, type ArticleSection } from "./article.js";
import { FrontMatterError, parseFrontMatter, type FrontMatter } from "./front-matter.js";

interface Line {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function splitLines(text: string, from = 0): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(start, end);
    const trimmedEnd = raw.endsWith("\r") ? end - 1 : end;
    lines.push({ text: text.slice(start, trimmedEnd), start, end: trimmedEnd });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** Body offsets between two positions, trimmed of white space; undefined when only white space is left. */
function bodyBetween(text: string, start: number, end: number): { start: number; end: number } | undefined {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(text[from]!)) from += 1;
  while (to > from && /\s/u.test(text[to - 1]!)) to -= 1;
  return to > from ? { start: from, end: to } : undefined;
}

interface Heading {
  readonly heading: string;
  /** Where the heading line starts (the previous body ends there) and where its body may start. */
  readonly lineStart: number;
  readonly bodyStart: number;
}

function sectionsFromHeadings(text: string, title: string, leadStart: number, headings: Heading[]): ArticleSection[] {
  const sections: ArticleSection[] = [];
  const lead = bodyBetween(text, leadStart, headings[0]?.lineStart ?? text.length);
  if (lead) sections.push({ heading: title, ...lead });
  headings.forEach((heading, i) => {
    const body = bodyBetween(text, heading.bodyStart, headings[i + 1]?.lineStart ?? text.length);
    if (body) sections.push({ heading: heading.heading, ...body });
  });
  return sections;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/u;

/**
 * A Markdown article: optional YAML front matter (title, date, source, url: see front-matter.ts), an optional
 * `# Title`, then `##`/`###` section headings. Text before the first section heading is the lead and belongs
 * to the title.
 */
export function parseMarkdownArticle(id: string, path: string, text: string): Article {
  let bodyStart = 0;
  let meta: FrontMatter = {};
  const frontMatter = FRONT_MATTER.exec(text);
  if (frontMatter) {
    try {
      meta = parseFrontMatter(frontMatter[1]!);
    } catch (error) {
      if (error instanceof FrontMatterError) throw new CorpusFileError(path, `its front matter ${error.message}`);
      throw error;
    }
    bodyStart = frontMatter[0].length;
  }

  let title = meta.title ?? "";
  let leadStart = bodyStart;
  const headings: Heading[] = [];
  for (const line of splitLines(text, bodyStart)) {
    const match = /^(#{1,3})[ \t]+(.+?)[ \t#]*$/u.exec(line.text);
    if (!match) continue;
    const level = match[1]!.length;
    if (level === 1 && headings.length === 0 && !title) {
      title = match[2]!;
      leadStart = line.end;
    } else if (level === 1 && headings.length === 0) {
      leadStart = line.end;
    } else if (level > 1) {
      headings.push({ heading: match[2]!, lineStart: line.start, bodyStart: line.end });
    }
  }
  if (!title) title = id.split("/").at(-1)!;
  const sections = sectionsFromHeadings(text, title, leadStart, headings);
  if (sections.length === 0) throw new CorpusFileError(path, "it has a title but no text");
  return {
    id,
    title,
    path,
    text,
    sections,
    ...provenanceOf(meta),
  };
}

const HEADING_MAX_CHARS = 120;
const ENDS_LIKE_A_SENTENCE = /[.!?؟…:،,؛;"”»)]$/u;

/**
 * A plain-text article in the seed's layout: the first non-empty line is the title; a short line without end
 * punctuation, followed by a paragraph, is a section heading; everything else is body text.
 */
export function parsePlainTextArticle(id: string, path: string, text: string): Article {
  const lines = splitLines(text).filter((line) => line.text.trim().length > 0);
  const titleLine = lines[0];
  if (!titleLine) throw new CorpusFileError(path, "it is empty");
  const title = titleLine.text.trim();
  const headings: Heading[] = [];
  lines.slice(1).forEach((line, i) => {
    const next = lines[i + 2];
    const candidate = line.text.trim();
    const isHeading =
      candidate.length <= HEADING_MAX_CHARS &&
      !ENDS_LIKE_A_SENTENCE.test(candidate) &&
      next !== undefined &&
      (next.text.trim().length > HEADING_MAX_CHARS || ENDS_LIKE_A_SENTENCE.test(next.text.trim()));
    if (isHeading) {
      const offset = line.text.indexOf(candidate);
      headings.push({ heading: candidate, lineStart: line.start + offset, bodyStart: line.end });
    }
  });
  const sections = sectionsFromHeadings(text, title, titleLine.end, headings);
  if (sections.length === 0) throw new CorpusFileError(path, "it has a title line but no text");
  return { id, title, path, text, sections };
}
