import { isTitleFilter, pageOfArticles, type ArticleListing } from "../pipeline/article-listing.js";
import { BOT_TEXT } from "./bot-messages.js";

/**
 * What a /sources reply says, in the bot and the console chat alike: a notice (no articles, a question typed
 * after the command, nothing matching), or a header, the articles shown and, when there are more, how to
 * narrow the list. Each surface writes the articles its own way (linked titles, or addresses printed). Pure.
 */
export type SourceList =
  | { readonly notice: string }
  | { readonly header: string; readonly shown: readonly ArticleListing[]; readonly footer?: string };

export function sourceList(articles: readonly ArticleListing[], filter: string): SourceList {
  if (articles.length === 0) return { notice: BOT_TEXT.noSources };
  if (!isTitleFilter(filter)) return { notice: BOT_TEXT.sourcesFilterTooLong };
  const { shown, matching } = pageOfArticles(articles, filter);
  if (matching === 0) return { notice: BOT_TEXT.sourcesNoMatch(filter) };
  const header = filter ? BOT_TEXT.sourcesMatching(filter, matching, articles.length) : BOT_TEXT.sourcesHeader(articles.length);
  return { header, shown, ...(matching > shown.length ? { footer: BOT_TEXT.sourcesMore(shown.length, matching) } : {}) };
}
