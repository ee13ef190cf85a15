import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusFolderError } from "../../src/errors.js";
import { hashCorpus, MAX_ARTICLE_BYTES, readCorpus, type CorpusEntry } from "../../src/corpus/load-corpus.js";
import { seedCorpus, temporaryFolder } from "../support/workspace.js";

async function collect(folder: string): Promise<CorpusEntry[]> {
  const entries: CorpusEntry[] = [];
  for await (const entry of readCorpus(folder)) entries.push(entry);
  return entries;
}

describe("readCorpus", () => {
  it("indexes the good files, reports the bad ones by name, and leaves the folder's README out", async () => {
    const folder = seedCorpus();
    writeFileSync(join(folder, "README.md"), "# كيف تكتب مقالا\n\nشرح الصيغة.");
    writeFileSync(join(folder, "empty.md"), "");
    writeFileSync(join(folder, "binary.txt"), Buffer.from([0xff, 0xfe, 0x00, 0xd8]));
    mkdirSync(join(folder, "2026"));
    writeFileSync(join(folder, "2026", "note.txt"), "خبر قصير\nنص الخبر في سطر واحد.");
    const entries = await collect(folder);
    const articles = entries.flatMap((entry) => ("article" in entry ? [entry.article.id] : []));
    const problems = entries.flatMap((entry) => ("problem" in entry ? [entry.problem.message] : []));
    expect(articles).toEqual(["2025-09-hammouchi-igef-ankara", "2026/note"]);
    expect(problems).toEqual(["binary.txt: it is not UTF-8 text", "empty.md: it is empty"]);
  });

  it("reports a binary file (an all-NUL .md, UTF-16 text) and leaves it out, rather than indexing an article «nul»", async () => {
    const folder = seedCorpus();
    writeFileSync(join(folder, "zeros.md"), Buffer.alloc(4096));
    writeFileSync(join(folder, "utf16.txt"), Buffer.from("خبر\nنص الخبر.", "utf16le"));
    const entries = await collect(folder);
    expect(entries.flatMap((entry) => ("article" in entry ? [entry.article.id] : []))).toEqual(["2025-09-hammouchi-igef-ankara"]);
    expect(entries.flatMap((entry) => ("problem" in entry ? [entry.problem.message] : []))).toEqual([
      "utf16.txt: it is a binary file (it holds NUL bytes), not text",
      "zeros.md: it is a binary file (it holds NUL bytes), not text",
    ]);
  });

  it("leaves out a file larger than the limit without reading it, saying to split it; the rest is indexed", async () => {
    const folder = seedCorpus();
    writeFileSync(join(folder, "huge.md"), "");
    truncateSync(join(folder, "huge.md"), MAX_ARTICLE_BYTES + 1);
    const entries = await collect(folder);
    expect(entries.flatMap((entry) => ("article" in entry ? [entry.article.id] : []))).toEqual(["2025-09-hammouchi-igef-ankara"]);
    expect(entries.flatMap((entry) => ("problem" in entry ? [entry.problem.message] : []))).toEqual([
      "huge.md: it is 10.0 MB, more than the 10 MB an article may be: split it into several files",
    ]);
    // Its size still counts in the corpus digest: cutting it down to size is a change to index.
    const before = await hashCorpus(folder);
    truncateSync(join(folder, "huge.md"), 100);
    expect(await hashCorpus(folder)).not.toBe(before);
  });

  it("refuses a folder that does not exist", async () => {
    await expect(collect(join(temporaryFolder(), "missing"))).rejects.toThrow(CorpusFolderError);
  });
});

describe("hashCorpus", () => {
  it("changes when an article changes and not otherwise", async () => {
    const folder = seedCorpus();
    const before = await hashCorpus(folder);
    expect(await hashCorpus(folder)).toBe(before);
    writeFileSync(join(folder, "new.md"), "# جديد\n\nنص.");
    expect(await hashCorpus(folder)).not.toBe(before);
  });
});
