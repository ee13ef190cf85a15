/**
 * A BM25 inverted index over fields. Hand-written rather than a library so the same statistics (IDF, document
 * frequency) can weigh question words when answers are composed and when the decision to decline is made.
 * A query touches only the postings of its own terms — never every document.
 *
 * Postings are kept in compressed-sparse-row form, one pair of typed arrays per field, rather than an array per
 * term: most terms (word pairs, rare names) occur in one or two chunks, and an array object per term cost more
 * than its postings. See `LexicalIndexBuilder` for how an index is made and `lexical-file.ts` for how it is saved.
 */

/** The fields of a chunk that are indexed, each with its own postings and lengths. */
export const LEXICAL_FIELDS = ["body", "heading", "title", "ngrams", "pairs"] as const;
export type LexicalField = (typeof LEXICAL_FIELDS)[number];

export type FieldTerms = Readonly<Record<LexicalField, readonly string[]>>;

/** BM25 parameters and field weights; applied at query time, so they can change without a rebuild. */
export interface Bm25Params {
  /** Term-frequency saturation, usually 0.9–2.0. */
  readonly k1: number;
  /** Length normalisation in [0, 1]; 0 ignores length. */
  readonly b: number;
  /** Each field's score is multiplied by its weight; 0 ignores the field. */
  readonly weights: Readonly<Record<LexicalField, number>>;
}

export const DEFAULT_BM25_PARAMS: Bm25Params = {
  k1: 1.2,
  b: 0.75,
  weights: { body: 1, heading: 0.5, title: 0.3, ngrams: 0.3, pairs: 0.4 },
};

/**
 * One field of the index. Term t (its position in `terms`) has its postings at
 * `postings[offsets[t] … offsets[t + 1])`, as [document, term frequency] pairs with documents ascending.
 */
export interface LexicalFieldData {
  readonly terms: readonly string[];
  readonly offsets: Uint32Array;
  readonly postings: Uint32Array;
  /** The field's length (in terms) in each document. */
  readonly lengths: Uint32Array;
}

/** What an index is made of: saved and loaded as it is (lexical-file.ts). */
export interface LexicalIndexData {
  readonly documentCount: number;
  readonly fields: Readonly<Record<LexicalField, LexicalFieldData>>;
}

export interface LexicalHit {
  /** The document's ordinal (its position in the chunk store). */
  readonly document: number;
  /** BM25 score, ≥ 0, higher is better; comparable only within one query. */
  readonly score: number;
}

interface FieldIndex extends LexicalFieldData {
  readonly termIds: ReadonlyMap<string, number>;
  readonly totalLength: number;
}

/**
 * BM25's IDF of a term that `documentFrequency` of `documentCount` documents hold, ln(1 + (N − df + 0.5) /
 * (df + 0.5)): ≥ 0, largest for a term no document holds. The one formula for every IDF in Isnad — the index's,
 * the blend with general text's (text/background-rarity), a term's rarity among an article's sections
 * (retrieval/sibling-order).
 */
