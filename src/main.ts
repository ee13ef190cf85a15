/**
 * `npm start`: the Telegram bot (long polling, or a webhook server when WEBHOOK_URL is set), or — without a
 * token, at a terminal — a local console chat on the same pipeline. Only wiring lives here.
 */
import { loadDotEnv, parseConfig, type Config } from "./config.js";
import { createBot } from "./bot/create-bot.js";
import { runConsoleChat } from "./bot/console-chat.js";
import { startPolling, stopPolling } from "./bot/run-polling.js";
import { openConfiguredJournal } from "./bot/update-journal.js";
import { startWebhook, stopWebhook } from "./bot/webhook-server.js";
import { loadEmbedder, reportUnavailable } from "./embedder/load-embedder.js";
import { IsnadError } from "./errors.js";
import { FileFeedbackLog } from "./feedback/feedback-log.js";
import { createImportService } from "./import/import-service.js";
import { createLogger, redactSecrets, type Logger } from "./logger.js";
import { AnswerPipeline, ensureFreshIndex, type PipelineOptions } from "./pipeline/answer-pipeline.js";
import { IndexHolder } from "./pipeline/index-holder.js";
import { retrievalParamsWith } from "./retrieval/hybrid-retriever.js";
import { createAnalyzer } from "./text/analyzer.js";
import { followSharedIndex } from "./state/index-sync.js";
import { startHeartbeat } from "./state/instance-registry.js";
import { instanceNameOf, openStateStore } from "./state/open-state-store.js";

/**
 * How long a stop waits for the answers in flight before exiting anyway: within the 10 s a process manager
 * gives before SIGKILL (systemd's TimeoutStopSec is 90 s; docker stop's grace is 10 s), with room to spare.
 */
const SHUTDOWN_DEADLINE_MS = 8000;

const NO_TOKEN = "TELEGRAM_BOT_TOKEN is not set, so the Telegram bot cannot start. Create a bot with @BotFather and put its token in .env (see README.md).";

async function openQuestions(config: Config, logger: Logger): Promise<IndexHolder> {
  // A first-use download of the model is reported every 10 % per file (the CLI shows a progress bar instead).
  const reported = new Map<string, number>();
  const embedder = await loadEmbedder({ ...config.embedding }, logger, ({ file, loadedBytes, totalBytes }) => {
    const percent = totalBytes > 0 ? Math.floor((100 * loadedBytes) / totalBytes / 10) * 10 : 0;
    if (percent > (reported.get(file) ?? -1)) {
      reported.set(file, percent);
      logger.info({ file, percent, totalBytes }, "downloading the embedding model");
    }
  });
  await reportUnavailable(embedder, config.embedding.cacheDir, logger);
  const options: PipelineOptions = { corpusDir: config.corpusDir, corpusChosen: config.corpusDirSet, indexDir: config.indexDir, analyzer: createAnalyzer(), embedder, logger, retrieval: retrievalParamsWith(config.fusion) };
  const built = await ensureFreshIndex(options);
  if (built) logger.info({ articles: built.manifest.corpus.articles, chunks: built.manifest.corpus.chunks, seconds: built.manifest.buildSeconds }, "index built");
  return new IndexHolder(await AnswerPipeline.open(options), options);
}

