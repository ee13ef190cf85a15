/** A section of an article: its heading as written and where its body stands in the source file. */
export interface ArticleSection {
  /** The heading exactly as written; the lead paragraph's heading is the article title. */
  readonly heading: string;
  /** UTF-16 offsets of the body in `Article.source`, end exclusive, trimmed of white space. */
  readonly start: number;
  readonly end: number;
}

/** One corpus file, parsed. Offsets point into `source`, the file's text as read. */
export interface Article {
  /** Stable id: the file's path inside the corpus folder, without extension, with `/` separators. */
  readonly id: string;
  readonly title: string;
  /** As written in the front matter (e.g. 2025-09 or 2025-09-18); absent in plain-text files. */
  readonly date?: string;
  /** Publisher or URL, from the front matter's `source` or `url`. */
  readonly source?: string;
  /** Path relative to the corpus folder. */
  readonly path: string;
  readonly text: string;
  readonly sections: readonly ArticleSection[];
}

/** A passage as indexed and cited: one section, or one part of a long one. */
export interface Chunk {
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
  readonly date?: string;
}
