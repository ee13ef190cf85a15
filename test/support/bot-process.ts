import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { TEST_TOKEN } from "./bot-api-stand-in.js";

// Not workspace.ts's: that module registers vitest hooks, and benchmark scripts import this one too.
const PROJECT_ROOT = resolve(import.meta.dirname, "../..");

export interface BotProcess {
  readonly child: ChildProcess;
  /** Standard output and standard error so far, interleaved as they arrived. */
  output(): string;
  /** The exit code (null when a signal ended it) and when it came, by the test's clock. */
  readonly exited: Promise<{ code: number | null; at: number }>;
}

/**
 * The real bot (`src/main.ts` under tsx, as `npm run dev` runs it) as a child process in `cwd`, with the test
 * token, no embedding model and info-level logs; `env` adds the rest (TELEGRAM_API_ROOT, CORPUS_DIR, INDEX_DIR …)
 * or overrides these. Nothing else of this process's environment is passed on but PATH.
 *
 * Node with tsx's loader, as the `tsx` command starts it, but without that command in between: it runs the
 * script as its own child, and a SIGKILL (which it cannot pass on) would end it and leave the bot running.
 */
export function spawnBot(cwd: string, env: Record<string, string>): BotProcess {
  const tsx = join(PROJECT_ROOT, "node_modules", "tsx", "dist");
  const child = spawn(process.execPath, ["--require", join(tsx, "preflight.cjs"), "--import", pathToFileURL(join(tsx, "loader.mjs")).href, join(PROJECT_ROOT, "src", "main.ts")], {
    cwd,
    env: { PATH: process.env.PATH!, TELEGRAM_BOT_TOKEN: TEST_TOKEN, EMBEDDING_MODEL: "none", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((done) => child.on("exit", (code) => done({ code, at: Date.now() })));
  return { child, output: () => output, exited };
}

/** A free port on loopback, as the OS hands it out. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
