import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { Writable } from "node:stream";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadEmbedder, type EmbedderLoad } from "../../src/embedder/load-embedder.js";
import { IndexCorpusUnknownError, IndexCorruptError, IndexMismatchError, IndexMissingError } from "../../src/errors.js";
import { buildIndex } from "../../src/index/build-index.js";
import { currentBuildFolder } from "../../src/index/index-folder.js";
import { loadIndex, readManifest } from "../../src/index/load-index.js";
import { INDEX_FORMAT_VERSION } from "../../src/index/manifest.js";
import { createLogger } from "../../src/logger.js";
import { AnswerPipeline, ensureFreshIndex, rebuildIndex } from "../../src/pipeline/answer-pipeline.js";
import { createAnalyzer, DEFAULT_ANALYZER_OPTIONS } from "../../src/text/analyzer.js";
import { writeTinyModel } from "../support/tiny-model.js";
import { seedCorpus, silentLogger, temporaryFolder } from "../support/workspace.js";

const analyzer = createAnalyzer();
let tinyModel: EmbedderLoad;
let modelDir: string;

beforeAll(async () => {
  modelDir = join(temporaryFolder("isnad-model-"), "tiny-e5");
  writeTinyModel(modelDir, 24);
  tinyModel = await loadEmbedder({ model: modelDir, cacheDir: join(modelDir, "..", "cache") }, silentLogger);
  if (!("embeddings" in tinyModel)) throw new Error(tinyModel.unavailable);
});

const lexicalOnly: EmbedderLoad = { modelId: "none", unavailable: "no model in this test" };

