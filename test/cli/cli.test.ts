import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { runTsx, type ProcessOutcome } from "../support/run-tsx.js";
import { writeTinyModel } from "../support/tiny-model.js";
import { PROJECT_ROOT, seedCorpus, temporaryFolder } from "../support/workspace.js";

const run = promisify(execFile);
const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

/** Runs `isnad <command>` from the sources (as `npm run ask` does), offline, without a model (EMBEDDING_MODEL=none). */
function cli(script: "ask-command" | "index-command" | "eval-command" | "", args: string[], env: Record<string, string> = {}): Promise<ProcessOutcome> {
  const command = script.replace(/-command$/u, "");
  return runTsx(join("src", "cli", "isnad.ts"), [...(command ? [command] : []), ...args], {
    cwd: temporaryFolder("isnad-cwd-"),
    env: { PATH: process.env.PATH!, EMBEDDING_MODEL: "none", LOG_LEVEL: "error", ...env },
  });
}

describe("isnad index / ask", () => {
  let corpusDir: string;
  let indexDir: string;
  let ask: (args: string[]) => Promise<ProcessOutcome>;

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
    expect(Object.keys(record)).toEqual(["id", "question", "abstained", "tentative", "evidence", "answer", "citations", "sources"]);
    expect(record.answer).toContain("محمود ديميرتاش");
    // Answered from a passage that names both men: confidently, and the figure it was decided on with it.
    expect(record).toMatchObject({ abstained: false, tentative: false });
    expect(record.evidence).toBeGreaterThanOrEqual(0.8);
    expect(record.evidence).toBeLessThanOrEqual(1);
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
        // Saved by Notepad or Excel: a byte-order mark before the first line.
        `\uFEFF${JSON.stringify({ id: "a", question: "أين يقام منتدى IGEF 2025؟" })}`,
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
    expect(lines.slice(1, 3).map((line) => line.error)).toEqual(["not valid JSON", '"question" is missing or not a string']);
    expect(lines[4]).toMatchObject({ abstained: true, citations: [] });
    expect(stderr).toContain("3 of the batch's lines could not be answered");
  });

  it("refuses a batch file that is a folder, or cannot be read, with the usage and nothing answered", async () => {
    for (const [file, reason] of [[temporaryFolder(), "is a folder"], [join(temporaryFolder(), "missing.jsonl"), "cannot be read"]] as const) {
      const { code, stdout, stderr } = await ask(["--batch", file]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(`The batch file ${file} ${reason}`);
      expect(stderr).not.toContain("EISDIR");
    }
  });

  it("says why with --explain: the decision against its thresholds, the words as read, the model term by term", async () => {
    const { code, stdout } = await ask(["--explain", "ما هي عاصمة اليابان؟"]);
    expect(code).toBe(0);
    expect(stdout).toContain("لا أجد في مصادري ما يجيب عن هذا السؤال.");
    expect(stdout).toMatch(/Decision: declined — evidence 0\.00 \(declined below 0\.5, tentative below 0\.97\)/u);
    expect(stdout).toMatch(/ياب [\d.]+\*/u);
    expect(stdout).toContain("a focus the sources name only beside another subject: yes");
    const { code: refused, stderr } = await ask(["--explain", "--json", "ما هي عاصمة اليابان؟"]);
    expect(refused).toBe(2);
    expect(stderr).toContain("--explain is for one question in the terminal");
  });

  it("rejects unknown flags with the usage", async () => {
    const { code, stderr } = await ask(["--jsn", "سؤال"]);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: isnad ask");
  });

  it("reports a corpus folder that does not exist when indexing", async () => {
    const { code, stderr } = await cli("index-command", ["--corpus", join(corpusDir, "nope"), "--out", temporaryFolder()]);
    expect(code).toBe(1);
    expect(stderr).toContain("does not exist");
  });
});

