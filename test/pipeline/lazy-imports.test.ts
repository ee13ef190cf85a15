import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * A child process that fails any import of LangChain or transformers.js (a resolve hook throws), then builds,
 * loads and answers lexical-only, as `npm run ask` does without a model: the run must never reach them, since
 * importing them cost about 300 ms of every start. With the hook, the tiny model's hybrid path must fail — the
 * proof that the hook does catch them.
 */
const BLOCK_HOOK = `data:text/javascript,${encodeURIComponent(
  `export async function resolve(specifier, context, next) {
     if (/@langchain|@xenova|onnxruntime/.test(specifier)) throw new Error("blocked import: " + specifier);
     return next(specifier, context);
   }`,
)}`;

const runChild = (withModel: boolean): string => {
  const script = `
    import { register } from "node:module";
    import { mkdtempSync, cpSync } from "node:fs";
    import { tmpdir } from "node:os";
    import { join } from "node:path";
    register(${JSON.stringify(BLOCK_HOOK)});
    const { AnswerPipeline, rebuildIndex } = await import("./src/pipeline/answer-pipeline.ts");
    const { createAnalyzer } = await import("./src/text/analyzer.ts");
    const { loadEmbedder } = await import("./src/embedder/load-embedder.ts");
    const { createLogger } = await import("./src/logger.ts");
    const logger = createLogger({ level: "silent", format: "json" });
    const workspace = mkdtempSync(join(tmpdir(), "isnad-lazy-"));
    cpSync("corpus", join(workspace, "corpus"), { recursive: true });
    let embedder = { modelId: "none", unavailable: "no model in this run" };
    if (${withModel}) {
      const { writeTinyModel } = await import("./test/support/tiny-model.ts");
      writeTinyModel(join(workspace, "tiny-e5"), 8);
      embedder = await loadEmbedder({ model: join(workspace, "tiny-e5"), cacheDir: workspace }, logger);
      if ("unavailable" in embedder) throw new Error(embedder.unavailable);
    }
    const options = { corpusDir: join(workspace, "corpus"), indexDir: join(workspace, "index"), analyzer: createAnalyzer(), embedder, logger };
    await rebuildIndex(options);
    const answer = await (await AnswerPipeline.open(options)).answer("من يترأس الوفد الأمني المغربي؟");
    console.log(answer.abstained ? "declined" : "answered");
  `;
  return execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
};

describe("imports of LangChain and transformers.js", () => {
  it("are not made by a lexical-only build, load and answer", () => {
    expect(runChild(false)).toBe("answered");
  }, 60_000);

  it("are made when a model is used (the hook that forbids them does catch them)", () => {
    expect(() => runChild(true)).toThrow(/blocked import: @xenova\/transformers/);
  }, 60_000);
});
