import type { parseArgs, ParseArgsConfig } from "node:util";
import { parseCommandLine, UsageError } from "../src/cli/cli-setup.js";

export { HELP_OPTION } from "../src/cli/cli-setup.js";

/**
 * A script's command line, read as the isnad commands read theirs (parseCommandLine): with --help, `usage` on
 * standard output and exit 0; an unknown option or a missing value, the reason and `usage` on standard error
 * and exit 2 — not Node's stack trace. A script has nothing to clean up before it has read its options, so it
 * exits here.
 */
export function parseScriptArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  let parsed;
  try {
    parsed = parseCommandLine(config, usage);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    process.exit(2);
  }
  if (!parsed) process.exit(0);
  return parsed;
}
