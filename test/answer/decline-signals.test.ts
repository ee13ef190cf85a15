import { describe, expect, it } from "vitest";
import { composeAnswer, DEFAULT_COMPOSE_PARAMS } from "../../src/answer/compose-answer.js";
import { answerProbability, DEFAULT_DECLINE_MODEL, type DeclineSignals } from "../../src/answer/decline-model.js";
import type { Chunk } from "../../src/corpus/article.js";
import { chunkFieldTerms } from "../../src/index/chunk-terms.js";
import { LexicalIndex } from "../../src/index/lexical-index.js";
import type { RetrievedChunk } from "../../src/retrieval/hybrid-retriever.js";
import { createAnalyzer } from "../../src/text/analyzer.js";

const analyzer = createAnalyzer();
const TEXTS = [
  "ترأس المدير العام للأمن الوطني وفدا أمنيا إلى منتدى أنقرة للصناعات الدفاعية.",
  "افتتح المعرض الدولي للكتاب أبوابه في الرباط بمشاركة ناشرين من خمسين بلدا.",
  "تساقطت الثلوج بكثافة على قمم الأطلس الكبير وأغلقت عدة طرق جبلية.",
  "عقد الوفد لقاءات ثنائية مع مسؤولين أتراك على هامش المنتدى.",
  "نظمت المدينة ورشات للقراءة لفائدة الأطفال طيلة أيام المعرض.",
  "حذرت الأرصاد من موجة برد جديدة في المرتفعات.",
];
const chunks: Chunk[] = TEXTS.map((text, i) => ({ id: `a${i}#0`, docId: `a${i}`, title: `مقال ${i}`, section: `مقال ${i}`, text, start: 0, end: text.length }));
const lexical = LexicalIndex.of(chunks.map((chunk) => chunkFieldTerms(chunk, analyzer)));
const context = { analyzer, lexical };

/** A question half held by its passage, with no unseen noun: where the decision has something to weigh. */
const MIDDLING: DeclineSignals = {
  coverage: 0.6, windowCoverage: 0.6, scoreMargin: 0.2, scoreDensity: 1, ngramCoverage: 0.5, matchedShare: 0.6,
  scoreSpread: 0.5, articleDensity: 0.5, strangeShare: 0, unseenNounShare: 0, contentWords: 5, otherYear: 0, answerTypeHeld: 1, unseenRarity: 0, correctedNounShare: 0, focusUnseen: 0, focusWithoutSubject: 0, subjectShare: 1,
};

const retrieved = (lexicalScores: number[], articleScores: number[]): RetrievedChunk[] =>
  lexicalScores.map((lexicalScore, i) => ({ ordinal: i, chunk: chunks[i]!, score: lexicalScore, lexicalScore, articleScore: articleScores[i]! }));

