#!/usr/bin/env node
/**
 * `isnad`: the command line (package.json `bin`, compiled to dist/cli/isnad.js). Only wiring: the first
 * argument picks the command, the rest is the command's. Standard output carries only the command's result
 * (JSON with --json), so `npx isnad ask --json …` can be piped; messages and progress go to standard error.
 */
import { askCommand, ASK_USAGE } from "./ask-command.js";
import { runCli, UsageError } from "./cli-setup.js";
import { evalCommand, EVAL_USAGE } from "./eval-command.js";
import { importCommand, IMPORT_USAGE } from "./import-command.js";
import { indexCommand, INDEX_USAGE } from "./index-command.js";

const COMMANDS = {
  ask: { run: askCommand, usage: ASK_USAGE, summary: "answer a question from the index, with cited sources" },
  index: { run: indexCommand, usage: INDEX_USAGE, summary: "build the index of a corpus" },
  eval: { run: evalCommand, usage: EVAL_USAGE, summary: "measure retrieval and answers on SQuAD-format data sets" },
  import: { run: importCommand, usage: IMPORT_USAGE, summary: "import articles from their web pages, a feed or a sitemap" },
} as const;

const USAGE = [
  "usage: isnad <command> [options]",
  "",
  "Arabic questions answered from a corpus of news articles, with verbatim cited sources.",
  "",
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(7)}${summary}`),
  "",
  "isnad <command> --help shows a command's options. The Telegram bot (and the console chat) is `npm start`.",
].join("\n");

const [name, ...args] = process.argv.slice(2);
await runCli(async () => {
  if (name === undefined) throw new UsageError("No command given.", USAGE);
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) throw new UsageError(`Unknown command "${name}".`, USAGE);
  return command.run(args);
});
