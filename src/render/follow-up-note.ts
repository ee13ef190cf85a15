/** The longest earlier question quoted in full in the note; a longer one is cut at a word. */
const QUOTED_QUESTION_CHARS = 120;

/**
 * The line that opens an answer to a follow-up, saying which earlier question it was read with: a reader who
 * meant something else sees it at once, and can ask again in full.
 */
export function followUpNote(readWith: string): string {
  const question = readWith.trim();
  const lastSpace = question.lastIndexOf(" ", QUOTED_QUESTION_CHARS);
  const cut = question.length <= QUOTED_QUESTION_CHARS ? question : `${question.slice(0, lastSpace > 0 ? lastSpace : QUOTED_QUESTION_CHARS).trimEnd()}…`;
  return `(قرأت سؤالك تتمةً لسؤالك السابق: «${cut}»)`;
}
