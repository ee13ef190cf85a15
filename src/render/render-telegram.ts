import { FormattedString } from "@grammyjs/parse-mode";
import type { Answer } from "../answer/compose-answer.js";
import { alsoInLine } from "./also-in.js";
import { followUpNote } from "./follow-up-note.js";
import { provenanceLine, sectionLabel } from "./provenance.js";
import { tentativeNoteOf } from "./tentative-note.js";

/** Telegram's limit on a message's text, in UTF-16 code units after entities are parsed. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/**
 * A line that opens with a bracket or a digit takes its direction from the app's language, not from the
 * Arabic after it; a right-to-left mark first makes "[1] العنوان" read right to left everywhere.
 */
const RLM = "\u200F";

/**
 * An answer as Telegram messages built from entities — never from markup parsed out of corpus or user
 * text. The answer with its [n] markers (under a note when it is tentative), then the sources: "[n] title — section" (the title a link to the
 * article when its front matter gives one), the outlet and date, and the verbatim quote in an expandable
 * blockquote. A decline names the closest articles and carries no marker. Messages longer
 * than Telegram allows are split between blocks (inside a block only when one block alone is too long).
 */
export function renderAnswerForTelegram(answer: Answer, options: { readonly readWith?: string; readonly heading?: string } = {}): FormattedString[] {
  const blocks: FormattedString[] = [];
  // A heading (inline mode's question) in bold; a follow-up read with an earlier question says so first.
  if (options.heading) blocks.push(FormattedString.b(`${RLM}${options.heading}`));
  if (options.readWith) blocks.push(FormattedString.i(`${RLM}${followUpNote(options.readWith)}`));
  if (answer.abstained) {
    blocks.push(new FormattedString(`${answer.text} 🔎`));
    const titles = [...new Set(answer.sources.map((source) => source.title))].slice(0, 3);
    if (titles.length > 0) {
      blocks.push(FormattedString.join([FormattedString.b("أقرب المقالات في مصادري:"), ...titles.map((title) => new FormattedString(`${RLM}• ${title}`))], "\n"));
    }
    blocks.push(new FormattedString("القائمة الكاملة: /sources"));
    return packMessages(blocks);
  }
  const tentativeNote = tentativeNoteOf(answer);
  const note = tentativeNote ? [FormattedString.i(`${RLM}${tentativeNote}`)] : [];
  blocks.push(FormattedString.join([...note, new FormattedString(`${RLM}${answer.text}`)], "\n"));
  const sources = answer.citations.map((citation) => {
    const title = linkedTitle(citation.title, citation.url);
    const provenance = provenanceLine(citation, { address: false });
    return FormattedString.join(
      [
        FormattedString.join([new FormattedString(`${RLM}[${citation.n}] `), FormattedString.b(title), new FormattedString(` — ${sectionLabel(citation)}`)], ""),
        ...(provenance ? [new FormattedString(`${RLM}${provenance}`)] : []),
        ...(citation.alsoIn ? [new FormattedString(`${RLM}${alsoInLine(citation.alsoIn)}`)] : []),
        FormattedString.expandableBlockquote(citation.quote),
      ],
      "\n",
    );
  });
  blocks.push(FormattedString.join([FormattedString.b("المصادر:"), ...sources], "\n"));
  return packMessages(blocks);
}

/**
 * A title linked to its article. Arabic news sites put Arabic words in their addresses (/سياسة/…); the front
 * matter keeps them as written, for people, and the link carries the address percent-encoded, as URLs are sent.
 */
export function linkedTitle(title: string, url: string | undefined): string | FormattedString {
  return url ? FormattedString.link(title, new URL(url).href) : title;
}

/** Joins blocks with blank lines into as few messages as fit; splits a block only when it alone is too long. */
export function packMessages(blocks: readonly FormattedString[], limit = TELEGRAM_MESSAGE_LIMIT): FormattedString[] {
  const messages: FormattedString[] = [];
  let current: FormattedString | undefined;
  for (const block of blocks.flatMap((block) => splitBlock(block, limit))) {
    const joined: FormattedString = current ? FormattedString.join([current, block], "\n\n") : block;
    if (joined.text.length <= limit) current = joined;
    else {
      if (current) messages.push(current);
      current = block;
    }
  }
  if (current) messages.push(current);
  return messages;
}

/** Slices an over-long block at the last line break or space before the limit (entities are sliced with it). */
function splitBlock(block: FormattedString, limit: number): FormattedString[] {
  const parts: FormattedString[] = [];
  let rest = block;
  while (rest.text.length > limit) {
    const window = rest.text.slice(0, limit);
    const cut = Math.max(window.lastIndexOf("\n"), window.lastIndexOf(" "));
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).slice(/^\s/u.test(rest.text[at] ?? "") ? 1 : 0);
  }
  if (rest.text.length > 0) parts.push(rest);
  return parts;
}
