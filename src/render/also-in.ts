/** At most this many other articles are named for a passage they also carry; the rest are counted. */
const ALSO_IN_NAMED = 3;

/**
 * "ورد النص نفسه في: …": the other articles that carry a cited passage — the same wire story run by other outlets,
 * left out of retrieval as near-duplicates — so that the answer's chain of sources names them too. Pure.
 */
export function alsoInLine(alsoIn: ReadonlyArray<{ readonly title: string }>): string {
  const named = alsoIn.slice(0, ALSO_IN_NAMED).map((other) => other.title).join("، ");
  const more = alsoIn.length - ALSO_IN_NAMED;
  return `ورد النص نفسه في: ${named}${more > 0 ? ` و${more} غيرها` : ""}`;
}
