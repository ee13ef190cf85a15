import type { Answer, ComposeParams } from "./compose-answer.js";
import { isAboutAnotherSubject, isAboutAnotherYear, isAboutAnUnseenFocus, isAboutUnseenThings, logOddsTerms } from "./decline-model.js";
import type { QuestionWord } from "../question/weighed-words.js";

/** Why an answer was given, given tentatively or declined: what `npm run ask -- --explain` prints. */
export interface AnswerExplanation {
  readonly answer: Answer;
  /** The question's content words as read against the index (weights, unknown words, verbs, formulas). */
  readonly words: readonly QuestionWord[];
  /** The decline model's log-odds, term by term, at this corpus's size. */
  readonly logOdds: ReturnType<typeof logOddsTerms>;
  /** The rules that decline whatever the model says, and whether each fired. */
  readonly rules: { readonly unseenThings: boolean; readonly anotherYear: boolean; readonly unseenFocus: boolean; readonly anotherSubject: boolean };
  readonly declineBelow: number;
  readonly tentativeBelow: number;
  /** The subjectShare below which an answer is tentative whatever its evidence (a subject named in passing). */
  readonly tentativeSubjectShare: number;
}

/** Puts together what an answer was decided from. Pure. */
export function explainAnswer(answer: Answer, words: readonly QuestionWord[], chunks: number, params: ComposeParams): AnswerExplanation {
  return {
    answer,
    words,
    logOdds: logOddsTerms(answer.signals, chunks, params.declineModel),
    rules: {
      unseenThings: isAboutUnseenThings(answer.signals),
      anotherYear: isAboutAnotherYear(answer.signals),
      unseenFocus: isAboutAnUnseenFocus(answer.signals),
      anotherSubject: isAboutAnotherSubject(answer.signals),
    },
    declineBelow: params.declineBelow,
    tentativeBelow: params.tentativeBelow,
    tentativeSubjectShare: params.tentativeSubjectShare,
  };
}