export function bm25InverseDocumentFrequency(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export class LexicalIndex {
  private readonly fields: Record<LexicalField, FieldIndex>;
  readonly documentCount: number;

  private constructor(fields: Record<LexicalField, FieldIndex>, documentCount: number) {
    this.fields = fields;
    this.documentCount = documentCount;
  }

  /** An index of these documents, their ordinals in the order given. */
  static of(documents: Iterable<FieldTerms>): LexicalIndex {
    const builder = new LexicalIndexBuilder();
    for (const terms of documents) builder.add(terms);
    return builder.build();
  }

  /**
   * An index over saved data, after checking that the data holds together (a truncated or altered file must be
   * refused, not searched): throws an Error saying what is wrong.
   */
  static fromData(data: LexicalIndexData): LexicalIndex {
    const fields = {} as Record<LexicalField, FieldIndex>;
    for (const field of LEXICAL_FIELDS) {
      const stored = data.fields[field];
      checkField(field, stored, data.documentCount);
      fields[field] = withLookup(stored, termIdsOf(field, stored.terms));
    }
    return new LexicalIndex(fields, data.documentCount);
  }

  /**
   * An index of groups of this index's documents — articles made of chunks — as if each group's fields were
   * one document: term frequencies and lengths add up. `groupOf[document]` is the group of each document, in
   * [0, groupCount). Derived, never saved: it is rebuilt from the chunk postings when an index is loaded. It
   * shares this index's terms.
   */
  grouped(groupOf: ArrayLike<number>, groupCount: number): LexicalIndex {
    if (groupOf.length !== this.documentCount) throw new Error(`${groupOf.length} groups given for ${this.documentCount} documents`);
    // Computed once: a build computes the articles' index and saves it beside the chunks' (lexical-file.ts),
    // and the load that reads it back finds it here instead of summing the postings again.
    const kept = this.grouping;
    if (kept && kept.index.documentCount === groupCount && sameGroups(kept.groupOf, groupOf)) return kept.index;
    const index = this.computeGrouped(groupOf, groupCount);
    this.grouping = { groupOf: Uint32Array.from(groupOf), index };
    return index;
  }

  /** The grouping computed or attached last (what lexical-file.ts saves with the index), if any. */
  get savedGrouping(): { readonly groupOf: Uint32Array; readonly index: LexicalIndex } | undefined {
    return this.grouping;
  }

  /**
   * Attaches a grouping read from a file, after checking it holds together; `grouped` with the same groups then
   * returns it. Its fields share this index's terms.
   */
  attachGrouping(groupOf: Uint32Array, data: LexicalIndexData): void {
    if (groupOf.length !== this.documentCount) throw new Error(`${groupOf.length} groups saved for ${this.documentCount} documents`);
    const fields = {} as Record<LexicalField, FieldIndex>;
    for (const field of LEXICAL_FIELDS) {
      const stored = data.fields[field];
      if (stored.terms !== this.fields[field].terms) throw new Error(`the grouping of field ${field} has terms of its own`);
      checkField(field, stored, data.documentCount);
      fields[field] = withLookup(stored, this.fields[field].termIds);
    }
    for (const group of groupOf) if (group >= data.documentCount) throw new Error(`a document's group is ${group} of ${data.documentCount}`);
    this.grouping = { groupOf, index: new LexicalIndex(fields, data.documentCount) };
  }

  private grouping: { readonly groupOf: Uint32Array; readonly index: LexicalIndex } | undefined;

  private computeGrouped(groupOf: ArrayLike<number>, groupCount: number): LexicalIndex {
    const groups = Uint32Array.from(groupOf);
    // A build adds an article's chunks one after the other, so groups rise with documents, and a term's groups
    // come out of its postings in order, each once, in a run: summed as they come. Sorting each term's groups
    // (thousands for a common n-gram) was most of a load; it is left for groupings that do not rise.
    let rising = true;
    for (let document = 1; document < groups.length && rising; document += 1) rising = groups[document - 1]! <= groups[document]!;
    const countOfGroup = rising ? undefined : new Uint32Array(groupCount);
    const group = (field: LexicalField): FieldIndex => {
      const source = this.fields[field];
      const offsets = new Uint32Array(source.offsets.length);
      // A group's postings are never more than its documents' postings.
      const postings = new Uint32Array(source.postings.length);
      let written = 0;
      const emit = (target: number, count: number) => {
        postings[written] = target;
        postings[written + 1] = count;
        written += 2;
      };
      for (let term = 0; term < source.terms.length; term += 1) {
        const start = source.offsets[term]!;
        const end = source.offsets[term + 1]!;
        if (countOfGroup) {
          const seen: number[] = [];
          for (let i = start; i < end; i += 2) {
            const target = groups[source.postings[i]!]!;
            if (countOfGroup[target] === 0) seen.push(target);
            countOfGroup[target]! += source.postings[i + 1]!;
          }
          for (const target of seen.sort((a, b) => a - b)) {
            emit(target, countOfGroup[target]!);
            countOfGroup[target] = 0;
          }
        } else {
          let current = groups[source.postings[start]!]!;
          let count = 0;
          for (let i = start; i < end; i += 2) {
            const target = groups[source.postings[i]!]!;
            if (target !== current) {
              emit(current, count);
              current = target;
              count = 0;
            }
            count += source.postings[i + 1]!;
          }
          emit(current, count);
        }
        offsets[term + 1] = written;
      }
      const lengths = new Uint32Array(groupCount);
      source.lengths.forEach((length, document) => (lengths[groups[document]!]! += length));
      return withLookup({ terms: source.terms, offsets, postings: postings.slice(0, written), lengths }, source.termIds);
    };
    const fields = {} as Record<LexicalField, FieldIndex>;
    for (const field of LEXICAL_FIELDS) fields[field] = group(field);
    return new LexicalIndex(fields, groupCount);
  }

  toData(): LexicalIndexData {
    const fields = {} as Record<LexicalField, LexicalFieldData>;
    for (const field of LEXICAL_FIELDS) {
      const { terms, offsets, postings, lengths } = this.fields[field];
      fields[field] = { terms, offsets, postings, lengths };
    }
    return { documentCount: this.documentCount, fields };
  }

  /** Number of documents whose field holds the term. */
  documentFrequency(term: string, field: LexicalField = "body"): number {
    const index = this.fields[field];
    const id = index.termIds.get(term);
    return id === undefined ? 0 : (index.offsets[id + 1]! - index.offsets[id]!) / 2;
  }

  /** How many times the field of `document` holds the term: 0 when it does not. */
  termFrequency(term: string, document: number, field: LexicalField = "body"): number {
    const index = this.fields[field];
    const id = index.termIds.get(term);
    if (id === undefined) return 0;
    const at = firstPostingFrom(index, id, document);
    return at < index.offsets[id + 1]! && index.postings[at] === document ? index.postings[at + 1]! : 0;
  }

  /** How many times the field holds the term over every document together. */
  collectionFrequency(term: string, field: LexicalField = "body"): number {
    const index = this.fields[field];
    const id = index.termIds.get(term);
    if (id === undefined) return 0;
    let total = 0;
    for (let i = index.offsets[id]! + 1; i < index.offsets[id + 1]!; i += 2) total += index.postings[i]!;
    return total;
  }

  /**
   * BM25's IDF, ln(1 + (N − df + 0.5) / (df + 0.5)): ≥ 0, largest for a term no document holds — which is
   * how an unknown question word weighs when deciding whether the sources answer at all.
   */
  inverseDocumentFrequency(term: string, field: LexicalField = "body"): number {
    return bm25InverseDocumentFrequency(this.documentCount, this.documentFrequency(term, field));
  }

  /**
   * The best documents for a query, by weighted BM25 over the fields; only documents matching a term. Best
   * first, ties to the lower ordinal.
   */
  search(query: FieldTerms, limit: number, params: Bm25Params = DEFAULT_BM25_PARAMS): LexicalHit[] {
    const { scores, matched } = this.score(query, params);
    return bestOf(scores, matched, limit).map((document) => ({ document, score: scores[document]! }));
  }

  /** Every document's weighted BM25 score for a query, by ordinal: 0 for a document that matches no term. */
  scoresOf(query: FieldTerms, params: Bm25Params = DEFAULT_BM25_PARAMS): Float64Array {
    return this.score(query, params).scores;
  }

  /**
   * Each query term's share of the weighted BM25 score of each of `documents` (a field's term asked twice counts
   * twice, as in `search`): one row per distinct field term the index holds, a column per document, 0 where the
   * document lacks it. What scoresOf sums, kept apart, for `documents` only.
   */
  termScoresIn(query: FieldTerms, documents: readonly number[], params: Bm25Params = DEFAULT_BM25_PARAMS): Float64Array[] {
    const column = new Map(documents.map((document, i) => [document, i]));
    // An article's chunks are neighbours (a build adds them in order): only the postings of their span are read,
    // found by a binary search, not every posting of a word the whole corpus uses.
    // (A loop, not Math.min(...documents): spreading a very long list overflows the call stack.)
    let first = Infinity;
    let last = -Infinity;
    for (const document of documents) [first, last] = [Math.min(first, document), Math.max(last, document)];
    const rows: Float64Array[] = [];
    this.forEachQueryTerm(query, params, (index, id, termScore) => {
      const row = new Float64Array(documents.length);
      for (let i = firstPostingFrom(index, id, first); i < index.offsets[id + 1]! && index.postings[i]! <= last; i += 2) {
        const at = column.get(index.postings[i]!);
        if (at !== undefined) row[at] = termScore(i);
      }
      rows.push(row);
    });
    return rows;
  }

  /**
   * Calls `visit` for each distinct term of each weighted field of the query that the index holds, with the
   * field's data, the term's id, and the weighted BM25 score of its posting at position i of the field's postings.
   */
  private forEachQueryTerm(
    query: FieldTerms,
    params: Bm25Params,
    visit: (index: FieldIndex, id: number, termScore: (posting: number) => number) => void,
  ): void {
    for (const field of LEXICAL_FIELDS) {
      const weight = params.weights[field];
      if (weight === 0 || query[field].length === 0) continue;
      const index = this.fields[field];
      const lengthNorms = this.lengthNormsOf(field, params);
      const queryCounts = new Map<string, number>();
      for (const term of query[field]) queryCounts.set(term, (queryCounts.get(term) ?? 0) + 1);
      for (const [term, queryCount] of queryCounts) {
        const id = index.termIds.get(term);
        if (id === undefined) continue;
        const idf = this.inverseDocumentFrequency(term, field);
        const factor = weight * queryCount;
        visit(index, id, (posting) => {
          const tf = index.postings[posting + 1]!;
          return factor * ((idf * tf * (params.k1 + 1)) / (tf + lengthNorms[index.postings[posting]!]!));
        });
      }
    }
  }

  /** Per field, the last parameters' k1 · (1 − b + b · length / average length) of every document. */
  private readonly lengthNorms = new Map<LexicalField, { readonly k1: number; readonly b: number; readonly norms: Float64Array }>();

  /**
   * BM25's length normalisation of every document of a field, times k1: the same for every question, so it is
   * computed once per field (and again only for other k1 and b) rather than for each posting of each question.
   */
  private lengthNormsOf(field: LexicalField, params: Bm25Params): Float64Array {
    const kept = this.lengthNorms.get(field);
    if (kept && kept.k1 === params.k1 && kept.b === params.b) return kept.norms;
    const index = this.fields[field];
    const averageLength = index.totalLength / Math.max(1, this.documentCount) || 1;
    const norms = new Float64Array(this.documentCount);
    for (let document = 0; document < this.documentCount; document += 1) {
      const norm = 1 - params.b + (params.b * index.lengths[document]!) / averageLength;
      norms[document] = params.k1 * norm;
    }
    this.lengthNorms.set(field, { k1: params.k1, b: params.b, norms });
    return norms;
  }

  private score(query: FieldTerms, params: Bm25Params): { scores: Float64Array; matched: number[] } {
    const scores = new Float64Array(this.documentCount);
    const matched: number[] = [];
    this.forEachQueryTerm(query, params, (index, id, termScore) => {
      for (let i = index.offsets[id]!; i < index.offsets[id + 1]!; i += 2) {
        const document = index.postings[i]!;
        // Every term score is > 0 (idf > 0, tf ≥ 1), so a document's first match is where its score is 0.
        if (scores[document] === 0) matched.push(document);
        scores[document]! += termScore(i);
      }
    });
    return { scores, matched };
  }
}

/**
 * The `limit` best of the matched documents, best first (higher score, then lower ordinal), without sorting
 * them all: a query's common character n-grams match most of a large corpus, and sorting every match cost a
 * fifth of the answer's time at 48,800 chunks. A heap of the best so far, worst at its root.
 */
function bestOf(scores: Float64Array, matched: readonly number[], limit: number): number[] {
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  const inOrder = (documents: number[]) => documents.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  if (matched.length <= limit) return inOrder([...matched]);
  if (limit <= 0) return [];
  const heap: number[] = [];
  const siftDown = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && better(heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && better(heap[worst]!, heap[right]!)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (const document of matched) {
    if (heap.length < limit) {
      heap.push(document);
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!better(heap[parent]!, heap[at]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else {
      // better(document, heap[0]) written out: most matched documents fall below the root, and this test is
      // the loop's whole cost at 48,800 chunks.
      const score = scores[document]!;
      const rootScore = scores[heap[0]!]!;
      if (score < rootScore || (score === rootScore && document > heap[0]!)) continue;
      heap[0] = document;
      siftDown(0);
    }
  }
  return inOrder(heap);
}

/**
 * Collects documents' terms, then packs them into a LexicalIndex (`build`, once). Postings are gathered as
 * [term, frequency] pairs in blocks of a typed array, document after document, and counted per term: a JS array
 * per term (and a Map per document) was a third of a build's time, with its garbage collection, and held about
 * twice the memory of the index it became. `build` fills the index's arrays from the blocks, letting each go once
 * read, so a build's peak is little more than the index it makes.
 */
export class LexicalIndexBuilder {
  private readonly fields = Object.fromEntries(LEXICAL_FIELDS.map((field) => [field, new FieldBuilder()])) as Record<LexicalField, FieldBuilder>;
  private documents = 0;
  private built = false;

  get documentCount(): number {
    return this.documents;
  }

  /** Adds the next document; its ordinal is the number of documents added before it. */
  add(terms: FieldTerms): number {
    if (this.built) throw new Error("a LexicalIndexBuilder builds once: make a new one");
    const document = this.documents;
    for (const field of LEXICAL_FIELDS) this.fields[field].add(terms[field]);
    this.documents += 1;
    return document;
  }

  build(): LexicalIndex {
    if (this.built) throw new Error("a LexicalIndexBuilder builds once: make a new one");
    this.built = true;
    const fields = {} as Record<LexicalField, LexicalFieldData>;
    for (const field of LEXICAL_FIELDS) fields[field] = this.fields[field].build();
    return LexicalIndex.fromData({ documentCount: this.documents, fields });
  }
}

/** Values in blocks of a fixed size: growing never copies what is written, and a block read can be let go. */
const BLOCK_VALUES = 1 << 20;

/** A Uint32Array that doubles when full, for per-term and per-document counts. */
class GrowingArray {
  values = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) this.grow(this.length + 1);
    this.values[this.length++] = value;
  }

  /** Makes room for index `at`, filled with 0. */
  grow(size: number): void {
    if (size <= this.values.length) return;
    let capacity = this.values.length;
    while (capacity < size) capacity *= 2;
    const values = new Uint32Array(capacity);
    values.set(this.values);
    this.values = values;
  }

  trimmed(): Uint32Array {
    return this.values.slice(0, this.length);
  }
}

/** One field of a LexicalIndexBuilder. */
class FieldBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per term: how many documents hold it; and the last document (+ 1) and the pair it was counted in. */
  private readonly documentsOfTerm = new GrowingArray();
  private readonly lastDocument = new GrowingArray();
  private readonly lastPair = new GrowingArray();
  /** [term, frequency] pairs, document after document; `pairsBefore[d]` pairs come before document d's. */
  private blocks: Array<Uint32Array | undefined> = [];
  private pairs = 0;
  private readonly pairsBefore = new GrowingArray();
  private readonly lengths = new GrowingArray();

  add(terms: readonly string[]): void {
    const document = this.lengths.length;
    this.pairsBefore.push(this.pairs);
    for (const term of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
        this.documentsOfTerm.push(0);
        this.lastDocument.push(0);
        this.lastPair.push(0);
      }
      if (this.lastDocument.values[id] === document + 1) {
        const pair = this.lastPair.values[id]!;
        this.blocks[Math.floor((2 * pair + 1) / BLOCK_VALUES)]![(2 * pair + 1) % BLOCK_VALUES]! += 1;
      } else {
        this.lastDocument.values[id] = document + 1;
        this.lastPair.values[id] = this.pairs;
        this.documentsOfTerm.values[id]! += 1;
        this.writePair(id);
      }
    }
    this.lengths.push(terms.length);
  }

  /** Appends the pair [term, 1]. BLOCK_VALUES is even, so a pair never straddles two blocks. */
  private writePair(term: number): void {
    const index = 2 * this.pairs;
    const block = index / BLOCK_VALUES;
    if (block === this.blocks.length) this.blocks.push(new Uint32Array(BLOCK_VALUES));
    const values = this.blocks[Math.floor(block)]!;
    values[index % BLOCK_VALUES] = term;
    values[(index % BLOCK_VALUES) + 1] = 1;
    this.pairs += 1;
  }

  build(): LexicalFieldData {
    const termCount = this.terms.length;
    const offsets = new Uint32Array(termCount + 1);
    for (let term = 0; term < termCount; term += 1) offsets[term + 1] = offsets[term]! + 2 * this.documentsOfTerm.values[term]!;
    const postings = new Uint32Array(offsets[termCount]!);
    const cursor = offsets.slice(0, termCount);
    const documents = this.lengths.length;
    let pair = 0;
    for (let document = 0; document < documents; document += 1) {
      const end = document + 1 < documents ? this.pairsBefore.values[document + 1]! : this.pairs;
      for (; pair < end; pair += 1) {
        const index = 2 * pair;
        const block = this.blocks[Math.floor(index / BLOCK_VALUES)]!;
        const term = block[index % BLOCK_VALUES]!;
        postings[cursor[term]!] = document;
        postings[cursor[term]! + 1] = block[(index + 1) % BLOCK_VALUES]!;
        cursor[term]! += 2;
        // A block read to its end is let go: the index's arrays take its place.
        if ((index + 2) % BLOCK_VALUES === 0) this.blocks[Math.floor(index / BLOCK_VALUES)] = undefined;
      }
    }
    this.blocks = [];
    return { terms: this.terms, offsets, postings, lengths: this.lengths.trimmed() };
  }
}