describe("building and loading an index", () => {
  it("round-trips chunks, lexical index and vectors, with a manifest that describes them", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    const summary = await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    expect(summary.manifest).toMatchObject({
      formatVersion: INDEX_FORMAT_VERSION,
      model: { id: modelDir, dimensions: 24 },
      analyzer: { version: analyzer.version },
      corpus: { articles: 1, chunks: 4, problems: [] },
    });
    const embeddings = "embeddings" in tinyModel ? tinyModel.embeddings : undefined;
    const index = await loadIndex(indexDir, { analyzer, embeddings });
    expect(index.chunks.map((chunk) => chunk.section)).toHaveLength(4);
    expect(index.lexical.documentCount).toBe(4);
    expect(index.vectors?.size).toBe(4);
    const hits = await index.vectors!.search(await embeddings!.embedQuery(index.chunks[2]!.text), 4);
    expect(hits).toHaveLength(4);
    for (const hit of hits) expect(hit.similarity).toBeGreaterThanOrEqual(-1);
    expect(hits[0]!.similarity).toBeGreaterThanOrEqual(hits[3]!.similarity);
  });

  it("refuses an index built with another analyzer, naming the command that rebuilds it", async () => {
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const other = createAnalyzer({ ...DEFAULT_ANALYZER_OPTIONS, charNgramLength: 3 });
    const refusal = loadIndex(indexDir, { analyzer: other });
    await expect(refusal).rejects.toThrow(IndexMismatchError);
    await expect(refusal).rejects.toMatchObject({ fix: expect.stringContaining(`npx isnad index --out ${indexDir}`) });
  });

  it("refuses an index built without vectors when a model is loaded, and one built with another model", async () => {
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const embeddings = "embeddings" in tinyModel ? tinyModel.embeddings : undefined;
    await expect(loadIndex(indexDir, { analyzer, embeddings })).rejects.toThrow(/embedding model/);
  });

  it("refuses an index of another format version", async () => {
    const indexDir = temporaryFolder();
    const { folder } = await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const manifestPath = join(folder, "manifest.json");
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, "utf8")), formatVersion: 999 }));
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(IndexMismatchError);
  });

  it("reports damaged files instead of answering from them", async () => {
    const indexDir = temporaryFolder();
    const { folder } = await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const lexicalPath = join(folder, "lexical.bin");
    const whole = readFileSync(lexicalPath);
    writeFileSync(lexicalPath, whole.subarray(0, whole.length >> 1));
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(/lexical\.bin has changed since it was built/);
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(IndexCorruptError);
    writeFileSync(lexicalPath, "{ not an index");
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(IndexCorruptError);
  });

  it("refuses a chunk whose text lost one bit, rather than quote the altered text as the source", async () => {
    const indexDir = temporaryFolder();
    const { folder, manifest } = await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    expect(Object.keys(manifest.files).sort()).toEqual(["chunks.jsonl", "lexical.bin"]);
    const chunksPath = join(folder, "chunks.jsonl");
    const bytes = readFileSync(chunksPath);
    const at = bytes.indexOf(Buffer.from("أنقرة"));
    bytes[at + 1]! ^= 0x01;
    writeFileSync(chunksPath, bytes);
    const refusal = loadIndex(indexDir, { analyzer });
    await expect(refusal).rejects.toThrow(IndexCorruptError);
    await expect(refusal).rejects.toThrow(/chunks\.jsonl has changed since it was built \(its checksum differs\)/u);
    await expect(refusal).rejects.toMatchObject({ fix: `Rebuild it with: npx isnad index --out ${indexDir}` });
  });

  it("checks the vector files too, and refuses a build whose file is missing", async () => {
    const indexDir = temporaryFolder();
    const { folder, manifest } = await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    expect(Object.keys(manifest.files).sort()).toEqual(["chunks.jsonl", "lexical.bin", "vectors/args.json", "vectors/docstore.json", "vectors/hnswlib.index"]);
    rmSync(join(folder, "vectors", "hnswlib.index"));
    const embeddings = "embeddings" in tinyModel ? tinyModel.embeddings : undefined;
    await expect(loadIndex(indexDir, { analyzer, embeddings })).rejects.toThrow(/vectors\/hnswlib\.index is missing/u);
  });

  it("validates every chunk record as the manifest is: a renamed key is a clear error, not a TypeError later", async () => {
    const indexDir = temporaryFolder();
    const { folder } = await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const chunksPath = join(folder, "chunks.jsonl");
    const lines = readFileSync(chunksPath, "utf8").split("\n");
    lines[1] = lines[1]!.replace('"text":', '"txt":');
    writeFileSync(chunksPath, lines.join("\n"));
    // The checksum brought up to date, as a hand edit that also "fixed" the manifest would: the record is
    // still checked on its own.
    const manifestPath = join(folder, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.files["chunks.jsonl"] = createHash("sha256").update(readFileSync(chunksPath)).digest("hex");
    writeFileSync(manifestPath, JSON.stringify(manifest));
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(/chunks\.jsonl line 2 is not a chunk: "text" required/u);
    lines[1] = "{ broken";
    writeFileSync(chunksPath, lines.join("\n"));
    manifest.files["chunks.jsonl"] = createHash("sha256").update(readFileSync(chunksPath)).digest("hex");
    writeFileSync(manifestPath, JSON.stringify(manifest));
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(/chunks\.jsonl line 2 is not JSON/u);
  });

  it("refuses a manifest without checksums", async () => {
    const indexDir = temporaryFolder();
    const { folder } = await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const manifestPath = join(folder, "manifest.json");
    const { files: _, ...withoutFiles } = JSON.parse(readFileSync(manifestPath, "utf8"));
    writeFileSync(manifestPath, JSON.stringify(withoutFiles));
    await expect(loadIndex(indexDir, { analyzer })).rejects.toThrow(IndexCorruptError);
  });

  it("says there is no index in an empty folder", async () => {
    await expect(loadIndex(temporaryFolder(), { analyzer })).rejects.toThrow(IndexMissingError);
  });
});

