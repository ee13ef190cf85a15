import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll } from "vitest";
import { createLogger } from "../../src/logger.js";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
export const SEED_ARTICLE = join(PROJECT_ROOT, "corpus", "2025-09-hammouchi-igef-ankara.md");
export const SEED_QUESTIONS = join(PROJECT_ROOT, "test", "fixtures", "seed-questions.jsonl");

/** A logger that writes nothing: tests assert on results, not log lines. */
export const silentLogger = createLogger({ level: "silent", format: "json" });

const created: string[] = [];
afterAll(() => {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A temporary folder, removed when the test file is done. */
export function temporaryFolder(prefix = "isnad-test-"): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  created.push(folder);
  return folder;
}

/** A temporary corpus folder holding a copy of the seed article. */
export function seedCorpus(): string {
  const folder = temporaryFolder("isnad-corpus-");
  cpSync(SEED_ARTICLE, join(folder, "2025-09-hammouchi-igef-ankara.md"));
  return folder;
}
