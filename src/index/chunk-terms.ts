import type { Chunk } from "../corpus/article.js";
import type { AnalyzedWord, Analyzer } from "../text/analyzer.js";
import type { FieldTerms } from "./lexical-index.js";

/** What of a chunk the lexical index sees: its text, its own heading, its article's title, n-grams of the text. */
export function chunkFieldTerms(chunk: Chunk, analyzer: Analyzer): FieldTerms {
  // The lead's heading is the title itself: counting it in two fields would double the title's weight.
  const heading = chunk.section === chunk.title ? "" : chunk.section;
  const body = textFields(analyzer.analyzeWords(chunk.text), analyzer);
  return {
    body: body.terms,
    heading: analyzer.terms(heading),
    title: analyzer.terms(chunk.title),
    ngrams: body.ngrams,
    pairs: body.pairs,
  };
}

/**
 * A question as a query over every field, from its words as analyzeQuestion reads them: with the index's term
 * frequencies (and the analyzer's correctSpelling), a word no chunk holds is also searched as the known word one
 * slip away from it (text/spelling), and a word glued to the next by a missing space as the two words
 * (text/glued-words).
 */
export function questionFieldTermsOf(words: readonly AnalyzedWord[], analyzer: Analyzer): FieldTerms {
  const { terms, ngrams, pairs } = textFields(words, analyzer);
  return { body: terms, heading: terms, title: terms, ngrams, pairs };
}

/** Terms, n-grams and word pairs of a text, from one analysis of it. */
function textFields(words: readonly AnalyzedWord[], analyzer: Analyzer): { terms: string[]; ngrams: string[]; pairs: string[] } {
  return { terms: words.flatMap((word) => word.terms), ngrams: analyzer.charNgramsOf(words), pairs: adjacentPairs(words) };
}

/**
 * Adjacent content words as one term ("نشيد وطن"): a question that copies a phrase of its passage matches it
 * here too, which BM25 over single words cannot see. Stop words between them are skipped.
 */
function adjacentPairs(words: readonly AnalyzedWord[]): string[] {
  const stems = words.flatMap((word) => word.terms.slice(0, 1));
  const pairs: string[] = [];
  for (let i = 1; i < stems.length; i += 1) pairs.push(`${stems[i - 1]} ${stems[i]}`);
  return pairs;
}

/** The text a chunk is embedded as: where it comes from, then what it says. */
export function chunkPassageText(chunk: Chunk): string {
  const where = chunk.section === chunk.title ? chunk.title : `${chunk.title} — ${chunk.section}`;
  return `${where}\n${chunk.text}`;
}
