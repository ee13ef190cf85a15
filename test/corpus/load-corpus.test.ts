import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusFolderError } from "../../src/errors.js";
import { hashCorpus, readCorpus, type CorpusEntry } from "../../src/corpus/load-corpus.js";
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