async function main(): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const logger = createLogger(config.log);
  const token = config.telegram.token;

  if (!token) {
    process.stderr.write(`${NO_TOKEN}\n`);
    if (!process.stdin.isTTY) return 1;
    const questions = await openQuestions(config, createLogger({ ...config.log, level: "warn", format: "pretty" }));
    await runConsoleChat(questions, process.stdin, process.stdout);
    return 0;
  }

  // Last safety net: a promise nobody awaited must not take the bot down with it.
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: { name: (reason as Error)?.name, message: (reason as Error)?.message } }, "unhandled rejection");
  });
  const startedAt = new Date();
  // Long polling's journal of the updates taken and not finished (webhook mode needs none: docs/OPERATIONS.md,
  // "Faults"), opened first so that a path that cannot be written stops the bot before the index loads. The
  // number before the token's colon is the bot's id.
  const journal = config.telegram.webhook ? undefined : await openConfiguredJournal(config.telegram.updateJournal, Number(token.split(":")[0]), logger, config.telegram.apiRoot);
  // TELEGRAM_API_ROOT, for the bot's calls and for the start-up messages that name where it looked.
  const apiRoot = config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {};
  const questions = await openQuestions(config, logger);
  // The state the instances share (REDIS_URL), or this process's memory; see docs/OPERATIONS.md.
  const instanceName = instanceNameOf(config.state);
  const store = await openStateStore(config.state, logger);
  const heartbeat = startHeartbeat(store, { name: instanceName, startedAt: startedAt.toISOString() });
  const indexSync = followSharedIndex(store, questions, instanceName, logger);
  // /add, and FEEDS read every FEED_POLL_MINUTES with a background rebuild (src/import/), which take the
  // rebuild lock and the feed turn in the same store as /reindex.
  const importing = createImportService(config, questions, logger, { store, instanceName });
  const { bot, inFlight } = createBot(token, {
    store,
    instanceName,
    importing,
    questions,
    logger,
    adminUserIds: config.telegram.adminUserIds,
    startedAt,
    ...apiRoot,
    ...(config.telegram.feedbackFile ? { feedback: await FileFeedbackLog.open(config.telegram.feedbackFile) } : {}),
    ...(journal ? { journal } : {}),
  });

  importing.start();
  // This instance's work beside the answers, ended once they are: feed polling stops at once (a round in
  // progress writes whole files or none), then the index follower, the heartbeat and the store.
  const stopBackground = async () => {
    void importing.stop();
    indexSync.stop();
    await heartbeat.stop();
    await store.close();
    await journal?.close();
  };
  // A signal is taken once: a second SIGINT/SIGTERM during the stop ends the process at once (Node's default).
  const signalled = new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });

  if (config.telegram.webhook) {
    const starting = startWebhook(bot, { ...config.telegram.webhook, logger, adminUserIds: config.telegram.adminUserIds, ...apiRoot });
    const first = await Promise.race([starting.then((server) => ({ server })), signalled.then((signal) => ({ signal }))]);
    if ("signal" in first) {
      logger.info({ signal: first.signal }, "stopped before the webhook was set");
      await stopBackground();
      return 0;
    }
    const { server } = first;
    const signal = await signalled;
    logger.info({ signal }, "stopping: no new updates, finishing the answers in flight");
    const drained = await stopWebhook(server, inFlight, SHUTDOWN_DEADLINE_MS);
    logger.info({ drained }, "stopped");
    await stopBackground();
    return 0;
  }

  const starting = startPolling(bot, { logger, adminUserIds: config.telegram.adminUserIds, inFlight, ...apiRoot, ...(journal ? { journal } : {}) });
  // A stop while the Bot API is still being reached at start: nothing was taken, nothing to finish.
  const first = await Promise.race([starting.then((polling) => ({ polling })), signalled.then((signal) => ({ signal }))]);
  if ("signal" in first) {
    logger.info({ signal: first.signal }, "stopped before polling began");
    await stopBackground();
    return 0;
  }
  const { runner, finished } = first.polling;
  // The runner ends on a signal, or by itself on a 401/409 (rejected with a TelegramFatalError).
  const ended = await Promise.race([signalled.then((signal) => ({ signal })), finished.then(() => ({ signal: "none" }), (error: unknown) => ({ error }))]);
  logger.info("signal" in ended ? { signal: ended.signal } : {}, "stopping: no new updates, finishing the answers in flight");
  // After a 401 or 409 getUpdates cannot confirm anything; a 409 still lets the answers in flight be sent.
  const result = await stopPolling(bot, runner, inFlight, { deadlineMs: SHUTDOWN_DEADLINE_MS, logger, confirm: !("error" in ended) });
  logger.info({ ...result }, "stopped");
  await stopBackground();
  if ("error" in ended) throw ended.error;
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof IsnadError) process.stderr.write(`error: ${error.message}\n${error.fix}\n`);
    else process.stderr.write(`unexpected error: ${redactSecrets((error as Error)?.stack ?? String(error))}\n`);
    process.exit(1);
  });
