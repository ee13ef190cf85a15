import type { Answer } from "../answer/compose-answer.js";

/** One answer as a JSON line of `npm run ask -- --json` / `--batch` (the contract in DESIGN.md). */
export interface AnswerRecord {
  readonly id: string;
  readonly question: string;
  readonly abstained: boolean;
  readonly answer: string;
  readonly citations: ReadonlyArray<{ n: number; docId: string; title: string; section: string; quote: string }>;
  readonly sources: ReadonlyArray<{ docId: string; chunkId: string; title: string; section: string; score: number }>;
}

export function toAnswerRecord(id: string, question: string, answer: Answer): AnswerRecord {
  return {
    id,
    question,
    abstained: answer.abstained,
    answer: answer.text,
    citations: answer.citations.map(({ n, docId, title, section, quote }) => ({ n, docId, title, section, quote })),
    sources: answer.sources.map(({ docId, chunkId, title, section, score }) => ({ docId, chunkId, title, section, score })),
  };
}
