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
    pairs: adjacentPairs(analyzer, chunk.text),
  };
}

/**
 * Adjacent content words as one term ("نشيد وطن"): a question that copies a phrase of its passage matches it
 * here too, which BM25 over single words cannot see. Stop words between them are skipped.
 */
export function adjacentPairs(analyzer: Analyzer, text: string): string[] {
  const stems = analyzer.analyzeWords(text).flatMap((word) => word.terms.slice(0, 1));
  const pairs: string[] = [];
  for (let i = 1; i < stems.length; i += 1) pairs.push(`${stems[i - 1]} ${stems[i]}`);
  return pairs;
}

/** A question as a query over every field. */
export function questionFieldTerms(question: string, analyzer: Analyzer): FieldTerms {
  const terms = analyzer.terms(question);
  return { body: terms, heading: terms, title: terms, ngrams: analyzer.charNgrams(question), pairs: adjacentPairs(analyzer, question) };
}

/** The text a chunk is embedded as: where it comes from, then what it says. */
export function chunkPassageText(chunk: Chunk): string {
  const where = chunk.section === chunk.title ? chunk.title : `${chunk.title} — ${chunk.section}`;
  return `${where}\n${chunk.text}`;
}
