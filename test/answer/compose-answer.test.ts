import { describe, expect, it } from "vitest";
import { composeAnswer, DEFAULT_COMPOSE_PARAMS } from "../../src/answer/compose-answer.js";
import type { Chunk } from "../../src/corpus/article.js";
import { chunkFieldTerms } from "../../src/index/chunk-terms.js";
import { LexicalIndex } from "../../src/index/lexical-index.js";
import { createAnalyzer } from "../../src/text/analyzer.js";

const analyzer = createAnalyzer();
// One long sentence of comma-chained clauses, as the seed article writes: far more than one answer can hold.
const LONG =
  "افتتحت مدينة طنجة مهرجانها السنوي للفيلم القصير، بمشاركة مخرجين شباب من المغرب وتونس ومصر ولبنان، " +
  "وتتنافس في دورته الحالية ثلاثون فيلما على الجائزة الكبرى، التي تمنحها لجنة تحكيم يرأسها المخرج المغربي نبيل عيوش، " +
  "فيما تقام على هامش المهرجان ورشات تكوينية في كتابة السيناريو والتصوير والمونتاج لفائدة طلبة المعاهد الفنية، " +
  "إلى جانب ندوات فكرية حول مستقبل السينما المستقلة في العالم العربي وسبل تمويلها وتوزيعها، " +
  "ويختتم المهرجان فعالياته يوم السبت المقبل بحفل كبير في قصر الثقافة والفنون بحضور وزير الثقافة وعدد من نجوم الشاشة.";
const chunk: Chunk = { id: "festival#0", docId: "festival", title: "مهرجان طنجة", section: "مهرجان طنجة", text: LONG, start: 0, end: LONG.length };
const other: Chunk = { id: "weather#0", docId: "weather", title: "طقس", section: "طقس", text: "تساقطت أمطار غزيرة على الشمال.", start: 0, end: 31 };
const lexical = LexicalIndex.of([chunk, other].map((each) => chunkFieldTerms(each, analyzer)));

describe("composeAnswer's quote", () => {
  const answer = composeAnswer(
    "من يرأس لجنة تحكيم الجائزة الكبرى؟",
    [{ ordinal: 0, chunk, score: 10, lexicalScore: 10, articleScore: 10 }],
    { analyzer, lexical },
  );

  it("holds the answering clause, verbatim, within the answer's length", () => {
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("نبيل عيوش");
    expect(answer.text.length).toBeLessThanOrEqual(DEFAULT_COMPOSE_PARAMS.maxAnswerChars);
    const [citation] = answer.citations;
    expect(LONG.slice(citation!.start, citation!.end)).toBe(citation!.quote);
  });

  it("a lone quote fills the room left by whole clauses with the words that follow, never cutting a word", () => {
    const { quote, end } = answer.citations[0]!;
    expect(quote.length).toBeGreaterThan(DEFAULT_COMPOSE_PARAMS.targetQuoteChars - 15);
    expect(LONG[end]).toMatch(/\s/u);
    expect(answer.text).toMatch(/…\s\[1\]$/u);
  });
});

describe("composeAnswer with two passages that answer alike", () => {
  // A second report of the same festival, as long, naming the jury's president in a clause of its own.
  const REPORT =
    "اختتمت مساء أمس اللجنة مداولاتها في قاعة مغلقة بعيدا عن الصحافة والجمهور بعد أسبوع من العروض، " +
    "وقال المخرج المغربي نبيل عيوش الذي يرأس لجنة تحكيم مهرجان طنجة إن مستوى الأفلام المشاركة فاق كل التوقعات، " +
    "مضيفا أن اللجنة شاهدت ثلاثين فيلما خلال أسبوع كامل قبل أن تتفق على قائمة قصيرة من خمسة أفلام، " +
    "وأن الإعلان عن الفائزين سيكون في حفل الاختتام بحضور المخرجين والممثلين وعدد من النقاد والصحافيين.";
  const report: Chunk = { id: "jury#0", docId: "jury", title: "لجنة التحكيم", section: "لجنة التحكيم", text: REPORT, start: 0, end: REPORT.length };
  const index = LexicalIndex.of([chunk, report, other].map((each) => chunkFieldTerms(each, analyzer)));
  const answer = composeAnswer(
    "من يرأس لجنة تحكيم مهرجان طنجة؟",
    [
      { ordinal: 0, chunk, score: 10, lexicalScore: 10, articleScore: 10 },
      { ordinal: 1, chunk: report, score: 9, lexicalScore: 9, articleScore: 9 },
    ],
    { analyzer, lexical: index },
  );

  it("cites both, sharing the answer's room so that the second quote says more than a few words", () => {
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((citation) => citation.docId)).toEqual(["festival", "jury"]);
    expect(answer.citations[1]!.quote).toContain("نبيل عيوش");
    expect(answer.citations[1]!.quote.length).toBeGreaterThan(DEFAULT_COMPOSE_PARAMS.maxAnswerChars / 4);
    expect(answer.text.length).toBeLessThanOrEqual(DEFAULT_COMPOSE_PARAMS.maxAnswerChars);
    expect(answer.text).toMatch(/\[1\].*\[2\]$/su);
  });
});

