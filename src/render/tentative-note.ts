/**
 * The line that opens a tentative answer (Answer.tentative): the passages found are the closest the sources
 * hold, and may not answer the question. Most answers to questions the sources cannot answer, when given at
 * all, are given with evidence in this band (docs/EVALUATION.md, "Tentative answers").
 */
export const TENTATIVE_NOTE = "لست متأكدا من أن مصادري تجيب عن سؤالك؛ هذا أقرب ما وجدت فيها:";
