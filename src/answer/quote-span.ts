/** Quote spans moved to whole words: a quote never starts or ends inside a word. Pure. */

/** The middle of a span, at most `limit` characters, starting and ending on word boundaries. */
export function cutAtWords(text: string, span: { start: number; end: number }, limit: number): { start: number; end: number } {
  const start = span.start + Math.ceil((span.end - span.start - limit) / 2);
  return shrinkToWords(text, { start, end: start + limit });
}

/**
 * A span grown to at most `limit` characters: to the right first, then to the left, by whole words (a word is
 * never cut), within the text.
 */
export function fillAtWords(text: string, span: { start: number; end: number }, limit: number): { start: number; end: number } {
  const end = Math.min(text.length, span.start + limit);
  if (end < span.end) return span;
  const grown = shrinkToWords(text, { start: span.start, end }, span);
  return shrinkToWords(text, { start: Math.max(0, grown.end - limit), end: grown.end }, span);
}

/**
 * A span moved inward to whole words and trimmed of white space; when `keep` is given, never inside it (the
 * span already holds it and only its new edges are snapped).
 */
function shrinkToWords(text: string, span: { start: number; end: number }, keep?: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span;
  const startLimit = () => keep?.start ?? end;
  const endLimit = () => keep?.end ?? start;
  while (start < startLimit() && /[\p{L}\p{M}\p{N}]/u.test(text[start - 1] ?? "")) start += 1;
  while (end > endLimit() && /[\p{L}\p{M}\p{N}]/u.test(text[end] ?? "")) end -= 1;
  while (start < startLimit() && /\s/u.test(text[start]!)) start += 1;
  while (end > endLimit() && /\s/u.test(text[end - 1]!)) end -= 1;
  return { start, end };
}
