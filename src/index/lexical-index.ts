/**
 * A BM25 inverted index over fields. Hand-written rather than a library so the same statistics (IDF, document
 * frequency) can weigh question words when answers are composed and when the decision to decline is made.
 * A query touches only the postings of its own terms — never every document.
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

interface FieldIndex {
  /** term → flat [document, term frequency, document, term frequency, …], documents ascending. */
  readonly postings: Map<string, number[]>;
  readonly lengths: number[];
  totalLength: number;
}

/** Serialised form, stored as lexical.json beside the manifest. */
export interface LexicalIndexData {
  readonly documentCount: number;
  readonly fields: Record<LexicalField, { postings: Array<[string, number[]]>; lengths: number[] }>;
}

export interface LexicalHit {
  /** The document's ordinal (its position in the chunk store). */
  readonly document: number;
  /** BM25 score, ≥ 0, higher is better; comparable only within one query. */
  readonly score: number;
}

export class LexicalIndex {
  private readonly fields: Record<LexicalField, FieldIndex>;
  private documents = 0;

  private constructor(fields: Record<LexicalField, FieldIndex>, documentCount: number) {
    this.fields = fields;
    this.documents = documentCount;
  }

  static empty(): LexicalIndex {
    const make = (): FieldIndex => ({ postings: new Map(), lengths: [], totalLength: 0 });
    return new LexicalIndex({ body: make(), heading: make(), title: make(), ngrams: make(), pairs: make() }, 0);
  }

  static fromData(data: LexicalIndexData): LexicalIndex {
    const restore = (field: LexicalField): FieldIndex => {
      const stored = data.fields[field];
      return {
        postings: new Map(stored.postings),
        lengths: stored.lengths,
        totalLength: stored.lengths.reduce((sum, length) => sum + length, 0),
      };
    };
    return new LexicalIndex(
      { body: restore("body"), heading: restore("heading"), title: restore("title"), ngrams: restore("ngrams"), pairs: restore("pairs") },
      data.documentCount,
    );
  }

  /**
   * An index of groups of this index's documents — articles made of chunks — as if each group's fields were
   * one document: term frequencies and lengths add up. `groupOf[document]` is the group of each document, in
   * [0, groupCount). Derived, never saved: it is rebuilt from the chunk postings when an index is loaded.
   */
  grouped(groupOf: readonly number[], groupCount: number): LexicalIndex {
    if (groupOf.length !== this.documents) throw new Error(`${groupOf.length} groups given for ${this.documents} documents`);
    const group = (field: LexicalField): FieldIndex => {
      const source = this.fields[field];
      const postings = new Map<string, number[]>();
      for (const [term, list] of source.postings) {
        const counts = new Map<number, number>();
        for (let i = 0; i < list.length; i += 2) counts.set(groupOf[list[i]!]!, (counts.get(groupOf[list[i]!]!) ?? 0) + list[i + 1]!);
        postings.set(term, [...counts.entries()].sort((a, b) => a[0] - b[0]).flat());
      }
      const lengths = new Array<number>(groupCount).fill(0);
      source.lengths.forEach((length, document) => (lengths[groupOf[document]!]! += length));
      return { postings, lengths, totalLength: source.totalLength };
    };
    return new LexicalIndex(
      { body: group("body"), heading: group("heading"), title: group("title"), ngrams: group("ngrams"), pairs: group("pairs") },
      groupCount,
    );
  }

  toData(): LexicalIndexData {
    const store = (field: LexicalField) => ({
      postings: [...this.fields[field].postings.entries()],
      lengths: this.fields[field].lengths,
    });
    return {
      documentCount: this.documents,
      fields: { body: store("body"), heading: store("heading"), title: store("title"), ngrams: store("ngrams"), pairs: store("pairs") },
    };
  }

  get documentCount(): number {
    return this.documents;
  }

  /** Adds the next document; its ordinal is the number of documents added before it. */
  add(terms: FieldTerms): number {
    const document = this.documents;
    for (const field of LEXICAL_FIELDS) {
      const index = this.fields[field];
      const counts = new Map<string, number>();
      for (const term of terms[field]) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) {
        const postings = index.postings.get(term);
        if (postings) postings.push(document, count);
        else index.postings.set(term, [document, count]);
      }
      index.lengths.push(terms[field].length);
      index.totalLength += terms[field].length;
    }
    this.documents += 1;
    return document;
  }

  /** Number of documents whose field holds the term. */
  documentFrequency(term: string, field: LexicalField = "body"): number {
    return (this.fields[field].postings.get(term)?.length ?? 0) / 2;
  }

  /**
   * BM25's IDF, ln(1 + (N − df + 0.5) / (df + 0.5)): ≥ 0, largest for a term no document holds — which is
   * how an unknown question word weighs when deciding whether the sources answer at all.
   */
  inverseDocumentFrequency(term: string, field: LexicalField = "body"): number {
    const df = this.documentFrequency(term, field);
    return Math.log(1 + (this.documents - df + 0.5) / (df + 0.5));
  }

  /** The best documents for a query, by weighted BM25 over the fields; only documents matching a term. */
  search(query: FieldTerms, limit: number, params: Bm25Params = DEFAULT_BM25_PARAMS): LexicalHit[] {
    const scores = new Map<number, number>();
    for (const field of LEXICAL_FIELDS) {
      const weight = params.weights[field];
      if (weight === 0 || query[field].length === 0) continue;
      const index = this.fields[field];
      const averageLength = index.totalLength / Math.max(1, this.documents) || 1;
      const queryCounts = new Map<string, number>();
      for (const term of query[field]) queryCounts.set(term, (queryCounts.get(term) ?? 0) + 1);
      for (const [term, queryCount] of queryCounts) {
        const postings = index.postings.get(term);
        if (!postings) continue;
        const idf = this.inverseDocumentFrequency(term, field);
        for (let i = 0; i < postings.length; i += 2) {
          const document = postings[i]!;
          const tf = postings[i + 1]!;
          const norm = 1 - params.b + (params.b * index.lengths[document]!) / averageLength;
          const termScore = (idf * tf * (params.k1 + 1)) / (tf + params.k1 * norm);
          scores.set(document, (scores.get(document) ?? 0) + weight * queryCount * termScore);
        }
      }
    }
    return [...scores.entries()]
      .map(([document, score]) => ({ document, score }))
      .sort((a, b) => b.score - a.score || a.document - b.document)
      .slice(0, limit);
  }
}
