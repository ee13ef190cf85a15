/**
 * Writes a model of multilingual-e5-small's shape into a folder, to measure what the real model costs where it
 * cannot be downloaded (its vectors mean nothing; `npm run bench` measures it the same way):
 *
 *   npm run e5-shaped-model -- FOLDER [--dataset ../shared/datasets/xquad.ar.json] [--layers 12]
 *   npm run bench -- --model FOLDER
 *
 * The tokenizer's vocabulary is made of the words of the data set's paragraphs (or of corpus/), as pieces of an
 * XLM-RoBERTa-like Unigram tokenizer. Name the folder like «…-e5-…» to get E5's prefixes.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { readSquadDataset } from "../src/eval/squad-dataset.js";
import { E5_SMALL_SHAPE, writeE5ShapedModel } from "../test/support/e5-shaped-model.js";

const USAGE = "usage: npm run e5-shaped-model -- FOLDER [--dataset FILE] [--layers N]   (N from 1 to 24; default 12)";
const { values, positionals } = parseScriptArgs({ options: { ...HELP_OPTION, dataset: { type: "string" }, layers: { type: "string", default: "12" } }, allowPositionals: true }, USAGE);
const layers = Number(values.layers);
if (positionals.length !== 1 || !Number.isInteger(layers) || layers < 1 || layers > 24) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const folder = positionals[0]!;
if (existsSync(folder)) {
  process.stderr.write(`${folder} exists already: give a folder that does not exist, so nothing is overwritten.\n`);
  process.exit(2);
}
let texts: string[];
try {
  texts = values.dataset
    ? (await readSquadDataset(values.dataset)).articles.flatMap((article) => [article.title, ...article.paragraphs])
    : readdirSync("corpus").filter((file) => /\.(md|txt)$/u.test(file)).map((file) => readFileSync(join("corpus", file), "utf8"));
} catch (error) {
  process.stderr.write(`Cannot read the texts for the vocabulary: ${(error as Error).message}\n`);
  process.exit(2);
}
const { vocabularySize } = writeE5ShapedModel(folder, { texts, shape: { ...E5_SMALL_SHAPE, layers } });
process.stdout.write(`Wrote a model of multilingual-e5-small's shape (${layers} layers, int8 and fp32, ${vocabularySize} pieces) to ${folder}.\n`);