describe("a rebuild with a model", () => {
  const embeddingsOf = (load: EmbedderLoad) => ("embeddings" in load ? load.embeddings : undefined)!;
  const addArticle = (corpusDir: string) =>
    writeFileSync(join(corpusDir, "book-fair.md"), "# افتتاح معرض الكتاب بالرباط\n\nافتتح المعرض الدولي للنشر والكتاب دورته الثلاثين بالرباط بمشاركة أكثر من سبعمائة عارض.\n");
  const vectorsOf = async (indexDir: string) => {
    const index = await loadIndex(indexDir, { analyzer, embeddings: embeddingsOf(tinyModel) });
    return index.chunks.map((chunk, ordinal) => ({ id: chunk.id, vector: index.vectors!.vectorAt(ordinal) }));
  };

  it("embeds only the chunks whose text is new, and reuses vectors equal to fresh ones for the rest", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    const first = await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    expect(first.vectors).toEqual({ embedded: 4, reused: 0 });
    expect(first.manifest.model?.passagePrefix).toBe("passage: ");
    addArticle(corpusDir);
    const second = await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    expect(second.vectors).toEqual({ embedded: 1, reused: 4 });

    const freshDir = temporaryFolder();
    const fresh = await buildIndex({ corpusDir, indexDir: freshDir, analyzer, embedder: tinyModel, logger: silentLogger });
    expect(fresh.vectors).toEqual({ embedded: 5, reused: 0 });
    const [reusedVectors, freshVectors] = [await vectorsOf(indexDir), await vectorsOf(freshDir)];
    expect(reusedVectors.map((entry) => entry.id)).toEqual(freshVectors.map((entry) => entry.id));
    reusedVectors.forEach((entry, i) => entry.vector.forEach((value, j) => expect(value).toBeCloseTo(freshVectors[i]!.vector[j]!, 5)));
  });

  it("embeds a section again when its text changed, and everything with reuseVectors false", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    const file = readdirSync(corpusDir).find((name) => name.endsWith(".md"))!;
    writeFileSync(join(corpusDir, file), readFileSync(join(corpusDir, file), "utf8").replace("محمود ديميرتاش", "محمود ديميرطاش"));
    const edited = await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    expect(edited.vectors).toEqual({ embedded: 1, reused: 3 });
    const forced = await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger, reuseVectors: false });
    expect(forced.vectors).toEqual({ embedded: 4, reused: 0 });
  });

  it("refuses to load an index embedded with another passage prefix, and reuses none of its vectors", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    const otherPrefix = await loadEmbedder({ model: modelDir, cacheDir: join(modelDir, "..", "cache"), prefixes: { passage: "" } }, silentLogger);
    const loading = loadIndex(indexDir, { analyzer, embeddings: embeddingsOf(otherPrefix) });
    await expect(loading).rejects.toThrow(IndexMismatchError);
    await expect(loadIndex(indexDir, { analyzer, embeddings: embeddingsOf(otherPrefix) })).rejects.toThrow('passage prefix "passage: ", but "" is in use now');
    const rebuilt = await buildIndex({ corpusDir, indexDir, analyzer, embedder: otherPrefix, logger: silentLogger });
    expect(rebuilt.vectors).toEqual({ embedded: 4, reused: 0 });
    expect(rebuilt.manifest.model?.passagePrefix).toBe("");
  });

  it("embeds everything, and says why, when the index in use has lost its vectors", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    rmSync(join((await currentBuildFolder(indexDir))!, "vectors"), { recursive: true });
    const warnings: string[] = [];
    const logger = createLogger({ level: "warn", format: "json", destination: new Writable({ write: (line, _encoding, done) => done(void warnings.push(line.toString())) }) });
    const rebuilt = await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger });
    expect(rebuilt.vectors).toEqual({ embedded: 4, reused: 0 });
    expect(warnings.join("")).toContain("cannot lend its vectors");
    expect((await loadIndex(indexDir, { analyzer, embeddings: embeddingsOf(tinyModel) })).vectors?.size).toBe(4);
  });
});

describe("a rebuild that fails halfway", () => {
  it("leaves the previous index in place and usable, and no staging folder behind", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir, indexDir, analyzer, embedder: tinyModel, logger: silentLogger });
    const before = await readManifest(indexDir);
    const buildFolder = await currentBuildFolder(indexDir);
    writeFileSync(join(corpusDir, "second.md"), "# مقال ثان\n\nنص المقال الثاني عن معرض الكتاب في الرباط.");
    const failing = {
      embeddings: {
        modelId: modelDir,
        embedDocuments: async () => {
          throw new Error("the model crashed halfway");
        },
        embedQuery: async () => [],
      },
    };
    await expect(buildIndex({ corpusDir, indexDir, analyzer, embedder: failing, logger: silentLogger })).rejects.toThrow("halfway");
    expect(await readManifest(indexDir)).toEqual(before);
    expect(await currentBuildFolder(indexDir)).toBe(buildFolder);
    expect(readdirSync(indexDir).filter((name) => name.startsWith(".staging"))).toEqual([]);
    const embeddings = "embeddings" in tinyModel ? tinyModel.embeddings : undefined;
    expect((await loadIndex(indexDir, { analyzer, embeddings })).chunks).toHaveLength(4);
  });

  it("keeps the previous index when the corpus has nothing to index", async () => {
    const indexDir = temporaryFolder();
    await buildIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const emptyCorpus = temporaryFolder();
    writeFileSync(join(emptyCorpus, "empty.md"), "");
    await expect(buildIndex({ corpusDir: emptyCorpus, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger })).rejects.toThrow(/no article/);
    expect((await readManifest(indexDir)).corpus.chunks).toBe(4);
  });
});

