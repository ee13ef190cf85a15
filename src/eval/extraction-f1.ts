/**
 * Character-level F1 of an extracted article against its gold text, the measure of boilerplate-removal
 * evaluations (CleanEval and its successors) taken at the finest grain: the longest common subsequence of the
 * two texts' characters, white space left out (line breaks and spaces differ between a page and its gold
 * without changing a word). Precision is the share of extracted characters that are gold (menus, ads and
 * comments lower it), recall the share of gold characters extracted (a lost paragraph lowers it); order
 * counts, so a page read in the wrong order scores lower. Pure; O(n·m) time, O(m) memory.
 */
export interface ExtractionScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly extractedChars: number;
  readonly goldChars: number;
}

export function extractionF1(extracted: string, gold: string): ExtractionScore {
  // Code points, not UTF-16 units, so a character outside the BMP counts once.
  const a = [...extracted.replace(/\s+/gu, "")];
  const b = [...gold.replace(/\s+/gu, "")];
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  const common = previous[b.length]!;
  const precision = a.length === 0 ? 0 : common / a.length;
  const recall = b.length === 0 ? 0 : common / b.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, extractedChars: a.length, goldChars: b.length };
}