function sameGroups(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function withLookup(data: LexicalFieldData, termIds: ReadonlyMap<string, number>): FieldIndex {
  return { ...data, termIds, totalLength: data.lengths.reduce((sum, length) => sum + length, 0) };
}

function termIdsOf(field: LexicalField, terms: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  terms.forEach((term, id) => ids.set(term, id));
  if (ids.size !== terms.length) throw new Error(`field ${field} lists a term twice`);
  return ids;
}

function checkField(field: LexicalField, data: LexicalFieldData, documentCount: number): void {
  const { terms, offsets, postings, lengths } = data;
  if (lengths.length !== documentCount) throw new Error(`field ${field} has ${lengths.length} lengths for ${documentCount} documents`);
  if (offsets.length !== terms.length + 1 || offsets[0] !== 0 || offsets[terms.length] !== postings.length) {
    throw new Error(`field ${field}: its offsets do not match its ${terms.length} terms and ${postings.length} postings`);
  }
  for (let term = 0; term < terms.length; term += 1) {
    const start = offsets[term]!;
    const end = offsets[term + 1]!;
    if (end <= start || (end - start) % 2 !== 0) throw new Error(`field ${field}: term ${term} has a malformed postings range`);
    for (let i = start; i < end; i += 2) {
      const document = postings[i]!;
      if (document >= documentCount || postings[i + 1] === 0 || (i > start && document <= postings[i - 2]!)) {
        throw new Error(`field ${field}: term ${term} has a malformed posting`);
      }
    }
  }
}

/**
 * The position in `index.postings` of the term's first posting for a document ≥ `document` (its postings are
 * [document, frequency] pairs, documents ascending), or the end of its postings when there is none: a binary
 * search over the pairs.
 */
function firstPostingFrom(index: LexicalFieldData, id: number, document: number): number {
  let low = index.offsets[id]! / 2;
  let high = index.offsets[id + 1]! / 2;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.postings[2 * middle]! < document) low = middle + 1;
    else high = middle;
  }
  return 2 * low;
}
