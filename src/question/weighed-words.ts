/**
 * The content words of a question as the rest of the system weighs them: each word's terms, letter trigrams and
 * root, its weight (rarity in the corpus and in Arabic at large), and its role in the question — the focus it asks
 * about, a verb paraphrased freely, a formula that names nothing. Read once per question (read-question.ts); the
 * answer matches passages against them (answer/word-matching). Pure.
 */
import { isKnownWord, type AnalyzedWord } from "../text/analyzer.js";
import { DIALECT_VERBS, hasDialectVerbPrefix, isInDialect } from "../text/dialect-words.js";
import { ALL_QUESTION_WORDS, answerFrameAt, QUESTION_WORDS, readAsWhich } from "../text/question-words.js";
import { BACKGROUND_RARITY, blendedInverseDocumentFrequency, type TermFrequencies } from "../text/background-rarity.js";
import { arabicRoot } from "../text/root.js";
import { PROCLITICS } from "../text/stem.js";

/** A content word of a question, weighed by how rare it is in the corpus and in Arabic text at large. */
export interface QuestionWord {
  readonly terms: readonly string[];
  readonly grams: ReadonlySet<string>;
  /**
   * IDF of the word's stem (BM25's) over the corpus and general Arabic text together
   * (blendedInverseDocumentFrequency): a word rare in both weighs the most, a common word little even where a
   * small corpus never writes it.
   */
  readonly weight: number;
  /** False when no chunk holds any of the word's terms. */
  readonly known: boolean;
  /**
   * Shaped like an imperfect verb (ي/ت/ن + at least three letters), a dialect verb of text/dialect-words (مشا)
   * or, in a question written in dialect, the dialects' present tense (كيمثل، بيتعمل), or right after a question
   * word that a verb usually follows (متى بدأ): questions paraphrase verbs freely (يقام for والمقام, بدأ for ينعقد), so an
   * unknown verb says less against answering than an unknown noun or name.
   */
  readonly verbLike: boolean;
  /**
   * A number, a question word behind a one-letter proclitic (بأي، لمن، وبكم), or the «الشيء» of «ما الشيء
   * الذي…»: unknown to the corpus, such a word still says nothing about whether the corpus covers the question's
   * topic (the Super Bowl 50 article never writes the 2015 its questions ask about).
   */
  readonly formulaic: boolean;
  /** The word's root (rootOfWord), when it has one worth matching. */
  readonly root: string | undefined;
  /** No article holds the word as typed: it is read as the known word one slip away (text/spelling). */
  readonly corrected: boolean;
  /**
   * The question's focus: the noun right after its question word, or after that word's هو / هي — what a
   * «ما هي عاصمة …» or «من هو رئيس …» asks about, beside the subject the other words name (focusOf).
   */
  readonly focus: boolean;
  /** Absent (or nearly) from general Arabic text (text/background-rarity): most often a name. */
  readonly rareInGeneral: boolean;
}


/**
 * The root of a normalised content word of four letters or more, when it has three letters or more: shorter
 * words and roots say too little (a two-letter "root" is most often a stripped word, not a root).
 */
export function rootOfWord(word: AnalyzedWord): string | undefined {
  if (word.terms.length === 0 || word.normalized.length < 4) return undefined;
  const root = arabicRoot(word.normalized);
  return root.length >= 3 ? root : undefined;
}

/**
 * Words that ask about the source rather than the subject ("according to the article, …"); they say nothing
 * about what the answer must contain. Normalised forms.
 */
const QUESTION_META_WORDS = new Set(["المقال", "المقاله", "النص", "الخبر", "حسب", "وفقا", "ذكر", "ذكرها", "يذكر", "المذكور", "المذكوره", "اذكر"]);

/** «The thing» of «ما الشيء الذي…», singular and plural, normalised: a question formula, not a topic. */
const FORMULA_NOUNS = new Set(["الشي", "شي", "الاشيا", "اشيا"]);

/** Question words, and من, as they stand behind a proclitic (بأي، لمن): normalised, without the proclitic. */
const QUESTION_WORDS_BEHIND_A_PROCLITIC = new Set<string>(["من", ...ALL_QUESTION_WORDS]);

function isFormulaic(normalized: string): boolean {
  return /^\d+$/u.test(normalized) || FORMULA_NOUNS.has(normalized) || QUESTION_WORDS_BEHIND_A_PROCLITIC.has(normalized.replace(PROCLITICS, ""));
}

