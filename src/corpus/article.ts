/** A section of an article: its heading as written and where its body stands in the source file. */
export interface ArticleSection {
  /** The heading exactly as written; the lead paragraph's heading is the article title. */
  readonly heading: string;
  /** UTF-16 offsets of the body in `Article.text`, end exclusive, trimmed of white space. */
  readonly start: number;
  readonly end: number;
}

/**
 * Where an article comes from, as its front matter says: what a citation names beside the title and section,
 * so a reader can go back to the original. Plain-text articles have none.
 */
export interface Provenance {
  /** As written (e.g. 2025-09 or 2025-09-18). */
  readonly date?: string;
  /** The outlet or publisher, as written (هسبريس). */
  readonly source?: string;
  /** The article's web address: always http:// or https:// (checked when the corpus is read). */
  readonly url?: string;
}

/** Only the provenance fields of a value that has them (an article, a chunk), without undefined keys. */
export function provenanceOf(value: Provenance): Provenance {
  return {
    ...(value.date !== undefined ? { date: value.date } : {}),
    ...(value.source !== undefined ? { source: value.source } : {}),
    ...(value.url !== undefined ? { url: value.url } : {}),
  };
}

/** One corpus file, parsed. Offsets point into `text`, the file's text as read. */
export interface Article extends Provenance {
  /** Stable id: the file's path inside the corpus folder, without extension, with `/` separators. */
  readonly id: string;
  readonly title: string;
  /** Path relative to the corpus folder. */
  readonly path: string;
  readonly text: string;
  readonly sections: readonly ArticleSection[];
}

/** A passage as indexed and cited: one section, or one part of a long one. */
export interface Chunk extends Provenance {
  /** `<article id>#<section number>` or `<article id>#<section number>.<part>`; stable across rebuilds. */
  readonly id: string;
  readonly docId: string;
  readonly title: string;
  /** The section heading exactly as written (the title for the lead). */
  readonly section: string;
  readonly text: string;
  /** Offsets into the article's source text: `article.text.slice(start, end) === text`. */
  readonly start: number;
  readonly end: number;
}
