/**
 * A question read once, for retrieval and for the answer alike: its words as the analyzer reads them (a slip one
 * letter away from a word the corpus knows mended, two words run together split: text/spelling), the kind of
 * answer it asks for (question-type), and its content words weighed, with their roles — the focus it asks about,
 * the verbs it may paraphrase, the formulas that name nothing (weighed-words). Before it reaches here a message
 * has been judged a question at all and its courtesies set aside (validate-question, courtesy); a follow-up has
 * been read with the question it follows (follow-up). Pure.
 */
import type { AnalyzedWord, Analyzer } from "../text/analyzer.js";
import type { TermFrequencies } from "../text/background-rarity.js";
import { analyzeQuestion } from "../text/spelling.js";
import { detectQuestionType, type QuestionType } from "./question-type.js";
import { questionWordsOf, type QuestionWord } from "./weighed-words.js";

export interface QuestionReading {
  /** The question as asked. */
  readonly text: string;
  /** Its words, analysed, spelling mended and glued words split. */
  readonly analyzed: readonly AnalyzedWord[];
  /** What kind of answer it asks for: a date, a number, a place, a cause… */
  readonly type: QuestionType;
  /** Its content words, each once, weighed by rarity in the corpus and in Arabic at large. */
  readonly words: readonly QuestionWord[];
}

/** Reads `text` against the corpus's term statistics (`lexical`): what words it knows, how rare each is. */
export function readQuestion(text: string, analyzer: Analyzer, lexical: TermFrequencies): QuestionReading {
  const analyzed = analyzeQuestion(text, analyzer, (term) => lexical.documentFrequency(term));
  return { text, analyzed, type: detectQuestionType(text), words: questionWordsOf(analyzed, lexical) };
}
