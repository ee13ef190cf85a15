import type { AnswerExplanation } from "../answer/explain-answer.js";

const signed = (value: number) => `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(2)}`;

/**
 * What an answer was decided from, for a terminal (`npm run ask -- --explain`): the decision against its
 * thresholds, the question's words as the index reads them, the decline model's log-odds term by term (largest
 * first), and the rules. For editors asking why a question was declined, and for work on the decision.
 */
export function renderExplanation(explanation: AnswerExplanation): string {
  const { answer, words, logOdds, rules } = explanation;
  const decision = answer.abstained ? "declined" : answer.tentative ? "answered, tentatively" : "answered";
  const lines = [
    `Decision: ${decision} — evidence ${answer.evidence.toFixed(2)} (declined below ${explanation.declineBelow}, tentative below ${explanation.tentativeBelow}); question type: ${answer.questionType}.`,
    `Subject share ${answer.signals.subjectShare.toFixed(2)}: the most of what the corpus says of a question word that the best passage's article says (1 when its title names one); below ${explanation.tentativeSubjectShare} the answer is tentative whatever its evidence, the subject being named only in passing.`,
    "",
    "Question words (stem, IDF weight; * no chunk holds it, v read as a verb, f a number or formula):",
    words.length === 0 ? "  none: the question names nothing to search for" : `  ${words.map((word) => `${word.terms[0]} ${word.weight.toFixed(1)}${word.known ? "" : "*"}${word.verbLike ? " v" : ""}${word.formulaic ? " f" : ""}`).join(" · ")}`,
    "",
    "The model's log-odds (signal value × its weight at this corpus size):",
    `  ${"base".padEnd(18)} ${signed(logOdds.base).padStart(7)}`,
  ];
  const terms = [...logOdds.terms].sort((a, b) => Math.abs(b.weight * b.value) - Math.abs(a.weight * a.value));
  for (const term of terms) lines.push(`  ${term.signal.padEnd(18)} ${signed(term.weight * term.value).padStart(7)}   (${term.value.toFixed(2)} × ${term.weight.toFixed(2)})`);
  const total = terms.reduce((sum, term) => sum + term.weight * term.value, logOdds.base);
  lines.push(`  ${"total".padEnd(18)} ${signed(total).padStart(7)}`);
  lines.push("", "Rules that decline whatever the model says:");
  lines.push(`  a short question about things no chunk names: ${rules.unseenThings ? "yes" : "no"}`);
  lines.push(`  a question about another year of what the sources date: ${rules.anotherYear ? "yes" : "no"}`);
  lines.push(`  a short question whose focus no chunk names: ${rules.unseenFocus ? "yes" : "no"}`);
  lines.push(`  a focus the sources name only beside another subject: ${rules.anotherSubject ? "yes" : "no"}`);
  if (Object.values(rules).some(Boolean)) lines.push("  (a rule that fires sets the evidence to 0, whatever the model's log-odds)");
  return `${lines.join("\n")}\n`;
}