/**
 * Question words and relative pronouns a verb usually follows (متى بدأ، من فاز، ماذا قال، اللي مشا), normalised.
 * Not ما or كم, which open noun phrases as often (ما عاصمة، كم عدد), nor the dialects' «what» (شنو، ايش، شو، وش،
 * اشنو), which do the same (شنو عاصمة، شنو دار); واش asks yes or no, like هل.
 */
const WORDS_BEFORE_A_VERB = new Set([
  ...["متي", "من", "ماذا", "لماذا", "كيف", "اين", "هل", "الذي", "التي", "الذين", "مالذي", "ماالذي"],
  // Darija, Levantine and Egyptian forms of the same.
  ...["امتي", "امتا", "ايمتي", "وقتاش", "فوقاش", "فاش", "علاش", "علاه", "ليش", "ليه", "كيفاش", "ازاي", "شلون", "وشلون", "فين", "وين", "فاين", "منين", "شكون", "مين", "منو", "واش", "اللي"],
]);

/**
 * The content words of a question as analyzeQuestion reads it (a word one slip away from a known one is weighed
 * and matched as that word; a glued word as its two halves), each once, weighed by its IDF over the corpus
 * (`lexical`) and `background` text together.
 */
export function questionWordsOf(analyzed: readonly AnalyzedWord[], lexical: TermFrequencies, background: TermFrequencies = BACKGROUND_RARITY): QuestionWord[] {
  const seen = new Set<string>();
  const words: QuestionWord[] = [];
  const normalized = analyzed.map((word) => word.normalized);
  const inDialect = isInDialect(normalized);
  const focusAt = focusPosition(normalized);
  for (const [position, word] of analyzed.entries()) {
    const stem = word.terms[0];
    // «ما الهدف من …» frames the question (text/question-words): what it asks about follows.
    // So does the unit a «how many» counts in (كم يوما): the answer gives the number, seldom the unit. «Which»
    // behind a preposition (بأي، لأي) asks, and names nothing a passage could hold.
    if (!stem || seen.has(stem) || QUESTION_META_WORDS.has(word.normalized) || answerFrameAt(normalized, position) || isUnitCounted(normalized, position) || readAsWhich(word.normalized)?.preposition !== undefined) continue;
    seen.add(stem);
    const known = isKnownWord(word, (term) => lexical.documentFrequency(term));
    // A dialect verb no article holds is a paraphrase of the corpus's formal Arabic, never a sign that the
    // question is about something else: weighed at its IDF, مشا held «شكون اللي مشا لتركيا؟» at 0.52.
    if (!known && DIALECT_VERBS.has(word.normalized)) continue;
    const before = position > 0 ? analyzed[position - 1]!.normalized : "";
    // With or without a conjunction in front (ومتى، ومن، فمن); وقتاش and واش begin with a و of their own.
    const afterQuestionWord = WORDS_BEFORE_A_VERB.has(before) || (/^[وف]/u.test(before) && WORDS_BEFORE_A_VERB.has(before.slice(1)));
    const verbLike =
      (isShapedLikeAnImperfect(word.normalized) && !NOUNS_BEFORE_A_NAME.has(before) && !COPULA_PRONOUNS.has(before)) ||
      DIALECT_VERBS.has(word.normalized) ||
      (inDialect && hasDialectVerbPrefix(word.normalized)) ||
      (afterQuestionWord && !word.normalized.startsWith("ال")) ||
      (HOW_MANY_WORDS.has(before.replace(/^[وف]/u, "")) && isShapedLikeAPastVerb(word.normalized));
    words.push({ terms: word.terms, grams: trigrams(word.normalized), weight: blendedInverseDocumentFrequency(stem, lexical, background), known, verbLike, formulaic: isFormulaic(word.normalized), root: rootOfWord(word), corrected: word.correctedFrom !== undefined, focus: position === focusAt, rareInGeneral: word.terms.every((term) => background.documentFrequency(term) < 2) });
  }
  return words;
}

/**
 * Where the question's focus stands: the word right after its first question word — or after the هو / هي that
 * follows it (من هو رئيس تركيا؟، ما هي اللغة الرسمية؟، شكون الوزير …، متى استقل …) — past a superlative (أكبر
 * مدينة، أقدم مملكة) the noun it governs, past «كم عدد» what is counted. A noun names the thing asked about, a
 * verb the event. Undefined when a relative or another question word follows (ما الذي ناقشه).
 */