describe("isnad eval", () => {
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

describe("the isnad command", () => {
  it.each([["ask", "usage: isnad ask"], ["index", "usage: isnad index"], ["eval", "usage: isnad eval"]])("prints %s --help on standard output", async (command, usage) => {
    const { code, stdout, stderr } = await cli(`${command}-command` as "ask-command", ["--help"]);
    expect(code).toBe(0);
    expect(stdout.startsWith(usage)).toBe(true);
    expect(stderr).toBe("");
  });

  it("lists its commands with --help, and refuses an unknown or missing command with that list", async () => {
    const help = await cli("", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: isnad <command>[\s\S]*\n {2}ask {4}[\s\S]*\n {2}index {2}[\s\S]*\n {2}eval {3}/u);
    const unknown = await cli("", ["serve"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "serve".');
    expect(unknown.stdout).toBe("");
    expect((await cli("", [])).code).toBe(2);
  });

  describe("compiled, as package.json's bin runs it", () => {
    it("is built by npm run build into an executable script whose --json output is JSON and nothing else", async () => {
      const bin = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).bin.isnad as string;
      expect(bin).toBe("dist/cli/isnad.js");
      // The build of npm ci's prepare step, into dist/ (ignored by git), as a fresh clone gets it.
      await run("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT });
      const script = join(PROJECT_ROOT, bin);
      expect(readFileSync(script, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
      expect(statSync(script).mode & 0o111).toBe(0o111);
      const corpusDir = seedCorpus();
      const indexDir = temporaryFolder();
      const env = { PATH: process.env.PATH!, EMBEDDING_MODEL: "none", LOG_LEVEL: "error" };
      // Run as a command (its #! line), the way npx and npm's bin links run it.
      const built = await run(script, ["index", "--corpus", corpusDir, "--out", indexDir], { cwd: temporaryFolder("isnad-cwd-"), env });
      expect(built.stdout).toContain("Indexed 1 article into 4 chunks");
      const { stdout } = await run(script, ["ask", "--index", indexDir, "--json", "أين يقام منتدى IGEF 2025؟"], { cwd: temporaryFolder("isnad-cwd-"), env });
      const record = JSON.parse(stdout);
      expect(record).toMatchObject({ id: "1", abstained: false });
      expect(record.answer).toContain("أنقرة");
    });
  });
});

describe("an index named by --index keeps its corpus", () => {
  it("answers from the 2 articles it was built from, not from the configured corpus", async () => {
    const other = temporaryFolder("isnad-other-");
    writeFileSync(join(other, "book-fair.md"), "# افتتاح معرض الكتاب بالرباط\n\nافتتح المعرض الدولي للنشر والكتاب دورته الثلاثين بالرباط بمشاركة سبعمائة عارض.\n");
    writeFileSync(join(other, "rain.md"), "# أمطار غزيرة في فاس\n\nشهدت مدينة فاس أمطارا غزيرة خلال نهاية الأسبوع.\n");
    const indexDir = temporaryFolder();
    expect((await cli("index-command", ["--corpus", other, "--out", indexDir])).code).toBe(0);
    // The configured corpus (CORPUS_DIR unset: corpus/ in the working folder) holds the seed article.
    const cwd = temporaryFolder("isnad-cwd-");
    mkdirSync(join(cwd, "corpus"));
    writeFileSync(join(cwd, "corpus", "seed.md"), readFileSync(join(seedCorpus(), "2025-09-hammouchi-igef-ankara.md")));
    const asked = await run(TSX, [join(PROJECT_ROOT, "src", "cli", "isnad.ts"), "ask", "--index", indexDir, "--json", "كم عارضا شارك في معرض الكتاب بالرباط؟"], {
      cwd,
      env: { PATH: process.env.PATH!, EMBEDDING_MODEL: "none", LOG_LEVEL: "error" },
    });
    expect(JSON.parse(asked.stdout).answer).toContain("سبعمائة عارض");
    const manifest = JSON.parse(readFileSync(join(indexDir, readFileSync(join(indexDir, "CURRENT"), "utf8").trim(), "manifest.json"), "utf8"));
    expect(manifest.corpus).toMatchObject({ folder: other, articles: 2 });
  });
});

describe("configuration errors", () => {
  const filePath = () => {
    const path = join(temporaryFolder(), "not-a-folder");
    writeFileSync(path, "x");
    return path;
  };

  it.each([
    ["ask", ["--index", "FILE", "من يترأس الوفد؟"]],
    ["index", ["--out", "FILE"]],
  ])("isnad %s with an index path that is a file: a clear error naming INDEX_DIR, no stack trace", async (command, args) => {
    const path = filePath();
    const { code, stderr, stdout } = await cli(`${command}-command` as "ask-command", [...args.map((arg) => (arg === "FILE" ? path : arg)), ...(command === "index" ? ["--corpus", seedCorpus()] : [])]);
    expect(code).toBe(1);
    expect(stderr).toContain(`error: The index folder ${path} cannot be used: it is a file, not a folder.`);
    expect(stderr).toContain("Set INDEX_DIR (or pass --index / --out) to a folder");
    expect(stderr).not.toMatch(/unexpected error|EEXIST|\n\s+at /u);
    expect(stdout).toBe("");
  });

  it("INDEX_DIR pointing at a file, from the environment", async () => {
    const { code, stderr } = await cli("ask-command", ["من يترأس الوفد؟"], { INDEX_DIR: filePath(), CORPUS_DIR: seedCorpus() });
    expect(code).toBe(1);
    expect(stderr).toContain("Set INDEX_DIR");
    expect(stderr).not.toContain("unexpected error");
  });

  it("EMBEDDING_MODEL naming a local folder that does not exist is an error, not a warning and exit 0", async () => {
    const { code, stderr } = await cli("index-command", ["--corpus", seedCorpus(), "--out", temporaryFolder()], { EMBEDDING_MODEL: "/nonexistent" });
    expect(code).toBe(1);
    expect(stderr).toContain("error: EMBEDDING_MODEL is /nonexistent, a folder that does not exist");
    expect(stderr).toContain("EMBEDDING_MODEL=none");
  });

  it("npm start with INDEX_DIR pointing at a file: the same clear error", async () => {
    try {
      await run(TSX, [join(PROJECT_ROOT, "src", "main.ts")], {
        cwd: temporaryFolder("isnad-cwd-"),
        // The API root is a closed port: the error must come before any call to Telegram.
        env: { PATH: process.env.PATH!, EMBEDDING_MODEL: "none", TELEGRAM_BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ", TELEGRAM_API_ROOT: "http://127.0.0.1:9", INDEX_DIR: filePath(), CORPUS_DIR: seedCorpus() },
        timeout: 60_000,
      });
      expect.unreachable("npm start should have stopped");
    } catch (error) {
      const { code, stderr } = error as { code: number; stderr: string };
      expect(code).toBe(1);
      expect(stderr).toContain("Set INDEX_DIR");
      expect(stderr).not.toContain("unexpected error");
    }
  });
});

describe("a damaged index", () => {
  it("is refused by isnad ask with the file at fault and the command that rebuilds, not a TypeError", async () => {
    const corpusDir = seedCorpus();
    const indexDir = temporaryFolder();
    expect((await cli("index-command", ["--corpus", corpusDir, "--out", indexDir])).code).toBe(0);
    const chunksPath = join(indexDir, readFileSync(join(indexDir, "CURRENT"), "utf8").trim(), "chunks.jsonl");
    writeFileSync(chunksPath, readFileSync(chunksPath, "utf8").replace('"docId":', '"doc":'));
    const { code, stderr, stdout } = await cli("ask-command", ["--index", indexDir, "--corpus", corpusDir, "أين يقام منتدى IGEF 2025؟"]);
    expect(code).toBe(1);
    expect(stderr).toContain("chunks.jsonl has changed since it was built");
    expect(stderr).toContain(`Rebuild it with: npx isnad index --out ${indexDir}`);
    expect(stderr).not.toMatch(/TypeError|unexpected error/u);
    expect(stdout).toBe("");
  });
});
