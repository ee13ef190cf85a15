import type { ChildProcess } from "node:child_process";
import { freePort, spawnBot } from "./bot-process.js";

export const WEBHOOK_SECRET = "several-instances-secret-0123";
export const WEBHOOK_PATH = "/telegram";

/** What the instances share: the Bot API, the corpus and index folders, Redis, the feedback file. */
export interface SharedSetup {
  readonly apiRoot: string;
  readonly corpusDir: string;
  readonly indexDir: string;
  readonly cwd: string;
  readonly redisUrl?: string;
  readonly keyPrefix?: string;
  readonly feedbackFile?: string;
  readonly adminUserIds?: readonly number[];
  readonly logLevel?: string;
}

export interface RunningInstance {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

/**
 * One instance of the real bot (`src/main.ts`, as `npm start` runs it) in webhook mode on a loopback port,
 * resolved once its /healthz answers (at most `readyMs`).
 */
export async function startInstance(name: string, setup: SharedSetup, readyMs = 60_000): Promise<RunningInstance> {
  const port = await freePort();
  const { child, output: outputSoFar, exited: ended } = spawnBot(setup.cwd, {
    TELEGRAM_API_ROOT: setup.apiRoot,
    CORPUS_DIR: setup.corpusDir,
    INDEX_DIR: setup.indexDir,
    WEBHOOK_URL: `https://bot.example.org${WEBHOOK_PATH}`,
    WEBHOOK_SECRET,
    WEBHOOK_HOST: "127.0.0.1",
    PORT: String(port),
    INSTANCE_NAME: name,
    LOG_LEVEL: setup.logLevel ?? "info",
    ...(setup.redisUrl ? { REDIS_URL: setup.redisUrl } : {}),
    ...(setup.keyPrefix ? { REDIS_KEY_PREFIX: setup.keyPrefix } : {}),
    ...(setup.feedbackFile ? { FEEDBACK_FILE: setup.feedbackFile } : {}),
    ...(setup.adminUserIds ? { ADMIN_USER_IDS: setup.adminUserIds.join(",") } : {}),
  });
  const exited = ended.then(({ code }) => code);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}:\n${outputSoFar()}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`instance ${name} not ready after ${readyMs} ms:\n${outputSoFar()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { name, url, child, output: outputSoFar, exited };
}

/**
 * Telegram's side of a webhook: posts one update to `url` with the secret, and — as Telegram does when the
 * answer is not a 2xx — posts it again, at most `attempts` times, a little later each time. The status of the
 * last attempt.
 */
export async function deliverUpdate(url: string, update: unknown, attempts = 5): Promise<number> {
  let status = 0;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    status = await fetch(`${url}${WEBHOOK_PATH}`, {
      method: "POST",
      body: JSON.stringify(update),
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
    }).then(
      (response) => response.status,
      () => 0,
    );
    if (status >= 200 && status < 300) return status;
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
  return status;
}
