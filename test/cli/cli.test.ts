import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTinyModel } from "../support/tiny-model.js";
import { PROJECT_ROOT, seedCorpus, temporaryFolder } from "../support/workspace.js";

const run = promisify(execFile);
const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a CLI entry point as `npm run …` would, offline, with a model path that does not exist. */
async function cli(script: "ask-command" | "index-command" | "eval-command", args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(TSX, [join(PROJECT_ROOT, "src", "cli", `${script}.ts`), ...args], {
      cwd: temporaryFolder("isnad-cwd-"),
      env: { PATH: process.env.PATH!, EMBEDDING_MODEL: "./no-model-here", LOG_LEVEL: "error", ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe("npm run index / ask", () => {
  let corpusDir: string;
  let indexDir: string;
  let ask: (args: string[]) => Promise<Outcome>;

  beforeAll(async () => {
    corpusDir = seedCorpus();
    indexDir = temporaryFolder();
    const built = await cli("index-command", ["--corpus", corpusDir, "--out", indexDir]);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Indexed 1 article into 4 chunks in [\d.]+ s\./u);
    expect(built.stdout).toContain(`Corpus: ${corpusDir}`);
    expect(built.stdout).toContain("lexical-only");
    ask = (args) => cli("ask-command", ["--index", indexDir, "--corpus", corpusDir, ...args]);
  });

  it("answers in the terminal with the answer, then numbered sources (the lead cited as the article's opening, with its date)", async () => {
    const { code, stdout } = await ask(["أين يقام منتدى IGEF 2025؟"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/أنقرة[^\n]*\[1\]/u);
    expect(stdout).toContain("المصادر:\n[1] عبد اللطيف حموشي يترأس وفدا أمنيا — المقدمة\n    2025-09\n");
  });

  it("prints the JSON contract with --json", async () => {
    const { code, stdout } = await ask(["--json", "مع من التقى حموشي خلال زيارته إلى تركيا؟"]);
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(Object.keys(record)).toEqual(["id", "question", "abstained", "answer", "citations", "sources"]);
    expect(record.answer).toContain("محمود ديميرتاش");
    expect(Object.keys(record.citations[0])).toEqual(["n", "docId", "title", "section", "quote"]);
    expect(Object.keys(record.sources[0])).toEqual(["docId", "chunkId", "title", "section", "score"]);
  });

  it.each([
    ["an empty question", "", "السؤال فارغ"],
    ["a question of white space", "   \n ", "السؤال فارغ"],
    ["a question of 10,000 characters", "ما ".repeat(3334), "طويل جدا"],
    ["punctuation only", "؟؟؟ !!! ...", "رموز أو علامات فقط"],
    ["emoji only", "😀🎉👍", "رموز أو علامات فقط"],
    ["a question in French", "Qui dirige la délégation ?", "بالحروف العربية"],
  ])("refuses %s with a clear message", async (_, question, message) => {
    const { code, stderr, stdout } = await ask([question]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe("");
  });

  it("names the command to run when the index folder is missing", async () => {
    const { code, stderr } = await cli("ask-command", ["--index", join(indexDir, "missing"), "--corpus", corpusDir, "من يترأس الوفد؟"]);
    expect(code).toBe(1);
    expect(stderr).toContain("No index in");
    expect(stderr).toContain("npx isnad index --out");
  });

  it("answers a batch line by line, reporting bad lines and going on", async () => {
    const batch = join(temporaryFolder(), "questions.jsonl");
    writeFileSync(
      batch,
      [
        JSON.stringify({ id: "a", question: "أين يقام منتدى IGEF 2025؟" }),
        "{ this is not json",
        JSON.stringify({ id: "c" }),
        JSON.stringify({ id: "d", question: "   " }),
        "",
        JSON.stringify({ id: "e", question: "ما هي عاصمة اليابان؟" }),
      ].join("\n"),
    );
    const { code, stdout, stderr } = await ask(["--batch", batch]);
    expect(code).toBe(1);
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(["a", "line-2", "c", "d", "e"]);
    expect(lines[0].abstained).toBe(false);
    expect(lines.slice(1, 4).map((line) => line.line)).toEqual([2, 3, 4]);
    expect(lines[4]).toMatchObject({ abstained: true, citations: [] });
    expect(stderr).toContain("3 of the batch's lines could not be answered");
  });

  it("says why with --explain: the decision against its thresholds, the words as read, the model term by term", async () => {
    const { code, stdout } = await ask(["--explain", "ما هي عاصمة اليابان؟"]);
    expect(code).toBe(0);
    expect(stdout).toContain("لا أجد في مصادري ما يجيب عن هذا السؤال.");
    expect(stdout).toMatch(/Decision: declined — evidence 0\.00 \(declined below 0\.5, tentative below 0\.8\)/u);
    expect(stdout).toMatch(/ياب [\d.]+\*/u);
    expect(stdout).toContain("a short question about things no chunk names: yes");
    const { code: refused, stderr } = await ask(["--explain", "--json", "ما هي عاصمة اليابان؟"]);
    expect(refused).toBe(2);
    expect(stderr).toContain("--explain is for one question in the terminal");
  });

  it("rejects unknown flags with the usage", async () => {
    const { code, stderr } = await ask(["--jsn", "سؤال"]);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run ask");
  });

  it("reports a corpus folder that does not exist when indexing", async () => {
    const { code, stderr } = await cli("index-command", ["--corpus", join(corpusDir, "nope"), "--out", temporaryFolder()]);
    expect(code).toBe(1);
    expect(stderr).toContain("does not exist");
  });
});

describe("npm run eval", () => {
  const squadFile = () => {
    const file = join(temporaryFolder(), "squad.json");
    const paragraphs = [
      { context: "يقود عبد اللطيف حموشي وفدا أمنيا إلى المنتدى الدولي IGEF 2025 بأنقرة.", qas: [{ id: "q1", question: "من يقود الوفد الأمني؟", answers: [{ text: "عبد اللطيف حموشي" }] }] },
      { context: "التقى حموشي بنظيره التركي محمود ديميرتاش لبحث التعاون الأمني.", qas: [{ id: "q2", question: "مع من التقى حموشي؟", answers: [{ text: "محمود ديميرتاش" }] }] },
    ];
    writeFileSync(file, JSON.stringify({ data: [{ title: "IGEF", paragraphs }] }));
    return file;
  };

  it("leaves a paragraph of each article out with --leave-out-paragraph, its questions counted as ones to decline", async () => {
    const { code, stdout } = await cli("eval-command", ["--dataset", squadFile(), "--leave-out-paragraph", "2", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.leftOutParagraph).toBe(2);
    const lexical = report.systems.find((system: { name: string }) => system.name === "lexical-arabic");
    expect(lexical.tune).toMatchObject({ questions: 1, recallAt1: 1, unanswerable: { questions: 1 } });
  });

  it("asks every question with a missing space with --noise missing-space, and still finds its paragraph", async () => {
    const { code, stdout } = await cli("eval-command", ["--dataset", squadFile(), "--noise", "missing-space", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.noise).toBe("missing-space");
    const lexical = report.systems.find((system: { name: string }) => system.name === "lexical-arabic");
    expect(lexical.tune).toMatchObject({ questions: 2, recallAt1: 1 });
  });

  it("says a split has no questions rather than print zeros for it", async () => {
    // One article: with the default --tune-articles 32 it is all tuning split.
    const { code, stdout } = await cli("eval-command", ["--dataset", squadFile()]);
    expect(code).toBe(0);
    expect(stdout).toContain("Tuning split (%; latency in ms)");
    expect(stdout).toContain("Test split: no questions");
    expect(stdout).not.toContain("Test split (%");
  });

  it("refuses an unknown --noise with the kinds it takes", async () => {
    const { code, stderr } = await cli("eval-command", ["--dataset", squadFile(), "--noise", "spaces"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--noise takes typos or dialect or missing-space");
  });

  it("sweeps the fusion with a model, marking the best setting and the one FUSION_* configures", async () => {
    const modelDir = join(temporaryFolder("isnad-model-"), "tiny-e5");
    writeTinyModel(modelDir, 32);
    const env = { EMBEDDING_MODEL: modelDir, FUSION_DENSE_WEIGHT: "0.5", FUSION_RRF_K: "20" };
    const { code, stdout } = await cli("eval-command", ["--dataset", squadFile(), "--sweep-fusion"], env);
    expect(code).toBe(0);
    expect(stdout).toContain("Fusion sweep: hybrid retrieval");
    expect(stdout).toMatch(/^0\.5, 20 .* configured$/mu);
    expect(stdout).toMatch(/^\d+(\.\d+)?, \d+ .* best/mu);
    expect(stdout).toMatch(/Best on the tuning split: FUSION_DENSE_WEIGHT=[\d.]+ FUSION_RRF_K=\d+ \(configured: 0\.5, 20\)/u);
  });

  it("says the fusion sweep was skipped, and why, without a model", async () => {
    const { code, stdout } = await cli("eval-command", ["--dataset", squadFile(), "--sweep-fusion"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^skipped fusion sweep: /mu);
    expect(stdout).not.toContain("Fusion sweep:");
  });

  it("refuses a fusion weight that is not a number, naming the variable", async () => {
    const { code, stderr } = await cli("eval-command", ["--dataset", squadFile()], { FUSION_DENSE_WEIGHT: "half" });
    expect(code).toBe(1);
    expect(stderr).toContain("FUSION_DENSE_WEIGHT must be a number");
  });

  it.each([["0"], ["two"], ["1.5"]])("refuses --leave-out-paragraph %s with the usage", async (value) => {
    const { code, stderr } = await cli("eval-command", ["--dataset", squadFile(), "--leave-out-paragraph", value]);
    expect(code).toBe(2);
    expect(stderr).toContain("--leave-out-paragraph takes a whole number ≥ 1");
  });
});
