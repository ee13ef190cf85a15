/**
 * Arabic normalisation for matching (never for display: quotes are always taken from the source text).
 *
 * Follows the Lucene/OpenSearch Arabic normaliser — the one every published Arabic BM25 baseline uses —
 * plus the additions listed in docs/ARABIC-IR: presentation forms, format characters, Persian letters,
 * Quranic marks and Arabic-Indic digits.
 */

export interface NormalizeOptions {
  /**
   * Fold the hamza carriers ؤ → و, ئ → ي and drop a bare ء, so that `مسؤول`, `مسئول` and `مسول` meet.
   * Off in Lucene; an ablation measured in docs/EVALUATION.md. Default: true.
   */
  readonly foldHamzaCarriers: boolean;
}

export const DEFAULT_NORMALIZE_OPTIONS: NormalizeOptions = { foldHamzaCarriers: true };

// Harakat, Quranic annotation marks, superscript alef and tatweel carry no lexical meaning for retrieval.
const DIACRITICS_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;
// Zero-width and bidi controls are invisible but split or glue words when text is pasted from the web.
const FORMAT_CHARACTERS = /[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const ALEF_VARIANTS = /[\u0622\u0623\u0625\u0671]/gu; // آ أ إ ٱ → ا
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669]/gu; // ٠–٩
const PERSIAN_DIGIT = /[\u06F0-\u06F9]/gu; // ۰–۹
const THOUSANDS_SEPARATOR_BETWEEN_DIGITS = /(?<=\d)\u066C(?=\d)/gu; // ٬

const LETTER_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [ALEF_VARIANTS, "\u0627"],
  [/\u0649/gu, "\u064A"], // ى → ي
  [/\u0629/gu, "\u0647"], // ة → ه
  [/\u06CC/gu, "\u064A"], // Persian ی → ي
  [/\u06A9/gu, "\u0643"], // Persian ک → ك
  [/\u066B/gu, "."], // Arabic decimal separator ٫
];

const HAMZA_FOLDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\u0624/gu, "\u0648"], // ؤ → و
  [/\u0626/gu, "\u064A"], // ئ → ي
  [/\u0621/gu, ""], // ء
];

/** Normalises a piece of text for matching. Pure; the output may be shorter than the input. */
export function normalizeArabic(text: string, options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS): string {
  // NFKC first: it turns presentation forms and ligatures (ﻻ, ﷲ) into plain letters. Not NFD, which would
  // split أ into ا + U+0654.
  let result = text.normalize("NFKC").replace(FORMAT_CHARACTERS, "").replace(DIACRITICS_AND_TATWEEL, "");
  for (const [pattern, replacement] of LETTER_FOLDS) result = result.replace(pattern, replacement);
  if (options.foldHamzaCarriers) {
    for (const [pattern, replacement] of HAMZA_FOLDS) result = result.replace(pattern, replacement);
  }
  result = result
    .replace(ARABIC_INDIC_DIGIT, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGIT, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(THOUSANDS_SEPARATOR_BETWEEN_DIGITS, "");
  return result.toLowerCase();
}
