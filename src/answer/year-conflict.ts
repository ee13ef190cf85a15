import type { AnalyzedWord } from "../text/analyzer.js";

/** A year as news questions write one: 1500–2099. */
const YEAR = /^(?:1[5-9]|20)\d\d$/u;

/** How far after the dated word a passage's year may stand: «كأس العالم 2030», «كأس العالم لسنة 2030». */
const YEAR_REACH = 2;

/** «Year» written before a year (كأس العالم لعام 2030): the subject is the word before it. */
const YEAR_NOUN = /^[وفبل]?(?:ال)?(?:عام|سنه)$/u;

/** The year a word writes, with or without a proclitic (2030, و2030), if any. */
function yearOf(word: AnalyzedWord): string | undefined {
  return word.terms.find((term) => YEAR.test(term));
}

/**
 * Whether a question dates its subject with a year the passages never write, while they date that same subject
 * with another year: «من فاز بكأس العالم 2022؟» asked of an article about «كأس العالم 2030». A recurring event —
 * a cup, a forum, an election, a budget — is a near-topic question's most common shape in news: every word of
 * it is in the passage but the year, and a year is a number, which the other signals leave aside (a question's
 * year is often one its article never writes: the Super Bowl 50 article never says the 2015 its questions ask
 * about). The subject is the content word right before the year (or before «عام» or «سنة» before it); a
 * question with more than one year (a range, a comparison) is left alone. Pure.
 */
export function datesItOtherwise(question: readonly AnalyzedWord[], passages: ReadonlyArray<readonly AnalyzedWord[]>): boolean {
  const dated = question.flatMap((word, position) => (yearOf(word) === undefined ? [] : [position]));
  if (dated.length !== 1 || dated[0] === 0) return false;
  const year = yearOf(question[dated[0]!]!)!;
  const before = dated[0]! - 1;
  const subject = (YEAR_NOUN.test(question[before]!.normalized) && before > 0 ? question[before - 1]! : question[before]!).terms;
  if (subject.length === 0 || passages.some((words) => words.some((word) => yearOf(word) === year))) return false;
  return passages.some((words) =>
    words.some(
      (word, at) =>
        word.terms.some((term) => subject.includes(term)) &&
        words.slice(at + 1, at + 1 + YEAR_REACH).some((next) => {
          const other = yearOf(next);
          return other !== undefined && other !== year;
        }),
    ),
  );
}
