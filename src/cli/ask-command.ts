import { constants, createReadStream } from "node:fs";
import { access, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { validateQuestion } from "../question/validate-question.js";
import { AnswerPipeline, ensureFreshIndex } from "../pipeline/answer-pipeline.js";
import { toAnswerRecord } from "../render/answer-record.js";
import { renderExplanation } from "../render/render-explanation.js";
import { renderAnswerForTerminal } from "../render/render-terminal.js";
import { HELP_OPTION, parseCommandLine, setUpCli, UsageError } from "./cli-setup.js";

export const ASK_USAGE = `usage: isnad ask [--index DIR] [--corpus DIR] [--json | --explain] "سؤال"
       isnad ask [--index DIR] [--corpus DIR] --batch FILE.jsonl

Answers a question from the index (default embeddings/), rebuilding it first when its corpus changed — the
corpus it was built from, unless --corpus names another.
  --index DIR     the index folder (default INDEX_DIR, embeddings/)
  --corpus DIR    rebuild the index from this corpus (default: the one it was built from)
  --json          one JSON object: id, question, abstained, answer, citations, sources
  --explain       after the answer, why it was given, given tentatively or declined: the evidence against
                  its thresholds, the question's words as the index reads them, the decline model term by term
  --batch FILE    one question per line as {"id": "…", "question": "…"}; one JSON line out per line in.
                  A bad line gets {"id", "line", "error"} and the batch goes on; the exit code is 1 if any was bad.`;

/** `isnad ask`: the answer on standard output (text, or JSON with --json and --batch); returns the exit code. */
export async function askCommand(args: string[]): Promise<number> {
  const parsed = parseCommandLine(
    {
      args,
      allowPositionals: true,
      options: {
        index: { type: "string" },
        corpus: { type: "string" },
        json: { type: "boolean", default: false },
        explain: { type: "boolean", default: false },
        batch: { type: "string" },
        ...HELP_OPTION,
      },
    },
    ASK_USAGE,
  );
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  if (values.batch && positionals.length > 0) throw new UsageError("Give either a question or --batch FILE, not both.", ASK_USAGE);
  if (!values.batch && positionals.length === 0) throw new UsageError("No question given.", ASK_USAGE);
  if (positionals.length > 1) throw new UsageError("Put the question in quotes: it was read as several arguments.", ASK_USAGE);
  if (values.explain && (values.json || values.batch)) throw new UsageError("--explain is for one question in the terminal, without --json or --batch.", ASK_USAGE);
  if (values.batch) {
    const batchFile = values.batch;
    const info = await stat(batchFile).catch(() => undefined);
    await access(batchFile, constants.R_OK).catch(() => {
      throw new UsageError(`The batch file ${batchFile} cannot be read.`, ASK_USAGE);
    });
    if (info?.isDirectory()) throw new UsageError(`The batch file ${batchFile} is a folder: give a .jsonl file, one {"id", "question"} per line.`, ASK_USAGE);
  }

  // A bad question is refused before anything is loaded.
  let single: string | undefined;
  if (!values.batch) {
    const check = validateQuestion(positionals[0]!);
    if (!check.ok) {
      process.stderr.write(`${check.message}\n`);
      return 2;
    }
    single = check.question;
  }

  const { pipeline: options } = await setUpCli({ corpusDir: values.corpus, indexDir: values.index });
  await ensureFreshIndex(options);
  const pipeline = await AnswerPipeline.open(options);

  if (single !== undefined && values.explain) {
    const explanation = await pipeline.explain(single);
    process.stdout.write(`${renderAnswerForTerminal(explanation.answer)}\n${renderExplanation(explanation)}`);
    return 0;
  }
  if (single !== undefined) {
    const answer = await pipeline.answer(single);
    process.stdout.write(values.json ? `${JSON.stringify(toAnswerRecord("1", single, answer))}\n` : renderAnswerForTerminal(answer));
    return 0;
  }

  let bad = 0;
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(values.batch!, { encoding: "utf8" }), crlfDelay: Infinity });
  for await (const read of lines) {
    lineNumber += 1;
    // A file saved by Notepad or Excel opens with a byte-order mark, which is no part of the first line's JSON.
    const line = lineNumber === 1 ? read.replace(/^\uFEFF/u, "") : read;
    if (line.trim() === "") continue;
    const item = parseBatchLine(line);
    const id = item.id ?? `line-${lineNumber}`;
    const problem = item.error ?? (item.question === undefined ? "no question" : undefined);
    const check = item.question !== undefined ? validateQuestion(item.question) : undefined;
    if (problem || !check?.ok) {
      bad += 1;
      const error = problem ?? (check && !check.ok ? check.message : "invalid");
      process.stdout.write(`${JSON.stringify({ id, line: lineNumber, error })}\n`);
      process.stderr.write(`line ${lineNumber}: ${error}\n`);
      continue;
    }
    const answer = await pipeline.answer(check.question);
    process.stdout.write(`${JSON.stringify(toAnswerRecord(id, check.question, answer))}\n`);
  }
  if (bad > 0) process.stderr.write(`${bad} of the batch's lines could not be answered (see above).\n`);
  return bad > 0 ? 1 : 0;
}

function parseBatchLine(line: string): { id?: string; question?: string; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: "not valid JSON" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: "not a JSON object" };
  const { id, question } = value as { id?: unknown; question?: unknown };
  const result: { id?: string; question?: string; error?: string } = {};
  if (typeof id === "string" || typeof id === "number") result.id = String(id);
  if (typeof question === "string") result.question = question;
  else result.error = '"question" is missing or not a string';
  return result;
}