function focusPosition(normalizedWords: readonly string[]): number | undefined {
  const asking = normalizedWords.findIndex((word) => QUESTION_WORDS_BEHIND_A_PROCLITIC.has(word) || QUESTION_WORDS_BEHIND_A_PROCLITIC.has(word.replace(/^[وف]/u, "")));
  if (asking === -1) return undefined;
  let position = asking + 1;
  if (COPULA_PRONOUNS.has(normalizedWords[position] ?? "")) position += 1;
  const word = normalizedWords[position];
  if (word === undefined || RELATIVES.has(word) || QUESTION_WORDS_BEHIND_A_PROCLITIC.has(word)) return undefined;
  // After «أي» the noun is the kind of answer (في أي سنة، في أي مدينة), not the thing asked about.
  if (normalizedWords[asking]!.replace(/^[وفبل]/u, "") === "اي") return undefined;
  const next = normalizedWords[position + 1];
  // «كم عدد …» counts what follows it; «ما معنى …»، «ما اسم …»، «ما نوع …» ask about what follows them.
  if (FOCUS_FRAMES.has(word.replace(/^ال/u, "")) && next !== undefined) return position + 1;
  if (/^ا\p{L}{3}$/u.test(word) && next !== undefined && !next.startsWith("ال") && /^\p{L}{3,}$/u.test(next)) return position + 1;
  return position;
}

/** Nouns that frame what a question asks about rather than name it (كم عدد السكان، ما معنى اللقب), normalised. */
const FOCUS_FRAMES: ReadonlySet<string> = new Set(["عدد", "معني", "اسم", "نوع", "ترتيب"]);

/** Relative pronouns, normalised: after the question word they open a clause (ما الذي ناقشه), not a noun phrase. */
const RELATIVES: ReadonlySet<string> = new Set(["الذي", "التي", "الذين", "اللذين", "اللتين", "اللي", "لي"]);

/**
 * Nouns that a place's or a people's name follows in a construct (عاصمة تونس، رئيس تونس، منتخب تطوان), normalised,
 * without the article (a definite noun before an imperfect is its subject: المدينة تنمو). The word after one is
 * the name, whatever its shape: «ما هي عاصمة تونس؟» asked of the seed article read تونس as a verb, a paraphrase,
 * and was answered (tentatively, at 0.62); it is declined now. XQuAD-ar's figures are unchanged.
 */
const NOUNS_BEFORE_A_NAME = new Set([
  ...["عاصمه", "رييس", "ملك", "امير", "سلطان", "عمده", "حكومه", "دوله", "شعب", "سكان", "منتخب", "جامعه", "مدينه", "ولايه"],
  ...["جزيره", "نهر", "جبل", "بحر", "مينا", "مطار", "عمله", "علم", "تاريخ", "شمال", "جنوب", "شرق", "غرب", "وسط"],
]);

/**
 * The pronouns a question puts between its question word and what it asks about (من هو يوسف؟، ما هي نسبة …؟،
 * ما هي تداعيات …؟): the word after one is the predicate, a noun or a name, whatever its shape. Read as a verb
 * (ي/ت/ن and three letters), a name the corpus never mentions counted as a paraphrase, not as a thing no chunk
 * names: «من هو يوسف؟» asked of the seed article escaped the rule for such questions. The nine words of that
 * shape after هو or هي in XQuAD-ar's questions are all nouns (نسبة، نظام، نائب، ترتيب، تسمية).
 */
const COPULA_PRONOUNS: ReadonlySet<string> = new Set(["هو", "هي", "هما", "هم"]);

/**
 * ي، ت or ن and three letters or more, as an imperfect verb is (يقام، تلتقي، نستفيد) — but not ending in يا or in
 * an ا other than the plural's وا: those are names (تركيا، نيجيريا، تنزانيا، يوغوسلافيا), which the shape alone
 * took for verbs, so that «ما هي عاصمة نيجيريا؟» asked of the seed article did not count نيجيريا as a thing no
 * chunk names and was not declined by that rule (evidence 0.50; now 0.00). XQuAD-ar's figures are unchanged.
 */
function isShapedLikeAnImperfect(normalized: string): boolean {
  return /^[يتن]\p{L}{3,}$/u.test(normalized) && !/(?:يا|[^و]ا)$/u.test(normalized);
}

