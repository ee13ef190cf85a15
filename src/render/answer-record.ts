import type { Answer } from "../answer/compose-answer.js";

/** One answer as a JSON line of `npm run ask -- --json` / `--batch` (the contract in DESIGN.md). */
export interface AnswerRecord {
  readonly id: string;
  readonly question: string;
  readonly abstained: boolean;
  /** Answered with the note that the passage may not answer the question (false when declined). */
  readonly tentative: boolean;
  /** The probability, in [0, 1], that the sources answer the question: what declining and the note were decided on. */
  readonly evidence: number;
  readonly answer: string;
  readonly citations: ReadonlyArray<{ n: number; docId: string; title: string; section: string; quote: string }>;
  readonly sources: ReadonlyArray<{ docId: string; chunkId: string; title: string; section: string; score: number }>;
}

export function toAnswerRecord(id: string, question: string, answer: Answer): AnswerRecord {
  return {
    id,
    question,
    abstained: answer.abstained,
    tentative: answer.tentative,
    evidence: Math.round(answer.evidence * 1000) / 1000,
    answer: answer.text,
    citations: answer.citations.map(({ n, docId, title, section, quote }) => ({ n, docId, title, section, quote })),
    sources: answer.sources.map(({ docId, chunkId, title, section, score }) => ({ docId, chunkId, title, section, score })),
  };
}
