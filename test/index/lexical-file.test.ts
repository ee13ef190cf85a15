import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chunkFieldTerms } from "../../src/index/chunk-terms.js";
import { readLexicalFile, writeLexicalFile } from "../../src/index/lexical-file.js";
import { LexicalIndex } from "../../src/index/lexical-index.js";
import { createAnalyzer } from "../../src/text/analyzer.js";
import { loadIndex } from "../../src/index/load-index.js";
import { ensureFreshIndex } from "../../src/pipeline/answer-pipeline.js";
import { seedPipelineOptions, temporaryFolder } from "../support/workspace.js";

const analyzer = createAnalyzer();
const TEXTS = [
  "ترأس المدير العام للأمن الوطني وفدا أمنيا مغربيا في منتدى إسطنبول للأمن بالعاصمة التركية أنقرة.",
  "افتتح معرض الكتاب في الرباط أبوابه للزوار بمشاركة دور نشر من أربعين بلدا.",
  "عقد الوفد لقاءات ثنائية مع مسؤولين أتراك على هامش المنتدى لبحث التعاون الأمني.",
];
const index = LexicalIndex.of(
  TEXTS.map((text, i) => chunkFieldTerms({ id: `a${i}#0`, docId: `a${i}`, title: `مقال ${i}`, section: `مقال ${i}`, text, start: 0, end: text.length }, analyzer)),
);
const query = chunkFieldTerms({ id: "q", docId: "q", title: "", section: "", text: "من ترأس الوفد الأمني في أنقرة؟", start: 0, end: 0 }, analyzer);

async function written(termBlockChars?: number): Promise<string> {
  const path = join(temporaryFolder(), "lexical.bin");
  await writeLexicalFile(path, index, termBlockChars);
  return path;
}

describe("the lexical index file", () => {
  it("reads back the index it was written from: the same terms, postings and rankings", async () => {
    const read = await readLexicalFile(await written());
    expect(read.toData()).toEqual(index.toData());
    expect(read.search(query, 3)).toEqual(index.search(query, 3));
    expect(read.search(query, 3)[0]!.document).toBe(0);
  });

  it("splits its terms into blocks and joins them again", async () => {
    const path = await written(16);
    const read = await readLexicalFile(path);
    expect(read.toData()).toEqual(index.toData());
    expect(readFileSync(path).length).toBeGreaterThan(readFileSync(await written()).length);
  });

  it("refuses a file cut short, with a reason", async () => {
    const path = await written();
    const whole = readFileSync(path);
    for (const length of [0, 10, whole.length >> 1, whole.length - 4]) {
      writeFileSync(path, whole.subarray(0, length));
      await expect(readLexicalFile(path)).rejects.toThrow(/ends early|not a lexical index/);
    }
  });

  it("refuses a file that is not an index, or runs on after it", async () => {
    const path = await written();
    const whole = readFileSync(path);
    writeFileSync(path, Buffer.concat([whole, Buffer.alloc(4)]));
    await expect(readLexicalFile(path)).rejects.toThrow(/runs on/);
    writeFileSync(path, '{"documentCount": 3}');
    await expect(readLexicalFile(path)).rejects.toThrow(/not a lexical index/);
  });

  it("refuses a count no file of its size could hold, before allocating it", async () => {
    const path = await written();
    const damaged = Buffer.from(readFileSync(path));
    damaged.writeUInt32LE(0xfffffff0, 8 + 4 * 2); // the document count
    writeFileSync(path, damaged);
    await expect(readLexicalFile(path)).rejects.toThrow(/ends early/);
  });

  it("refuses postings altered in place", async () => {
    const path = await written();
    const damaged = Buffer.from(readFileSync(path));
    // The file's last four bytes say that no articles' index follows; the four before them are the last
    // field's last term frequency.
    damaged.writeUInt32LE(0, damaged.length - 8);
    writeFileSync(path, damaged);
    await expect(readLexicalFile(path)).rejects.toThrow(/malformed posting/);
  });

  it("keeps the articles' index summed at build, and gives it back for the same grouping instead of summing again", async () => {
    const grouped = LexicalIndex.of(
      TEXTS.map((text, i) => chunkFieldTerms({ id: `a${i}#0`, docId: `a${i}`, title: `مقال ${i}`, section: `مقال ${i}`, text, start: 0, end: text.length }, analyzer)),
    );
    const articles = grouped.grouped([0, 0, 1], 2);
    const path = join(temporaryFolder(), "lexical.bin");
    await writeLexicalFile(path, grouped);
    const read = await readLexicalFile(path);
    const saved = read.savedGrouping!;
    expect([...saved.groupOf]).toEqual([0, 0, 1]);
    expect(saved.index.toData()).toEqual(articles.toData());
    expect(read.grouped([0, 0, 1], 2)).toBe(saved.index);
    // Another grouping is summed from the postings, and gives what summing the original gives.
    expect(read.grouped([0, 1, 1], 2).toData()).toEqual(grouped.grouped([0, 1, 1], 2).toData());
    expect(read.search(query, 3)).toEqual(grouped.search(query, 3));
  });

  it("reads a version 1 file, which has no articles' index", async () => {
    const path = await written();
    const whole = readFileSync(path);
    const older = Buffer.from(whole.subarray(0, whole.length - 4)); // without the "no articles' index" flag
    older.writeUInt32LE(1, 8); // the file version
    writeFileSync(path, older);
    const read = await readLexicalFile(path);
    expect(read.toData()).toEqual(index.toData());
    expect(read.savedGrouping).toBeUndefined();
  });

  it("refuses a saved articles' index that does not hold together", async () => {
    const grouped = LexicalIndex.of(TEXTS.map((text, i) => chunkFieldTerms({ id: `a${i}#0`, docId: `a${i}`, title: "t", section: "t", text, start: 0, end: text.length }, analyzer)));
    grouped.grouped([0, 0, 1], 2);
    const path = join(temporaryFolder(), "lexical.bin");
    await writeLexicalFile(path, grouped);
    const damaged = Buffer.from(readFileSync(path));
    // The last four bytes are the articles' last term frequency.
    damaged.writeUInt32LE(0, damaged.length - 4);
    writeFileSync(path, damaged);
    await expect(readLexicalFile(path)).rejects.toThrow(/malformed posting/);
  });

  it("is built with the articles' index, which a load takes as it is", async () => {
    const options = seedPipelineOptions();
    await ensureFreshIndex(options);
    const loaded = await loadIndex(options.indexDir, { analyzer: options.analyzer });
    expect(loaded.articles.lexical).toBe(loaded.lexical.savedGrouping!.index);
    expect(loaded.articles.lexical.toData()).toEqual(LexicalIndex.fromData(loaded.lexical.toData()).grouped(loaded.articles.ofChunk, loaded.articles.lexical.documentCount).toData());
  });
});