describe("the signals of the decision to decline", () => {
  const question = "من ترأس الوفد الأمني إلى منتدى أنقرة؟";

  it("scoreSpread: how far the best lexical score stands above the fifth, whatever the order", () => {
    const answer = composeAnswer(question, retrieved([2, 10, 6, 5, 4, 1], [1, 1, 1, 1, 1, 1]), context);
    expect(answer.signals.scoreSpread).toBeCloseTo((10 - 2) / 10);
    // Fewer than five scores: the last one stands in for the fifth.
    expect(composeAnswer(question, retrieved([10, 5], [1, 1]), context).signals.scoreSpread).toBeCloseTo(0.5);
  });

  it("articleDensity: the best article's score per unit of question weight", () => {
    const first = composeAnswer(question, retrieved([10, 6, 5], [3, 12, 2]), context);
    const doubled = composeAnswer(question, retrieved([10, 6, 5], [6, 24, 4]), context);
    expect(first.signals.articleDensity).toBeGreaterThan(0);
    expect(doubled.signals.articleDensity).toBeCloseTo(2 * first.signals.articleDensity);
  });

  it("a question matched by its article throughout is likelier answered than one matched by stray words", () => {
    const base: DeclineSignals = {
      coverage: 0.5, windowCoverage: 0.5, scoreMargin: 0.2, scoreDensity: 1, ngramCoverage: 0.5, matchedShare: 0.5,
      scoreSpread: 0.5, articleDensity: 0.5, strangeShare: 0, unseenNounShare: 0, contentWords: 5, otherYear: 0, answerTypeHeld: 1, unseenRarity: 0, correctedNounShare: 0, focusUnseen: 0, focusWithoutSubject: 0, subjectShare: 1,
    };
    const strong = answerProbability({ ...base, articleDensity: 2, scoreSpread: 0.9 }, 120, DEFAULT_DECLINE_MODEL);
    expect(strong).toBeGreaterThan(answerProbability(base, 120, DEFAULT_DECLINE_MODEL));
  });

  it("strangeShare and unseenNounShare: nouns and names no chunk holds, not numbers, بأي-like words or «الشيء»", () => {
    const signalsOf = (q: string) => composeAnswer(q, retrieved([10, 6, 5], [12, 3, 2]), context).signals;
    // البركان and الغواصة appear in no chunk, nor anything spelled like them: two of the four content words,
    // and most of the nouns' weight (الوفد, the third noun, is in two chunks).
    const strange = signalsOf("من ترأس الوفد إلى البركان والغواصة؟");
    expect(strange.unseenNounShare).toBe(0.5);
    expect(strange.strangeShare).toBeGreaterThan(0.6);
    expect(strange.strangeShare).toBeLessThan(1);
    // A year, بأي and الشيء are unknown to every chunk too, but say nothing about the question's topic.
    expect(signalsOf("ما الشيء الذي ترأسه الوفد في 2019؟")).toMatchObject({ strangeShare: 0, unseenNounShare: 0 });
    expect(signalsOf("بأي منتدى شارك الوفد؟")).toMatchObject({ strangeShare: 0, unseenNounShare: 0 });
  });

  it("unseenNounShare: a slip the spelling correction cannot mend is not taken for something the corpus never mentions", () => {
    // المدري (المدير with two letters swapped) is in no chunk and no single edit away from a known word, but
    // the best chunk holds المدير, which shares half its letter trigrams: too little for a partial match (the
    // rule's strangeShare counts it), enough to say the question is not about something else.
    const signals = composeAnswer("من هو المدري العام للأمن؟", retrieved([10, 6, 5], [12, 3, 2]), context).signals;
    expect(signals.unseenNounShare).toBe(0);
    expect(signals.strangeShare).toBeGreaterThan(0);
  });

  it("answerTypeHeld: whether the clauses that hold a when- or how-many question hold a date or a number", () => {
    const typeHeldOf = (q: string) => composeAnswer(q, retrieved([10, 6, 5], [12, 3, 2]), context).signals.answerTypeHeld;
    // TEXTS[0] dates nothing and counts nothing.
    expect(typeHeldOf("متى ترأس المدير الوفد الأمني؟")).toBe(0);
    expect(typeHeldOf("كم وفدا ترأس المدير؟")).toBe(0);
    // Questions whose answer has no shape to look for are not held against.
    expect(typeHeldOf("من ترأس الوفد الأمني؟")).toBe(1);
    const dated: Chunk = { ...chunks[0]!, text: `${chunks[0]!.text} وذلك يوم 18 شتنبر 2025.` };
    const datedRetrieved = [{ ordinal: 0, chunk: dated, score: 10, lexicalScore: 10, articleScore: 12 }];
    expect(composeAnswer("متى ترأس المدير الوفد الأمني؟", datedRetrieved, context).signals.answerTypeHeld).toBe(1);
  });

  it("answerTypeHeld reads every run of clauses that holds the question best, not only the first", () => {
    // The question's words stand in the third clause; the first run that holds them (clauses one to three)
    // ends there, the next (two to four) also holds the year that follows.
    const text =
      "اجتاحت الجيوش المغولية بلاد فارس في حملة طويلة، وسيطرت على شيا الغربية وبقايا سلالة الخوارزميين، " +
      "ثم اشتبكت مع أسرة سونغ الإمبراطورية في جنوب الصين، وبدأت حربا طويلة استمرت حتى عام 1279 بلا توقف.";
    const chunk: Chunk = { id: "m#1", docId: "m", title: "المغول", section: "التوسع", text, start: 0, end: text.length };
    const index = LexicalIndex.of([chunkFieldTerms(chunk, analyzer)]);
    const signals = composeAnswer("متى اشتبكت أسرة سونغ الإمبراطورية؟", [{ ordinal: 0, chunk, score: 1, lexicalScore: 1, articleScore: 1 }], { analyzer, lexical: index }).signals;
    expect(signals.answerTypeHeld).toBe(1);
  });

  it("a passage without the answer's shape makes the question less likely answered, at every corpus size", () => {
    for (const chunkCount of [5, 20, 120]) {
      expect(answerProbability({ ...MIDDLING, answerTypeHeld: 0 }, chunkCount)).toBeLessThan(answerProbability(MIDDLING, chunkCount));
    }
  });

  it("the more of a question's nouns the corpus never mentions, the less likely it is answered", () => {
    for (const chunkCount of [5, 20, 120]) {
      expect(answerProbability({ ...MIDDLING, unseenNounShare: 0.4 }, chunkCount)).toBeLessThan(answerProbability(MIDDLING, chunkCount));
    }
  });

  const from = (...indexes: number[]): RetrievedChunk[] =>
    indexes.map((i, rank) => ({ ordinal: rank, chunk: chunks[i]!, score: 10 - rank, lexicalScore: 10 - rank, articleScore: 10 - rank }));

  it("focusUnseen: the thing a short question asks about is nowhere, and it names nothing the corpus is specifically about", () => {
    // عمدة, right after «من هو», is in no chunk; the city is, and is a word of any Arabic text.
    expect(composeAnswer("من هو عمدة المدينة؟", from(4, 1), context).signals.focusUnseen).toBe(1);
    // Asked about the forum of Ankara, a name general text hardly writes, it asks about what the corpus covers.
    expect(composeAnswer("من هو عمدة أنقرة؟", from(0, 3), context).signals.focusUnseen).toBe(0);
    // The forum's president is in the first chunk (ترأس): the focus is nearly held.
    expect(composeAnswer("من هو مترأس الوفد؟", from(0, 3), context).signals.focusUnseen).toBe(0);
    // A verb is a focus only in a «when»: «أين تقع …» paraphrases where a thing lies.
    expect(composeAnswer("متى تأسست المدينة؟", from(4, 1), context).signals.focusUnseen).toBe(1);
    expect(composeAnswer("أين تقع أنقرة؟", from(0, 3), context).signals.focusUnseen).toBe(0);
    // After «أي» the noun is the kind of answer, not what is asked about.
    expect(composeAnswer("في أي سنة انعقد المنتدى؟", from(0, 3), context).signals.focusUnseen).toBe(0);
  });

  it("focusWithoutSubject: the best passages hold a two-noun question's focus, but never beside its subject", () => {
    // A capital in no chunk: nothing is held, nothing said about another subject.
    expect(composeAnswer("ما هي عاصمة اليابان؟", from(0, 3), context).signals.focusWithoutSubject).toBe(0);
    // المعرض is held by chunks 1 and 4, الأطلس by chunk 2 only: a fair, but not in the Atlas.
    expect(composeAnswer("ما هو معرض الأطلس؟", from(1, 4, 2), context).signals.focusWithoutSubject).toBe(1);
    // The book fair is held together with its city.
    expect(composeAnswer("ما هو معرض الرباط؟", from(1, 4, 2), context).signals.focusWithoutSubject).toBe(0);
  });

  it("correctedNounShare counts nouns read through a slip; unseenRarity says how rare the rarest unseen one is", () => {
    const slip = composeAnswer("ما هو المعرظ الدولي؟", from(1, 4), context).signals;
    expect(slip.correctedNounShare).toBe(0.5);
    expect(slip.unseenRarity).toBe(0);
    const unseen = composeAnswer("ما هو الكسكس الدولي؟", from(1, 4), context).signals;
    expect(unseen.correctedNounShare).toBe(0);
    expect(unseen.unseenRarity).toBeGreaterThan(0.9);
  });

  it("a question read through a slip of one of its nouns is less likely answered", () => {
    for (const chunkCount of [5, 20, 120]) {
      expect(answerProbability({ ...MIDDLING, correctedNounShare: 0.5 }, chunkCount)).toBeLessThan(answerProbability(MIDDLING, chunkCount));
    }
  });

  it("a question the best chunk answers is answered from it, the signals read from the retrieved chunks", () => {
    const answer = composeAnswer(question, retrieved([10, 6, 5, 4, 3, 1], [12, 3, 2, 3, 2, 1]), context, DEFAULT_COMPOSE_PARAMS);
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.chunkId).toBe("a0#0");
  });
});