describe("composeAnswer with a passage that repeats another", () => {
  // The festival's report again, its opening written with diacritics and followed by a line of its own, as a
  // paragraph that repeats the one before it (ARCD's paragraphs often do) or a wire story run twice.
  const REPEAT =
    "افتتحت مدينةُ طنجةَ مهرجانَها السنويَّ للفيلم القصير، بمشاركة مخرجين شباب من المغرب وتونس ومصر ولبنان، " +
    "وتتنافس في دورته الحالية ثلاثون فيلما على الجائزة الكبرى، التي تمنحها لجنة تحكيم يرأسها المخرج المغربي نبيل عيوش، " +
    "وقد بيعت كل تذاكر العروض قبل الافتتاح.";
  const repeat: Chunk = { id: "festival-again#0", docId: "festival-again", title: "طنجة تحتفي بالسينما", section: "طنجة تحتفي بالسينما", text: REPEAT, start: 0, end: REPEAT.length };
  const index = LexicalIndex.of([chunk, repeat, other].map((each) => chunkFieldTerms(each, analyzer)));
  const answer = composeAnswer(
    "من يرأس لجنة تحكيم الجائزة الكبرى؟",
    [
      { ordinal: 0, chunk, score: 10, lexicalScore: 10, articleScore: 10 },
      { ordinal: 1, chunk: repeat, score: 10, lexicalScore: 10, articleScore: 10 },
    ],
    { analyzer, lexical: index },
  );

  it("quotes the answering clause once, and gives the one quote the whole room", () => {
    expect(answer.abstained).toBe(false);
    expect(answer.citations).toHaveLength(1);
    expect(answer.text.match(/نبيل عيوش/gu)).toHaveLength(1);
    expect(answer.citations[0]!.quote.length).toBeGreaterThan(DEFAULT_COMPOSE_PARAMS.targetQuoteChars - 15);
  });
});

describe("composeAnswer in an article that names its subject throughout", () => {
  // A section of an encyclopedia article on Einstein: its first sentence names him and both his theories, the
  // answer to «when did he put forward the general one» is three sentences on, out of that sentence's quote.
  const SCIENCE =
    "يعد ألبرت أينشتاين واضع النسبية الخاصة والنسبية العامة الشهيرتين، اللتين كانتا اللبنة الأولى للفيزياء النظرية الحديثة، " +
    "وقد بدأ أينشتاين حياته العلمية موظفا في مكتب براءات الاختراع في مدينة برن السويسرية بعد أن تعذر عليه العمل في التدريس، " +
    "ونشر في عام 1905 أربع أوراق علمية غيرت فهم العلماء للضوء والمادة والحركة، منها ورقته عن التأثير الكهروضوئي التي نال عنها جائزة نوبل لاحقا. " +
    "ثم انتقل إلى التدريس في جامعات زيورخ وبراغ قبل أن يستقر في برلين عضوا في الأكاديمية البروسية للعلوم. " +
    "وفي عام 1915 طرح النسبية العامة التي تفسر الجاذبية بانحناء الزمكان، وتأكدت صحتها بعد أربع سنوات برصد كسوف الشمس.";
  const science: Chunk = { id: "einstein#2", docId: "einstein", title: "ألبرت أينشتاين", section: "حياته العلمية", text: SCIENCE, start: 0, end: SCIENCE.length };
  const index = LexicalIndex.of([science, other].map((each) => chunkFieldTerms(each, analyzer)));

  it("quotes the clause that holds the question's other words, not the one that names the subject with them", () => {
    const answer = composeAnswer("في أي عام طرح ألبرت أينشتاين النسبية العامة؟", [{ ordinal: 0, chunk: science, score: 10, lexicalScore: 10, articleScore: 10 }], {
      analyzer,
      lexical: index,
    });
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain("1915");
  });
});

describe("composeAnswer with a question word behind a proclitic where the passage has it behind the article", () => {
  // «لداء» of the question and «الداء» of the answering sentence differ in one letter of a short word: their
  // trigrams overlap at 0.57. The first sentence holds «السكري» and «الأخرى»; the last, «الداء السكري» and its names.
  const NAMES =
    "يصيب السكري أكثر من أربعمئة مليون إنسان في العالم، ويرتفع عدد المصابين به كل عام مع انتشار السمنة وقلة الحركة، وتنفق الدول أموالا طائلة على علاجه ومضاعفاته الأخرى. " +
    "وتظهر أعراضه في العطش الشديد وكثرة التبول والتعب وفقدان الوزن دون سبب واضح، وقد يمر وقت طويل قبل أن يلاحظها المصاب ويقصد الطبيب لإجراء الفحوص اللازمة. " +
    "ويقاس مستوى الغلوكوز في الدم بعد صيام ثماني ساعات على الأقل، فإذا تجاوز حدا معينا في فحصين متتاليين شخص الطبيب المرض وبدأ العلاج بالحمية والرياضة ثم بالأدوية. " +
    "ويعرف الداء السكري أيضا باسم البوال السكري، ويسميه العامة مرض السكر.";
  const names: Chunk = { id: "diabetes#1", docId: "diabetes", title: "سكري", section: "أسماؤه وأعراضه", text: NAMES, start: 0, end: NAMES.length };
  const index = LexicalIndex.of([names, other].map((each) => chunkFieldTerms(each, analyzer)));

  it("quotes the sentence that holds it as a near spelling", () => {
    const answer = composeAnswer("هل توجد تسميات أخرى لداء السكري؟", [{ ordinal: 0, chunk: names, score: 10, lexicalScore: 10, articleScore: 10 }], {
      analyzer,
      lexical: index,
    });
    expect(answer.text).toContain("البوال السكري");
  });
});
