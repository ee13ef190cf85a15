import { splitClauses, splitSentences, type TextSpan } from "../text/segment.js";
import { provenanceOf, type Article, type Chunk } from "./article.js";

/** Bump when chunk boundaries or ids could change: saved in the index manifest. */
export const CHUNKER_VERSION = 1;

export interface ChunkOptions {
  /**
   * The longest chunk, in characters. A longer section is split at sentence boundaries (at clause boundaries
   * inside a sentence longer than this) and every part keeps the section heading. Default 1500: a news
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

/** Packs consecutive units (sentences, or clauses of an over-long sentence) into parts of at most maxChars. */
function splitToLimit(source: string, span: TextSpan, maxChars: number): TextSpan[] {
  if (span.end - span.start <= maxChars) return [span];
  const units = splitSentences(span.text, span.start).flatMap((sentence) =>
    sentence.end - sentence.start > maxChars ? splitClauses(source, sentence, { minChars: 0 }) : [sentence],
  );
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