/**
 * Units of time and of times, normalised, without the article: what a «how many» counts in (كم يوما، كام يوم،
 * شحال ديال الأيام). The answer gives a number or a span of dates, and seldom names the unit: the seed article
 * says «من 18 إلى 20 شتنبر», never أيام.
 */
const COUNTED_UNITS = new Set([
  ...["يوم", "يوما", "ايام", "ليله", "ليال", "ساعه", "ساعات", "دقيقه", "دقايق", "اسبوع", "اسبوعا", "اسابيع"],
  ...["شهر", "شهرا", "اشهر", "شهور", "سنه", "سنوات", "سنين", "عام", "عاما", "اعوام", "قرن", "قرون", "مره", "مرات"],
]);

/**
 * Whether the word at `position` is the unit a «how many» counts in, right after it or after its ديال / من
 * (كام يوم، شحال ديال الأيام، شحال دالأيام، كم من مرة), or the unit a «which» asks a time in (في أي شهر، وفي أي
 * سنة). Like a noun that frames the question (ما مدة …), it is left out of the words the decision weighs
 * (retrieval still searches it): a question the corpus answers with dates must not be declined as being about
 * «days» or «a month», things no chunk names. «كام يوم المنتدى ده؟» and «في أي شهر انعقد المنتدى؟» asked of
 * the seed article, which gives «من 18 إلى 20 شتنبر», were declined so.
 */
function isUnitCounted(normalizedWords: readonly string[], position: number): boolean {
  // Darija glues its genitive د to the article (دالأيام).
  const unit = normalizedWords[position]!.replace(/^د?ال/u, "");
  if (!COUNTED_UNITS.has(unit) || position === 0) return false;
  const isHowMany = (word: string | undefined) => word !== undefined && HOW_MANY_WORDS.has(word.replace(/^[وف]/u, ""));
  const before = normalizedWords[position - 1];
  return isHowMany(before) || readAsWhich(before!) !== undefined || ((before === "ديال" || before === "من") && isHowMany(normalizedWords[position - 2]));
}

/**
 * كم and its dialect forms open a noun as often as a verb (كم عدد، كم دولة: WORDS_BEFORE_A_VERB leaves them
 * out), but a word after them with a past verb's shape is the verb: a feminine past ending in ت (دامت، استمرت;
 * not the plural ات, since ة is ه once normalised) or a form X past (استغرق، استمر). «كم استغرق المنتدى؟» asked
 * of the seed article counted استغرق as a thing no chunk names and was declined; it is answered with the
 * forum's dates now. XQuAD-ar's figures are unchanged.
 */
const HOW_MANY_WORDS: ReadonlySet<string> = new Set(QUESTION_WORDS.find(([kind]) => kind === "how-many")!.slice(1).flat());

function isShapedLikeAPastVerb(normalized: string): boolean {
  return (/^\p{L}{2,}ت$/u.test(normalized) && !normalized.endsWith("ات")) || /^است\p{L}{2,}$/u.test(normalized);
}

/** A noun or a name, as far as the question's shape tells: neither shaped like a verb nor formulaic. */
export function isNounLike(word: QuestionWord): boolean {
  return !word.verbLike && !word.formulaic;
}

/**
 * Whether a question word could name something the corpus never mentions: no chunk holds it, and it is neither
 * shaped like a verb (paraphrased freely) nor formulaic. Whether the best passages nearly hold it is the
 * caller's to check.
 */
export function mayBeUnseen(word: QuestionWord): boolean {
  return !word.known && isNounLike(word);
}

/**
 * The index of the question's most specific noun or name that the corpus holds — the known, noun-like word of
 * the highest weight (the first of equals) — or undefined when it has none: what the question is about, as
 * far as the corpus can tell (الجيش in «متى احتل الجيش الألماني راينلاند؟» when no chunk holds راينلاند).
 */
export function rarestKnownNoun(words: readonly QuestionWord[]): number | undefined {
  let rarest: number | undefined;
  words.forEach((word, w) => {
    if (word.known && isNounLike(word) && (rarest === undefined || word.weight > words[rarest]!.weight)) rarest = w;
  });
  return rarest;
}

/** A word's letter trigrams, the word padded with _ at both ends: what near spellings are matched by. */
export function trigrams(word: string): Set<string> {
  const padded = `_${word}_`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}
