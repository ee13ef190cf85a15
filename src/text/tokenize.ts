/** A word of the original text and where it stands in it (UTF-16 offsets, end exclusive). */
export interface WordSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Letters, combining marks (harakat), digits, tatweel and the zero-width joiners that may sit inside a word.
// Marks must be word characters: a \p{L}-only tokenizer would cut وَقَالَ into letters.
const WORD = /[\p{L}\p{M}\p{N}\u0640\u200C\u200D]+/gu;

/** Splits text into words at Unicode word boundaries, keeping offsets into the original text. */
export function splitWords(text: string): WordSpan[] {
  const words: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    words.push({ text: match[0], start, end: start + match[0].length });
  }
  return words;
}

/** True when the text holds at least one letter or digit (not only punctuation, symbols or emoji). */
export function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
