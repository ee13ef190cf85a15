/**
 * Roots without a dictionary, after the ISRI stemmer (Taghva, Elkhoury and Coombs, 2005): strip affixes, then
 * match the word against the patterns of Arabic morphology (مفعول، استفعل، فواعل …) and keep the letters in
 * the root's places. A root conflates far more than a light stem — كاتب، مكتوب، كتب all become كتب — which
 * is too much for retrieval (measured: a field of roots cost recall, see docs/evaluation-log.md), but it is what
 * matching a question against a passage needs when the question says it another way: its verb against the
 * passage's noun (انعقد / المنعقد), a broken plural against its singular (مساجد / مسجد).
 *
 * Applied to words already normalised (ة is ه, أ/إ/آ are ا, ى is ي). Pure.
 */

// Affixes removed before the patterns are matched; the longest kinds first, at most one of each kind.
const PREFIXES_3 = ["كال", "بال", "ولل", "وال"] as const;
const PREFIXES_2 = ["ال", "لل"] as const;
const SUFFIXES_3 = ["كما", "هما", "تما", "تان", "تين"] as const;
const SUFFIXES_2 = ["ون", "ات", "ان", "ين", "تن", "كم", "هن", "نا", "يا", "ها", "تم", "كن", "ني", "وا", "ما", "هم"] as const;
// Single letters removed only when no pattern matched.
const SUFFIX_LETTERS = ["ه", "ي", "ك", "ت", "ا", "ن"] as const;
const PREFIX_LETTERS = ["ل", "ب", "ف", "س", "و", "ي", "ت", "ن", "ا"] as const;

/**
 * Patterns by word length, in the order they are tried (the first match wins). A digit is a root letter's
 * place (1, 2, 3, and 4 for four-letter roots); any other letter must be there as written. ه stands for ة.
 */
const PATTERNS: Readonly<Record<number, readonly string[]>> = {
  4: ["م123", "1ا23", "12ا3", "12و3", "12ي3", "123ه"],
  5: [
    "ا1ا23", "ا1ت23", // افاعل، افتعل
    "م12ا3", "م12ي3", "م12و3", // مفعال، مفعيل، مفعول
    "ا123ه", "ت123ه", "م123ه", // افعلة، تفعلة، مفعلة
    "م1ت23", "ي1ت23", "ت1ت23", // مفتعل، يفتعل، تفتعل
    "م1ا23", "ت1ا23", // مفاعل، تفاعل
    "12ا3ه", "12و3ه", // فعالة، فعولة
    "ان123", "من123", // انفعل، منفعل
    "ا12ا3", // افعال
    "123ان", // فعلان
    "ت12ي3", // تفعيل
    "1ا2و3", // فاعول
    "1وا23", // فواعل
    "12اي3", "12ائ3", // فعائل (ئ folded to ي or not)
    "1ا23ه", // فاعلة
    "12ا3ي", // فعالي
  ],
  6: [
    "است123", "مست123", // استفعل، مستفعل
    "م12ا3ه", // مفعالة
    "ا1ت2ا3", // افتعال
    "ت1ا2ي3", // تفاعيل
  ],
};

// Four-letter roots, tried when a five- or six-letter word matched no three-letter pattern.
const QUADRILITERAL_PATTERNS: Readonly<Record<number, readonly string[]>> = {
  5: ["ا1234", "ت1234", "م1234", "1234ه", "12ا34"], // افعلل، تفعلل، مفعلل، فعللة، فعالل
  6: ["ا123ا4", "مت1234"], // افعلال، متفعلل
};

/** The letters in a pattern's root places, or undefined when the word does not have the pattern. */
function matchPattern(word: string, pattern: string): string | undefined {
  if (word.length !== pattern.length) return undefined;
  let root = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const place = pattern[i]!;
    if (place >= "1" && place <= "4") root += word[i];
    else if (place !== word[i]) return undefined;
  }
  return root;
}

function firstPatternRoot(word: string, patterns: readonly string[] | undefined): string | undefined {
  for (const pattern of patterns ?? []) {
    const root = matchPattern(word, pattern);
    if (root !== undefined) return root;
  }
  return undefined;
}

function withoutOne(word: string, letters: readonly string[], at: "start" | "end"): string {
  const letter = letters.find((candidate) => (at === "start" ? word.startsWith(candidate) : word.endsWith(candidate)));
  if (!letter) return word;
  return at === "start" ? word.slice(1) : word.slice(0, -1);
}

function stripAffixes(word: string): string {
  let stem = word;
  const prefix = (stem.length >= 6 && PREFIXES_3.find((p) => stem.startsWith(p))) || (stem.length >= 5 && PREFIXES_2.find((p) => stem.startsWith(p)));
  if (prefix) stem = stem.slice(prefix.length);
  const suffix = (stem.length >= 6 && SUFFIXES_3.find((s) => stem.endsWith(s))) || (stem.length >= 5 && SUFFIXES_2.find((s) => stem.endsWith(s)));
  if (suffix) stem = stem.slice(0, -suffix.length);
  // A connective و before a word that itself begins with و.
  if (stem.length >= 4 && stem.startsWith("وو")) stem = stem.slice(1);
  return stem;
}

/**
 * The root of a normalised word: of four to seven letters once its affixes are gone, shorter and longer ones
 * come back with their affixes stripped only. When no pattern fits, a single-letter suffix and then prefix is
 * dropped and the shorter word tried again.
 */
export function arabicRoot(word: string): string {
  return rootOfStem(stripAffixes(word));
}

function rootOfStem(stem: string): string {
  if (stem.length < 4 || stem.length > 7) return stem;
  if (stem.length === 7) {
    const shorter = withoutOne(stem, SUFFIX_LETTERS, "end");
    const shortest = shorter.length === 7 ? withoutOne(shorter, PREFIX_LETTERS, "start") : shorter;
    return shortest.length === 6 ? rootOfStem(shortest) : shortest;
  }
  const triliteral = firstPatternRoot(stem, PATTERNS[stem.length]);
  if (triliteral !== undefined) return triliteral;
  const shorter = withoutOne(stem, SUFFIX_LETTERS, "end");
  const shortest = shorter.length === stem.length ? withoutOne(shorter, PREFIX_LETTERS, "start") : shorter;
  if (shortest.length < stem.length) return stem.length === 4 ? shortest : rootOfStem(shortest);
  return firstPatternRoot(stem, QUADRILITERAL_PATTERNS[stem.length]) ?? stem;
}