describe("without a model", () => {
  it("builds and answers lexical-only when the model folder holds no model, and records why", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    const embedder = await loadEmbedder({ model: temporaryFolder("isnad-empty-model-"), cacheDir: indexDir }, silentLogger);
    expect("unavailable" in embedder).toBe(true);
    const options = { corpusDir, indexDir, analyzer, embedder, logger: silentLogger };
    await buildIndex(options);
    const manifest = await readManifest(indexDir);
    expect(manifest.model).toBeNull();
    expect(manifest.lexicalOnlyReason).toMatch(/could not be loaded/);
    const pipeline = await AnswerPipeline.open(options);
    expect(pipeline.mode).toBe("lexical");
    expect((await pipeline.answer("أين يقام منتدى IGEF 2025؟")).text).toContain("أنقرة");
  });
});

describe("ensureFreshIndex", () => {
  it("builds into an empty folder, keeps a fresh index, and rebuilds when the corpus changed", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    const options = { corpusDir, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger };
    expect(await ensureFreshIndex(options)).toBeDefined();
    expect(await ensureFreshIndex(options)).toBeUndefined();
    writeFileSync(join(corpusDir, "second.md"), "# مقال ثان\n\nنص المقال الثاني.");
    expect((await ensureFreshIndex(options))?.manifest.corpus.articles).toBe(2);
  });

  it("rebuilds an index made by another analyzer (an upgrade), so it can be opened, and leaves it alone after", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    const older = createAnalyzer({ ...DEFAULT_ANALYZER_OPTIONS, charNgramLength: 3 });
    await buildIndex({ corpusDir, indexDir, analyzer: older, embedder: lexicalOnly, logger: silentLogger });
    const options = { corpusDir, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger };
    await expect(AnswerPipeline.open(options)).rejects.toThrow(IndexMismatchError);
    expect((await ensureFreshIndex(options))?.manifest.analyzer.version).toBe(analyzer.version);
    expect(await ensureFreshIndex(options)).toBeUndefined();
    expect((await AnswerPipeline.open(options)).index.chunks).toHaveLength(4);
  });

  it("rebuilds an index of an older format", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    const { folder } = await buildIndex({ corpusDir, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
    const manifestPath = join(folder, "manifest.json");
    writeFileSync(manifestPath, JSON.stringify({ ...JSON.parse(readFileSync(manifestPath, "utf8")), formatVersion: 0 }));
    expect((await ensureFreshIndex({ corpusDir, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger }))?.manifest.formatVersion).toBe(INDEX_FORMAT_VERSION);
  });

  it("does not create an index folder that does not exist", async () => {
    const indexDir = join(temporaryFolder(), "typo");
    await expect(ensureFreshIndex({ corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger })).rejects.toThrow(IndexMissingError);
    expect(existsSync(indexDir)).toBe(false);
  });

  describe("an index keeps the corpus it was built from", () => {
    /** A corpus of two articles, neither of them the seed. */
    function otherCorpus(): string {
      const folder = temporaryFolder("isnad-other-");
      writeFileSync(join(folder, "book-fair.md"), "# افتتاح معرض الكتاب بالرباط\n\nافتتح المعرض الدولي للنشر والكتاب دورته الثلاثين بالرباط.\n");
      writeFileSync(join(folder, "rain.md"), "# أمطار غزيرة في فاس\n\nشهدت مدينة فاس أمطارا غزيرة خلال نهاية الأسبوع.\n");
      return folder;
    }

    it("records the corpus folder in the manifest", async () => {
      const corpusDir = otherCorpus();
      const { manifest } = await buildIndex({ corpusDir, indexDir: temporaryFolder(), analyzer, embedder: lexicalOnly, logger: silentLogger });
      expect(manifest.corpus.folder).toBe(resolve(corpusDir));
    });

    it("is not refilled from the configured corpus when opened with --index alone", async () => {
      const built = otherCorpus();
      const indexDir = temporaryFolder();
      await buildIndex({ corpusDir: built, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
      // What `isnad ask --index DIR` passes: the configured corpus (the seed), not named by the user.
      const options = { corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger };
      expect(await ensureFreshIndex(options)).toBeUndefined();
      const pipeline = await AnswerPipeline.open(options);
      expect(new Set(pipeline.index.chunks.map((chunk) => chunk.docId))).toEqual(new Set(["book-fair", "rain"]));
    });

    it("is rebuilt from its own corpus when that changed, by ensureFreshIndex and by a rebuild (/reindex, isnad index)", async () => {
      const built = otherCorpus();
      const indexDir = temporaryFolder();
      await buildIndex({ corpusDir: built, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
      const options = { corpusDir: seedCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger };
      writeFileSync(join(built, "third.md"), "# مقال ثالث\n\nنص المقال الثالث.");
      const rebuilt = await ensureFreshIndex(options);
      expect(rebuilt?.manifest.corpus).toMatchObject({ folder: resolve(built), articles: 3 });
      rmSync(join(built, "third.md"));
      expect((await rebuildIndex(options)).manifest.corpus).toMatchObject({ folder: resolve(built), articles: 2 });
    });

    it("finds its corpus again when the project moved, the index with it", async () => {
      const before = join(temporaryFolder("isnad-project-"), "isnad");
      mkdirSync(join(before, "embeddings"), { recursive: true });
      cpSync(otherCorpus(), join(before, "corpus"), { recursive: true });
      await buildIndex({ corpusDir: join(before, "corpus"), indexDir: join(before, "embeddings"), analyzer, embedder: lexicalOnly, logger: silentLogger });
      const after = join(temporaryFolder("isnad-moved-"), "isnad");
      renameSync(before, after);
      writeFileSync(join(after, "corpus", "third.md"), "# مقال ثالث\n\nنص المقال الثالث.");
      const options = { corpusDir: seedCorpus(), indexDir: join(after, "embeddings"), analyzer, embedder: lexicalOnly, logger: silentLogger };
      expect((await ensureFreshIndex(options))?.manifest.corpus).toMatchObject({ folder: join(after, "corpus"), folderFromIndex: "../corpus", articles: 3 });
    });

    it("is rebuilt from another corpus only when the user names it", async () => {
      const indexDir = temporaryFolder();
      await buildIndex({ corpusDir: otherCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
      const seed = seedCorpus();
      const rebuilt = await ensureFreshIndex({ corpusDir: seed, corpusChosen: true, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
      expect(rebuilt?.manifest.corpus).toMatchObject({ folder: resolve(seed), articles: 1 });
    });

    it("reports a named corpus that does not exist rather than keep the index silently", async () => {
      const indexDir = temporaryFolder();
      await buildIndex({ corpusDir: otherCorpus(), indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
      const options = { corpusDir: join(temporaryFolder(), "typo"), corpusChosen: true, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger };
      await expect(ensureFreshIndex(options)).rejects.toThrow(/does not exist/u);
    });

    it("rebuilds an index of the older format (no corpus recorded) from the configured corpus only when it is the one", async () => {
      const seed = seedCorpus();
      const asOlder = async (corpusDir: string) => {
        const indexDir = temporaryFolder();
        const { folder } = await buildIndex({ corpusDir, indexDir, analyzer, embedder: lexicalOnly, logger: silentLogger });
        const manifestPath = join(folder, "manifest.json");
        const { files: _, ...older } = JSON.parse(readFileSync(manifestPath, "utf8"));
        delete older.corpus.folder;
        writeFileSync(manifestPath, JSON.stringify({ ...older, formatVersion: 3 }));
        return indexDir;
      };
      const fromSeed = await asOlder(seed);
      expect((await ensureFreshIndex({ corpusDir: seed, indexDir: fromSeed, analyzer, embedder: lexicalOnly, logger: silentLogger }))?.manifest.corpus.folder).toBe(resolve(seed));
      const fromOther = await asOlder(otherCorpus());
      const refusal = ensureFreshIndex({ corpusDir: seed, indexDir: fromOther, analyzer, embedder: lexicalOnly, logger: silentLogger });
      await expect(refusal).rejects.toThrow(IndexCorpusUnknownError);
      await expect(refusal).rejects.toMatchObject({ fix: `Name its corpus once and it is recorded: npx isnad index --corpus DIR --out ${fromOther}` });
      // Nothing was rebuilt: the index of the other corpus is still there, as it was.
      expect(JSON.parse(readFileSync(join((await currentBuildFolder(fromOther))!, "manifest.json"), "utf8")).corpus.articles).toBe(2);
    });
  });
});
