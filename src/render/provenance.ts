import type { Provenance } from "../corpus/article.js";

/**
 * How the lead is named in a citation. Its heading is the article's title (it stands under it), and
 * "العنوان — العنوان" reads as a mistake; a reader knows «المقدمة» as the opening paragraphs of a report.
 */
const LEAD_SECTION_LABEL = "المقدمة";

/** The section as a citation names it: its heading as written, or LEAD_SECTION_LABEL for the lead. */
export function sectionLabel(citation: { readonly title: string; readonly section: string }): string {
  return citation.section === citation.title ? LEAD_SECTION_LABEL : citation.section;
}

/** The host of a web address without a leading www. (hespress.com), for naming an outlet the front matter does not. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./u, "");
}

/**
 * The line under a citation's title that says where the article comes from — «هسبريس · 2025-09-18» — or
 * undefined when the front matter says nothing. The outlet is the front matter's `source`, else the host of
 * its `url`. With `address`, the url itself ends the line instead of its host (a terminal cannot hide a link
 * behind the title, as Telegram does).
 */
export function provenanceLine(provenance: Provenance, options: { readonly address: boolean }): string | undefined {
  const outlet = provenance.source ?? (provenance.url && !options.address ? hostOf(provenance.url) : undefined);
  const parts = [outlet, provenance.date, options.address ? provenance.url : undefined].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(" · ") : undefined;
}
