import type { Answer } from "../answer/compose-answer.js";
import { alsoInLine } from "./also-in.js";
import { followUpNote } from "./follow-up-note.js";
import { provenanceLine, sectionLabel } from "./provenance.js";
import { tentativeNoteOf } from "./tentative-note.js";

/**
 * A readable terminal answer: the answer text (under a note when it is tentative), then the cited sources (title — section, the outlet, date and
 * address, the quote), then other sources.
 */
export function renderAnswerForTerminal(answer: Answer, options: { readonly readWith?: string } = {}): string {
  const note = tentativeNoteOf(answer);
  const lines = [...(options.readWith ? [followUpNote(options.readWith)] : []), ...(note ? [note] : []), answer.text, ""];
  if (answer.abstained) {
    const titles = [...new Set(answer.sources.map((source) => source.title))].slice(0, 3);
    if (titles.length > 0) lines.push("أقرب المقالات في المصادر:", ...titles.map((title) => `  - ${title}`));
    return lines.join("\n").trimEnd() + "\n";
  }
  lines.push("المصادر:");
  for (const citation of answer.citations) {
    lines.push(`[${citation.n}] ${citation.title} — ${sectionLabel(citation)}`);
    const provenance = provenanceLine(citation, { address: true });
    if (provenance) lines.push(`    ${provenance}`);
    if (citation.alsoIn) lines.push(`    ${alsoInLine(citation.alsoIn)}`);
    lines.push(`    «${citation.quote}»`);
  }
  const cited = new Set(answer.citations.map((citation) => citation.chunkId));
  const others = answer.sources.filter((source) => !cited.has(source.chunkId));
  if (others.length > 0) {
    lines.push("", "مصادر أخرى قريبة:");
    // Three significant digits: lexical scores run to about 1.5, fused (RRF) ones to about 0.03.
    for (const source of others.slice(0, 4)) lines.push(`  - ${source.title} — ${sectionLabel(source)} (${source.score.toPrecision(3)})`);
  }
  return lines.join("\n") + "\n";
}
