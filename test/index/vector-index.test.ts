import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VectorIndex } from "../../src/index/vector-index.js";
import { temporaryFolder } from "../support/workspace.js";

describe("the vector index on hnswlib-node", () => {
  it("finds the nearest chunk ordinals by cosine similarity after a save and a load", async () => {
    const folder = join(temporaryFolder(), "vectors");
    const written = VectorIndex.create();
    await written.add([[1, 0, 0], [0, 1, 0]], ["a#0", "b#0"], 0);
    await written.add([[0.5, 0.5, 0.1]], ["c#0"], 2);
    await written.save(folder);

    const read = await VectorIndex.load(folder);
    expect([read.size, read.dimensions]).toEqual([3, 3]);
    const hits = await read.search([1, 0.1, 0], 2);
    // a (along the first axis) is nearest, then c (between a and b); b is left out at k = 2.
    expect(hits.map((hit) => hit.document)).toEqual([0, 2]);
    expect(hits[0]!.similarity).toBeCloseTo(0.995, 3);
  });

  it("writes the files LangChain's HNSWLib store wrote, so indexes built before the switch still load", async () => {
    const folder = join(temporaryFolder(), "vectors");
    const index = VectorIndex.create();
    await index.add([[0, 1], [1, 0]], ["a#0", "a#1"], 0);
    await index.save(folder);
    expect(JSON.parse(readFileSync(join(folder, "args.json"), "utf8"))).toEqual({ space: "cosine", numDimensions: 2 });
    expect(JSON.parse(readFileSync(join(folder, "docstore.json"), "utf8"))).toEqual([
      ["0", { pageContent: "a#0", metadata: { chunkId: "a#0" } }],
      ["1", { pageContent: "a#1", metadata: { chunkId: "a#1" } }],
    ]);
    // HNSWLib kept the rest of its arguments in args.json too; loading reads only the space and the size.
    writeFileSync(join(folder, "args.json"), JSON.stringify({ space: "cosine", numDimensions: 2, docstore: {} }));
    expect((await VectorIndex.load(folder)).size).toBe(2);
  });

  it("refuses vectors out of step with the chunk ordinals", async () => {
    const index = VectorIndex.create();
    await expect(index.add([[1, 0]], ["a#0"], 1)).rejects.toThrow(/out of step/u);
  });
});
