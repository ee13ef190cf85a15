/**
 * Writes the tests' tiny generated embedding model into a folder, for trying the dense and hybrid paths where
 * no real model can be had (figures with it measure the machinery, not retrieval quality):
 *
 *   npm run tiny-model -- FOLDER [--dimensions 32]
 *   EMBEDDING_MODEL=FOLDER npm run eval -- --dataset ../shared/datasets/xquad.ar.json --hold-out 8 --sweep-fusion
 *
 * The folder's name picks the prefixes, as a hub id's does (embedder/model-profiles): one named like
 * /tmp/tiny-e5 gets E5's «query: » and «passage: », as the tests and docs/EVALUATION.md's figures had them.
 */
import { existsSync } from "node:fs";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { writeTinyModel } from "../test/support/tiny-model.js";

const USAGE = "usage: npm run tiny-model -- FOLDER [--dimensions N]   (N a whole number from 2 to 1024; default 32)";
const { values, positionals } = parseScriptArgs({ options: { ...HELP_OPTION, dimensions: { type: "string", default: "32" } }, allowPositionals: true }, USAGE);
const dimensions = Number(values.dimensions);
if (positionals.length !== 1 || !Number.isInteger(dimensions) || dimensions < 2 || dimensions > 1024) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const folder = positionals[0]!;
if (existsSync(folder)) {
  process.stderr.write(`${folder} exists already: give a folder that does not exist, so nothing is overwritten.\n`);
  process.exit(2);
}
writeTinyModel(folder, dimensions);
process.stdout.write(
  `Wrote a tiny ${dimensions}-dimension model to ${folder}. Use it with EMBEDDING_MODEL=${folder}` +
    ` (a folder named like tiny-e5 gets E5's prefixes, as the documented figures had them).\n`,
);