describe("a question with a missing space", () => {
  it("is measured by the same character n-grams as the question typed right", () => {
    const text = "تشتهر البلد بزراعة الزيتون وتصدير زيته إلى أوروبا.";
    const chunk: Chunk = { id: "z#0", docId: "z", title: "الزيتون", section: "الزيتون", text, start: 0, end: text.length };
    const index = LexicalIndex.of([chunkFieldTerms(chunk, analyzer)]);
    const signalsOf = (question: string) =>
      composeAnswer(question, [{ ordinal: 0, chunk, score: 1, lexicalScore: 1, articleScore: 1 }], { analyzer, lexical: index }).signals;
    const glued = signalsOf("بما تشتهرالبلد؟");
    expect(glued.ngramCoverage).toBe(signalsOf("بما تشتهر البلد؟").ngramCoverage);
    expect(glued.coverage).toBe(signalsOf("بما تشتهر البلد؟").coverage);
  });
});

describe("subjectShare", () => {
  // Two articles on two foundations' sessions; a question word held by its root only (تأسست / المؤسسة) has no
  // count of its own in either.
  const TEXTS_OF_TWO = ["عقدت المؤسسة دورتها السنوية في أنقرة بحضور الوفود.", "اختتمت المؤسسة دورتها في الرباط بتوصيات."];
  const twoChunks: Chunk[] = TEXTS_OF_TWO.map((text, i) => ({ id: `s${i}#0`, docId: `s${i}`, title: `خبر ${i}`, section: `خبر ${i}`, text, start: 0, end: text.length }));
  const twoLexical = LexicalIndex.of(twoChunks.map((chunk) => chunkFieldTerms(chunk, analyzer)));
  const articles = { lexical: twoLexical.grouped([0, 1], 2), ofDocId: new Map(twoChunks.map((chunk, i) => [chunk.docId, i])) };
  const ask = (question: string) =>
    composeAnswer(question, twoChunks.map((chunk, i) => ({ ordinal: i, chunk, score: 2 - i, lexicalScore: 2 - i, articleScore: 2 - i })), { analyzer, lexical: twoLexical, articles });

  it("is the largest share of a held word's mentions that the best passage's article holds", () => {
    expect(ask("أين عقدت المؤسسة دورتها في أنقرة؟").signals.subjectShare).toBe(1); // أنقرة: all its mentions
    expect(ask("ماذا تناولت دورة المؤسسة؟").signals.subjectShare).toBeCloseTo(0.5); // each article says each once
  });

  it("is 1 when no question word is held as written: a root or a near spelling has no count to share", () => {
    const answer = ask("متى تأسست؟");
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.signals.subjectShare).toBe(1);
  });

  it("is 1 when the article's title names a held word, however often other articles mention it", () => {
    const titled = twoChunks.map((chunk, i) => ({ ...chunk, title: i === 0 ? "المؤسسة في أنقرة" : chunk.title }));
    const lexical = LexicalIndex.of(titled.map((chunk) => chunkFieldTerms(chunk, analyzer)));
    const withTitle = { lexical: lexical.grouped([0, 1], 2), ofDocId: articles.ofDocId };
    const answer = composeAnswer("ماذا تناولت دورة المؤسسة؟", titled.map((chunk, i) => ({ ordinal: i, chunk, score: 2 - i, lexicalScore: 2 - i, articleScore: 2 - i })), { analyzer, lexical, articles: withTitle });
    expect(answer.signals.subjectShare).toBe(1);
  });
});
