import { DIALECT_FUNCTION_WORDS } from "./dialect-words.js";
import { ALL_QUESTION_WORDS } from "./question-words.js";

/**
 * Arabic function words, in normalised form (after normalizeArabic with hamza folding, before stemming).
 * They carry no topic: removing them keeps BM25 from rewarding a passage for repeating في or التي. Question
 * words are here too, every one of text/question-words (a question's type is read before analysis), and the
 * function words of the dialects (text/dialect-words).
 */
const FUNCTION_WORDS = `
في من الي علي عن مع ان او ام ثم بل لكن لان اذا اذ اذن حتي كي لكي لم لن لا ما ماذا لماذا متي كيف كم اين
اي ايه ايها هل قد لقد سوف هو هي هم هن هما انا نحن انت انتم انتن هذا هذه ذلك تلك هذان هاتان هولا اولا
اوليك هنا هناك الذي التي الذين اللذان اللتان اللاتي اللواتي الا غير سوي بين عند عندما لدي حيث كل
بعض كان كانت كانوا يكون تكون ليس ليست لها له لهم لهن بها به بهم فيه فيها فيهم منه منها منهم عليه عليها
عليهم اليه اليها اليهم عنه عنها عنهم كما مثل ايضا و ف ب ل ك قبل بعد خلال تم وقد فقد كذلك اما انه انها
التي والتي الذي والذي هناك وهو وهي وكان وكانت ولا ومن فمن وفي وعلي وان او ويا يا
ومع وعن وبين وعند ومنذ وحتي وحول فمع ففي فعن
حول بشان بخصوص تجاه ازا اثنا ضمن حوالي تحت فوق امام خلف ورا دون ضد منذ حين بينما كلما عدا جدا فقط جميع
`;

/**
 * Question words behind the conjunction و or ف: a follow-up in a chat opens so («ومتى بدأ؟», «فكم عددهم؟»), and
 * left in, the question word counted as an unknown content word of the question. Not فلم, which is also a film.
 * (من is not a question word there, so ومن and فمن are listed with the function words.)
 */
const QUESTION_WORDS_BEHIND_A_CONJUNCTION = ALL_QUESTION_WORDS.flatMap((word) => [`و${word}`, `ف${word}`]).filter((word) => word !== "فلم");

export const ARABIC_STOP_WORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS.split(/\s+/u).filter(Boolean),
  ...DIALECT_FUNCTION_WORDS,
  ...ALL_QUESTION_WORDS,
  ...QUESTION_WORDS_BEHIND_A_CONJUNCTION,
]);
