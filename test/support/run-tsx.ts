import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "./workspace.js";

const run = promisify(execFile);
const TSX = join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

/** How a process ended: its exit code and what it printed. */
export interface ProcessOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of the project's TypeScript files (`path` relative to the project root) as its npm scripts do, with
 * tsx, and gives back how it ended — a non-zero exit is an outcome to assert on, not a thrown error.
 */
export async function runTsx(path: string, args: readonly string[], options: { readonly cwd: string; readonly env: Record<string, string> }): Promise<ProcessOutcome> {
  try {
    const { stdout, stderr } = await run(TSX, [join(PROJECT_ROOT, path), ...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as ProcessOutcome;
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}
