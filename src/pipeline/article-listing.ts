import type { Provenance } from "../corpus/article.js";
import { normalizeArabic } from "../text/normalize.js";

/** An article as the bot lists it: its title and where it comes from. */
export interface ArticleListing extends Provenance {
  readonly docId: string;
  readonly title: string;
}

/** A date as the front matter writes a calendar one: 2025, 2025-09 or 2025-09-18 (these sort as text). */
const CALENDAR_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/u;

/**
 * Articles newest first, as a newsroom reads a list: by their calendar date, then those whose date is not one
 * (or missing), each group in corpus order. /sources and /start list them so.
 */
export function newestFirst(articles: readonly ArticleListing[]): ArticleListing[] {
  const dateOf = (article: ArticleListing) => (article.date && CALENDAR_DATE.test(article.date) ? article.date : "");
  return articles
    .map((article, order) => ({ article, order, date: dateOf(article) }))
    .sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? 1 : -1))
    .map(({ article }) => article);
}

/** Articles shown in one /sources reply: about 30 lines of title and provenance fit one Telegram message. */
export const ARTICLES_LISTED = 30;
/** A filter longer than this is not a few words of a title. */
const MAX_FILTER_LENGTH = 100;

/**
 * Whether the text after /sources reads as words to look for in titles, not as a question sent to the wrong
 * command (which gets told how to ask instead of "no article matches" with the question quoted back).
 */
export function isTitleFilter(filter: string): boolean {
  return filter.length <= MAX_FILTER_LENGTH && !/[؟?]\s*$/u.test(filter);
}

export interface ArticlePage {
  /** The first `limit` matching articles, in the listing's order (newest first). */
  readonly shown: readonly ArticleListing[];
  /** How many articles match (all of them without a filter). */
  readonly matching: number;
}

/**
 * The articles a /sources reply shows: those whose title, outlet or date holds every word of `filter` (none:
 * all of them), at most `limit`. Words are compared after Arabic normalisation (hamzas, alef forms, ة/ه, ى/ي,
 * diacritics), and a word's article ال is dropped, so «البرلمان» finds «للبرلمان» and «برلمان». A corpus of
 * thousands of articles must not flood a group with a hundred messages. Pure.
 */
export function pageOfArticles(articles: readonly ArticleListing[], filter = "", limit = ARTICLES_LISTED): ArticlePage {
  const words = searchWords(filter);
  const matches = words.length === 0 ? articles : articles.filter((article) => {
    const text = normalizeArabic([article.title, article.source ?? "", article.date ?? ""].join(" ")).toLowerCase();
    return words.every((word) => text.includes(word));
  });
  return { shown: matches.slice(0, limit), matching: matches.length };
}

function searchWords(filter: string): string[] {
  return normalizeArabic(filter)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => (word.startsWith("ال") && [...word].length >= 4 ? word.slice(2) : word));
}
