/** A stretch of a text: `text === source.slice(start, end)`, UTF-16 offsets, end exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const sentenceSegmenter = new Intl.Segmenter("ar", { granularity: "sentence" });

/**
 * How much text the segmenter is given at a time (UTF-16 units). V8's Intl.Segmenter costs about the text's
 * length for every sentence it yields, so a whole text costs its length times its number of sentences: a 5 MB
 * transcript took minutes. Given windows of this size it costs the window's length per sentence — linear in
 * the text. A window ends inside a sentence more often than not; that sentence is segmented again at the
 * start of the next window.
 */
const SENTENCE_WINDOW = 4096;

/** Options for splitSentences. */
export interface SentenceOptions {
  /** Characters given to the segmenter at a time; only tests set it (to cross window edges on short texts). */
  readonly windowChars?: number;
}

/**
 * Sentences of a text, trimmed of surrounding white space, with offsets shifted by `offset`. Intl.Segmenter
 * splits at . ؟ ! and keeps ، ؛ inside a sentence — so an Arabic news sentence is often one long comma chain
 * (see splitClauses). Linear in the text's length (see SENTENCE_WINDOW); the sentences are the ones the
 * segmenter finds in the whole text.
 */
export function splitSentences(text: string, offset = 0, options: SentenceOptions = {}): TextSpan[] {
  const windowChars = options.windowChars ?? SENTENCE_WINDOW;
  const sentences: TextSpan[] = [];
  let from = 0;
  let size = windowChars;
  while (from < text.length) {
    const to = Math.min(text.length, from + size);
    const atEnd = to === text.length;
    // Segments are taken one at a time and the loop stops as soon as it has what it needs: each step costs
    // the window's length, and a window doubled for a long sentence may hold many short ones after it.
    const bounds: Array<{ start: number; end: number }> = [];
    for (const segment of sentenceSegmenter.segment(text.slice(from, to))) {
      bounds.push({ start: from + segment.index, end: from + segment.index + segment.segment.length });
      if (!atEnd && bounds.length > windowChars / 16) break;
    }
    // The last segment may be cut short by the window's end: it starts the next window, unless the text ends.
    const complete = atEnd ? bounds : bounds.slice(0, -1);
    if (complete.length === 0) {
      // One sentence longer than the window: look further (doubling keeps this linear in the sentence).
      size *= 2;
      continue;
    }
    for (const bound of complete) {
      const span = trimSpan(text, bound.start, bound.end);
      if (span) sentences.push({ ...span, start: span.start + offset, end: span.end + offset });
    }
    from = complete.at(-1)!.end;
    size = windowChars;
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
