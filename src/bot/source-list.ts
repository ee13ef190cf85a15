import { isTitleFilter, pageOfArticles, type ArticleListing } from "../pipeline/article-listing.js";
import { BOT_TEXT } from "./bot-messages.js";

/** Embeddings, overrides, isolates and marks that set the direction of text (LRE … RLO, LRI … PDI, LRM, RLM, ALM). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/**
 * What a /sources reply says, in the bot and the console chat alike: a notice (no articles, a question typed
 * after the command, nothing matching), or a header, the articles shown and, when there are more, how to
 * narrow the list. Each surface writes the articles its own way (linked titles, or addresses printed). Pure.
 */
export type SourceList =
  | { readonly notice: string }
  | { readonly header: string; readonly shown: readonly ArticleListing[]; readonly footer?: string };

export function sourceList(articles: readonly ArticleListing[], typed: string): SourceList {
  // Direction controls are invisible and match nothing, and the reply echoes the words typed: an unclosed
  // one (U+202E, right-to-left override) would reverse the rest of that line. They are taken out.
  const filter = typed.replace(BIDI_CONTROLS, "").trim();
  if (articles.length === 0) return { notice: BOT_TEXT.noSources };
  if (!isTitleFilter(filter)) return { notice: BOT_TEXT.sourcesFilterTooLong };
  const { shown, matching } = pageOfArticles(articles, filter);
  if (matching === 0) return { notice: BOT_TEXT.sourcesNoMatch(filter) };
  const header = filter ? BOT_TEXT.sourcesMatching(filter, matching, articles.length) : BOT_TEXT.sourcesHeader(articles.length);
  return { header, shown, ...(matching > shown.length ? { footer: BOT_TEXT.sourcesMore(shown.length, matching) } : {}) };
}
