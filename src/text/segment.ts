/** A stretch of a text: `text === source.slice(start, end)`, UTF-16 offsets, end exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const sentenceSegmenter = new Intl.Segmenter("ar", { granularity: "sentence" });

/**
 * Sentences of a text, trimmed of surrounding white space. Intl.Segmenter splits at . ؟ ! and keeps ، ؛
 * inside a sentence — so an Arabic news sentence is often one long comma chain (see splitClauses).
 */
export function splitSentences(text: string, offset = 0): TextSpan[] {
  const sentences: TextSpan[] = [];
  for (const segment of sentenceSegmenter.segment(text)) {
    const span = trimSpan(text, segment.index, segment.index + segment.segment.length);
    if (span) sentences.push({ ...span, start: span.start + offset, end: span.end + offset });
  }
  return sentences;
}

// Commas (Arabic and Latin), semicolons and colons end a clause.
const CLAUSE_PUNCTUATION = /[،,؛;:]/u;
// Discourse cues start a new clause when they open a word: "… الثنائية كما تناول …". Each is matched after
// white space, with an optional conjunction و/ف glued in front (وكما، فيما).
const DISCOURSE_CUES = [
  "أضاف", "قال", "أشار", "أكد", "أوضح", "كما", "إلا أن", "لكن", "حيث", "بينما", "فيما", "في حين", "ثم",
  "منها", "إضافة إلى", "بالإضافة إلى", "إلى جانب", "لا سيما", "خاصة", "بعد أن", "قبل أن", "مما", "وذلك",
];
const CUE_START = new RegExp(`(?<=\\s)(?:[وف])?(?:${DISCOURSE_CUES.join("|")})(?=[\\s،,])`, "gu");

/** Options for splitClauses. */
export interface ClauseOptions {
  /** A clause shorter than this (characters) is joined to its neighbour, so no quote is a lone name. Default 40. */
  readonly minChars?: number;
}

/**
 * Clauses of one sentence: split at clause punctuation and before discourse cues, trimmed of white space
 * and of the punctuation that ended them; short pieces join the next one (the last joins the previous).
 * Every clause is an exact slice of `source`.
 */
export function splitClauses(source: string, sentence: TextSpan, options: ClauseOptions = {}): TextSpan[] {
  const minChars = options.minChars ?? 40;
  const cuts = new Set<number>();
  const body = source.slice(sentence.start, sentence.end);
  for (let i = 0; i < body.length; i += 1) {
    if (CLAUSE_PUNCTUATION.test(body[i]!) && !isInsideNumber(body, i)) cuts.add(i + 1);
  }
  for (const match of body.matchAll(CUE_START)) cuts.add(match.index);

  const pieces: Array<{ start: number; end: number }> = [];
  let pieceStart = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(body.length)) {
    if (cut > pieceStart) pieces.push({ start: pieceStart, end: cut });
    pieceStart = cut;
  }

  const merged: Array<{ start: number; end: number }> = [];
  for (const piece of pieces) {
    const previous = merged.at(-1);
    if (previous && visibleLength(body.slice(previous.start, previous.end)) < minChars) previous.end = piece.end;
    else merged.push({ ...piece });
  }
  const last = merged.at(-1);
  if (merged.length > 1 && last && visibleLength(body.slice(last.start, last.end)) < minChars) {
    merged.pop();
    merged[merged.length - 1]!.end = last.end;
  }

  return merged.flatMap((piece) => {
    const span = trimSpan(body, piece.start, piece.end, /[\s،,؛;:]/u);
    return span ? [{ ...span, start: span.start + sentence.start, end: span.end + sentence.start }] : [];
  });
}

/** A comma between digits (1,000) is a thousands separator, not a clause end. */
function isInsideNumber(text: string, index: number): boolean {
  return /\d/u.test(text[index - 1] ?? "") && /\d/u.test(text[index + 1] ?? "");
}

function visibleLength(text: string): number {
  return text.replace(/[\s،,؛;:]/gu, "").length;
}

function trimSpan(text: string, start: number, end: number, trimmable = /\s/u): TextSpan | undefined {
  let from = start;
  let to = end;
  while (from < to && trimmable.test(text[from]!)) from += 1;
  while (to > from && trimmable.test(text[to - 1]!)) to -= 1;
  return to > from ? { start: from, end: to, text: text.slice(from, to) } : undefined;
}
