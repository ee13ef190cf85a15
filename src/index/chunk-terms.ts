import type { Chunk } from "../corpus/article.js";
import type { Analyzer } from "../text/analyzer.js";
import type { FieldTerms } from "./lexical-index.js";

/** What of a chunk the lexical index sees: its text, its own heading, its article's title, n-grams of the text. */
export function chunkFieldTerms(chunk: Chunk, analyzer: Analyzer): FieldTerms {
  // The lead's heading is the title itself: counting it in two fields would double the title's weight.
  const heading = chunk.section === chunk.title ? "" : chunk.section;
  return {
    body: analyzer.terms(chunk.text),
    heading: analyzer.terms(heading),
    title: analyzer.terms(chunk.title),
    ngrams: analyzer.charNgrams(chunk.text),
  };
}

/** A question as a query over every field. */
export function questionFieldTerms(question: string, analyzer: Analyzer): FieldTerms {
  const terms = analyzer.terms(question);
  return { body: terms, heading: terms, title: terms, ngrams: analyzer.charNgrams(question) };
}

/** The text a chunk is embedded as: where it comes from, then what it says. */
export function chunkPassageText(chunk: Chunk): string {
  const where = chunk.section === chunk.title ? chunk.title : `${chunk.title} — ${chunk.section}`;
  return `${where}\n${chunk.text}`;
}
