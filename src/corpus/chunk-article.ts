import { splitClauses, splitSentences, type TextSpan } from "../text/segment.js";
import { provenanceOf, type Article, type Chunk } from "./article.js";

/**
 * Bump when chunk boundaries or ids could change: saved in the index manifest. 2: a clause longer than the
 * limit (a run of text without punctuation) is cut between words instead of becoming one over-long chunk.
 */
export const CHUNKER_VERSION = 2;

export interface ChunkOptions {
  /**
   * The longest chunk, in characters. A longer section is split at sentence boundaries (at clause boundaries
   * inside a sentence longer than this, between words inside a clause longer than this, and mid-word only in
   * a run without spaces longer than this) and every part keeps the section heading. Default 1500: a news
   * section fits whole, and a chunk still fits a Telegram message with room for citations.
   */
  readonly maxChars?: number;
}

export const DEFAULT_CHUNK_MAX_CHARS = 1500;

/** The chunks of an article: the lead (under the title) and one per section, long sections in parts. */
export function chunkArticle(article: Article, options: ChunkOptions = {}): Chunk[] {
  const maxChars = options.maxChars ?? DEFAULT_CHUNK_MAX_CHARS;
  return article.sections.flatMap((section, sectionIndex) => {
    const parts = splitToLimit(article.text, { start: section.start, end: section.end, text: article.text.slice(section.start, section.end) }, maxChars);
    return parts.map((part, partIndex) => ({
      id: parts.length === 1 ? `${article.id}#${sectionIndex}` : `${article.id}#${sectionIndex}.${partIndex + 1}`,
      docId: article.id,
      title: article.title,
      section: section.heading,
      text: part.text,
      start: part.start,
      end: part.end,
      ...provenanceOf(article),
    }));
  });
}

/**
 * Packs consecutive units (sentences, or clauses of an over-long sentence, or words of an over-long clause)
 * into parts of at most maxChars. Linear in the section's length: a 5 MB transcript is chunked in seconds.
 */
function splitToLimit(source: string, span: TextSpan, maxChars: number): TextSpan[] {
  if (span.end - span.start <= maxChars) return [span];
  const units = splitSentences(span.text, span.start)
    .flatMap((sentence) => (sentence.end - sentence.start > maxChars ? splitClauses(source, sentence, { minChars: 0 }) : [sentence]))
    .flatMap((clause) => (clause.end - clause.start > maxChars ? splitBetweenWords(source, clause, maxChars) : [clause]));
  const parts: TextSpan[] = [];
  let current: { start: number; end: number } | undefined;
  for (const unit of units) {
    if (current && unit.end - current.start <= maxChars) current.end = unit.end;
    else {
      if (current) parts.push({ ...current, text: source.slice(current.start, current.end) });
      current = { start: unit.start, end: unit.end };
    }
  }
  if (current) parts.push({ ...current, text: source.slice(current.start, current.end) });
  return parts;
}

/**
 * Pieces of at most maxChars of a span with no punctuation to cut at: each ends at the last white space that
 * fits, or — in a run without white space — at maxChars, never between the two halves of a surrogate pair.
 */
function splitBetweenWords(source: string, span: TextSpan, maxChars: number): TextSpan[] {
  const pieces: TextSpan[] = [];
  let start = span.start;
  while (start < span.end) {
    while (start < span.end && /\s/u.test(source[start]!)) start += 1;
    if (start >= span.end) break;
    let end = Math.min(span.end, start + maxChars);
    if (end < span.end) {
      let space = end;
      while (space > start && !/\s/u.test(source[space]!)) space -= 1;
      if (space > start) end = space;
      else if (isLowSurrogate(source.charCodeAt(end))) end -= 1;
    }
    let trimmed = end;
    while (trimmed > start && /\s/u.test(source[trimmed - 1]!)) trimmed -= 1;
    pieces.push({ start, end: trimmed, text: source.slice(start, trimmed) });
    start = end;
  }
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
