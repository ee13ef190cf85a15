import { normalizeArabic } from "../text/normalize.js";

/** One answered evaluation question: where the gold paragraph ranked and whether the answer held it. */
export interface QuestionOutcome {
  /** False for a question the data set marks as unanswerable from its paragraph. */
  readonly answerable: boolean;
  /** 1-based rank of the gold paragraph among the sources, or undefined when it was not among them. */
  readonly goldRank: number | undefined;
  readonly abstained: boolean;
  /** Answered with the tentative note (Answer.tentative); false when declined. */
  readonly tentative: boolean;
  readonly answerHit: boolean;
  readonly milliseconds: number;
}

export interface RetrievalMetrics extends RankMetrics {
  /** Answerable questions: every figure but `unanswerable` is over these. */
  readonly questions: number;
  /** Share of questions whose answer text contains a gold answer (declined answers count as misses). */
  readonly answerHit: number;
  /** Share of questions that were declined. */
  readonly declined: number;
  /** Of the right answers (answered, holding a gold answer), the share given with the tentative note. */
  readonly rightTentative: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /**
   * Questions the sources cannot answer although their article is indexed (SQuAD 2.0's, or near-topic ones from
   * --leave-out-paragraph): the share declined, and the share answered confidently (without the tentative note),
   * the answers that hurt. Absent when there are none.
   */
  readonly unanswerable?: { readonly questions: number; readonly declined: number; readonly confident: number };
}

/** Where the gold paragraph ranked, over answerable questions: recall at 1, 3 and 5 and the reciprocal rank. */
export interface RankMetrics {
  readonly questions: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly recallAt5: number;
  readonly mrr: number;
}

/** Rank figures of 1-based gold ranks (undefined: not among the sources), one per answerable question. */
export function rankMetrics(goldRanks: ReadonlyArray<number | undefined>): RankMetrics {
  const n = goldRanks.length || 1;
  const within = (depth: number) => round(goldRanks.filter((rank) => rank !== undefined && rank <= depth).length / n);
  return {
    questions: goldRanks.length,
    recallAt1: within(1),
    recallAt3: within(3),
    recallAt5: within(5),
    mrr: round(goldRanks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / n),
  };
}

/** Folds text for comparing an answer with a gold span: Arabic normalisation, no punctuation, single spaces. */
export function normalizeForMatch(text: string): string {
  return normalizeArabic(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function containsGoldAnswer(answerText: string, golds: readonly string[]): boolean {
  const answer = ` ${normalizeForMatch(answerText)} `;
  return golds.some((gold) => {
    const wanted = normalizeForMatch(gold);
    return wanted.length > 0 && answer.includes(wanted);
  });
}

/** Share of questions declined, whether answerable or not (for questions about articles left out). */
export function declinedShare(outcomes: readonly QuestionOutcome[]): number {
  return round(outcomes.filter((o) => o.abstained).length / (outcomes.length || 1));
}

/**
 * Share of questions answered confidently — neither declined nor given with the tentative note. Of questions
 * the sources cannot answer, these are the confident wrong answers: what costs a reader's trust.
 */
export function confidentShare(outcomes: readonly QuestionOutcome[]): number {
  return round(outcomes.filter((o) => !o.abstained && !o.tentative).length / (outcomes.length || 1));
}

/** Retrieval and answer figures over the answerable questions, and the decline rate over the unanswerable ones. */
export function summarize(all: readonly QuestionOutcome[]): RetrievalMetrics {
  const outcomes = all.filter((o) => o.answerable);
  const unanswerable = all.filter((o) => !o.answerable);
  const n = outcomes.length || 1;
  const share = (predicate: (outcome: QuestionOutcome) => boolean) => round(outcomes.filter(predicate).length / n);
  const times = all.map((outcome) => outcome.milliseconds).sort((a, b) => a - b);
  return {
    ...rankMetrics(outcomes.map((o) => o.goldRank)),
    answerHit: share((o) => o.answerHit && !o.abstained),
    declined: share((o) => o.abstained),
    rightTentative: (() => {
      const right = outcomes.filter((o) => o.answerHit && !o.abstained);
      return round(right.filter((o) => o.tentative).length / (right.length || 1));
    })(),
    p50Ms: percentile(times, 0.5),
    p95Ms: percentile(times, 0.95),
    ...(unanswerable.length > 0 ? { unanswerable: { questions: unanswerable.length, declined: declinedShare(unanswerable), confident: confidentShare(unanswerable) } } : {}),
  };
}

/** The q-quantile (q in [0, 1]) of values sorted ascending, rounded to 0.01; 0 for no values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
