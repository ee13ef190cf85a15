/**
 * The two data sets every setting, threshold and the decline model are chosen on, and how each is split. Both
 * are read from ../shared/datasets (never committed). A set's tuning split is the first 80 % of its indexed
 * articles, rounded up (eval-command's default): the figures quoted in docs/EVALUATION.md are those of
 *
 *   npm run eval -- --dataset ../shared/datasets/xquad.ar.json --dataset ../shared/datasets/arcd-train.json --hold-out 8,10
 *
 * Nothing is ever fitted on a test split or a held-out article: those are what tells whether a choice transfers.
 */
export interface StandardSplit {
  /** The file's name in ../shared/datasets. */
  readonly file: string;
  readonly description: string;
  /** The last articles, kept out of the corpus so that their questions must be declined. */
  readonly holdOut: number;
  /** Articles [0, tuneArticles) are the tuning split. */
  readonly tuneArticles: number;
}

export const STANDARD_SPLITS: readonly StandardSplit[] = [
  // 48 articles: 1–32 tuning, 33–40 test, 41–48 held out.
  { file: "xquad.ar.json", description: "XQuAD-ar: English Wikipedia translated, 240 paragraphs (CC BY-SA 4.0)", holdOut: 8, tuneArticles: 32 },
  // 77 articles: 1–54 tuning, 55–67 test, 68–77 held out.
  { file: "arcd-train.json", description: "ARCD train: Arabic Wikipedia, questions by crowd workers, 231 paragraphs (MIT)", holdOut: 10, tuneArticles: 54 },
];
