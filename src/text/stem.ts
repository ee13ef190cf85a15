/**
 * Light stemming for Arabic retrieval: light10 (Larkey et al.; Lucene's ArabicStemmer), applied to words that
 * are already normalised (so ة has become ه and أ/إ/آ have become ا).
 */

// Order matters: the first prefix that matches is the only one removed.
const LIGHT10_PREFIXES = ["ال", "وال", "بال", "كال", "فال", "لل", "و"] as const;
// One pass: each suffix that matches is removed in turn (ات then ي is not possible, يه then ه is).
// يه stands for both يه and ية, ه for both ه and ة, after normalisation.
const LIGHT10_SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"] as const;

function canStripPrefix(word: string, prefix: string): boolean {
  if (!word.startsWith(prefix)) return false;
  // و alone needs a word of 4 letters or more (ولد must stay); the others need 2 letters left.
  if (prefix.length === 1) return word.length >= 4;
  return word.length >= prefix.length + 2;
}

function canStripSuffix(word: string, suffix: string, lettersLeft: number): boolean {
  return word.length >= suffix.length + lettersLeft && word.endsWith(suffix);
}

/**
 * light10: at most one prefix, then one pass over the suffixes, each keeping at least `suffixLettersLeft`
 * letters (two in light10 itself).
 */
export function stemLight10(word: string, suffixLettersLeft = 2): string {
  let stem = word;
  const prefix = LIGHT10_PREFIXES.find((candidate) => canStripPrefix(stem, candidate));
  if (prefix) stem = stem.slice(prefix.length);
  for (const suffix of LIGHT10_SUFFIXES) {
    if (canStripSuffix(stem, suffix, suffixLettersLeft)) stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

// Attached pronouns that light10 leaves on: their, your, our. ه and ها are light10's own.
const PRONOUN_SUFFIXES = ["هما", "هم", "هن", "كم", "كن", "نا"] as const;

/**
 * light10 with four repairs for forms it splits from their base word, or merges with others:
 * - the accusative tanween alif of a 4+-letter word goes first (وفداً، أمنياً → وفد، أمني);
 * - an attached pronoun goes, and so does the ت that ة becomes before it (زيارته، حكومتهم → زيار، حكوم, like
 *   زيارة and حكومة), when at least four letters are left before the ت — unless it is the plural ات
 *   (معتقداتهم → معتقد, like معتقدات);
 * - the final و of a stem of five letters or more goes last: a masculine plural in construct state
 *   (مديرو، ومصممو → مدير، مصمم, like مديري which light10 already reduces);
 * - a suffix goes only when three letters stay: light10's two-letter stems merge unrelated words (الراين,
 *   the Rhine, and رأى, saw, both became را; السكان became سك, البنيات بن). Measured on XQuAD-ar's tuning
 *   split (docs/evaluation-log.md): +0.1 pt recall@1 and +0.5 pt answer hit, and about one point more of the
 *   questions the corpus cannot answer declined.
 */
export function stemLight10Extended(word: string): string {
  let base = word.length >= 4 && word.endsWith("ا") && !word.endsWith("اا") ? word.slice(0, -1) : word;
  const pronoun = ["ه", "ها", ...PRONOUN_SUFFIXES].find((suffix) => base.endsWith(suffix) && base.length - suffix.length >= 4);
  // …but the ت of the plural ات stays for light10 to take with its alif (معتقداتهم → معتقدات → معتقد).
  const beforePronoun = base.slice(0, base.length - (pronoun?.length ?? 0));
  if (pronoun && beforePronoun.endsWith("ت") && !beforePronoun.endsWith("ات")) base = beforePronoun.slice(0, -1);
  else if (pronoun && PRONOUN_SUFFIXES.includes(pronoun as (typeof PRONOUN_SUFFIXES)[number])) base = base.slice(0, -pronoun.length);
  const stem = stemLight10(base, 3);
  // The و of a masculine plural in construct state (مديرو الشركات, like مديري and مديرون), and of a name or
  // loanword (فريسنو، الفيديو), which light10 keeps: both lose it alike in questions and articles. Counted
  // after the prefix is gone, so العضو stays عضو like عضو.
  return stem.length >= 5 && stem.endsWith("و") && !stem.endsWith("وو") ? stem.slice(0, -1) : stem;
}

/** A single-letter proclitic (ب ل ك ف), possibly after the conjunction و or ف, at the start of a word. */
export const PROCLITICS = /^[وف]?[بلكف]/u;

/**
 * The word without its single-letter proclitic (ب ل ك ف, possibly after و or ف), stemmed, or undefined when
 * it has none that can go. Not a replacement for the light10 stem — كتاب and فريق start with those letters
 * too — but a second term indexed beside it, so لمصر and وبتركيا also match مصر and تركيا. At least three
 * letters must remain.
 */
export function stemWithoutProclitic(word: string, stem: (word: string) => string = stemLight10): string | undefined {
  const proclitics = PROCLITICS.exec(word)?.[0];
  if (!proclitics || word.length - proclitics.length < 3) return undefined;
  return stem(word.slice(proclitics.length));
}
