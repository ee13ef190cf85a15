/**
 * Several instances, measured (never asserted in unit tests):
 *
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench:instances [-- --requests 300 --concurrency 16 --rounds 3]
 *
 * 1. Updates per second: 1, 2 and 3 instances of the real bot (`src/main.ts`, webhook mode, lexical-only, on
 *    corpus/) behind a round-robin proxy on loopback, answering through a Bot API stand-in that answers at once;
 *    `requests` questions from as many readers / 3, posted `concurrency` at a time as Telegram would (a
 *    webhook request ends when its answer is sent), plus one instance with its state in memory, the baseline
 *    that prices Redis. p50/p95 are per update, from post to response; each row is the median of `rounds` runs.
 * 2. Redis round trips per answer: MONITOR over 50 questions, counting the commands under this run's key
 *    prefix, and the loopback round trip (PING) they each cost.
 * 3. Swapping the index after a /reindex: rebuilding on each instance vs opening the build another instance
 *    published in a shared folder, for corpus/ and for 50 copies of it.
 *
 * Needs REDIS_URL (the machine's Redis on 127.0.0.1:6379); its keys go under a prefix of their own and are
 * deleted at the end. Figures depend on the machine and its load: docs/OPERATIONS.md gives this one's.
 */
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HELP_OPTION, parseScriptArgs } from "./script-args.js";
import { Redis } from "ioredis";
import { percentile } from "../src/eval/metrics.js";
import { createLogger } from "../src/logger.js";
import { AnswerPipeline, rebuildIndex, type PipelineOptions } from "../src/pipeline/answer-pipeline.js";
import { createAnalyzer } from "../src/text/analyzer.js";
import { BotApiStandIn } from "../test/support/bot-api-stand-in.js";
import { deliverUpdate, startInstance, type RunningInstance, type SharedSetup } from "../test/support/bot-instances.js";
import { deleteKeysUnder } from "../test/support/redis-keys.js";
import { RoundRobinProxy } from "../test/support/round-robin-proxy.js";
import { textUpdate } from "../test/support/telegram-updates.js";

const USAGE = "usage: REDIS_URL=redis://127.0.0.1:6379 npm run bench:instances [-- --requests 300 --concurrency 16 --rounds 3]";
const { values } = parseScriptArgs({ options: { ...HELP_OPTION, requests: { type: "string", default: "300" }, concurrency: { type: "string", default: "16" }, rounds: { type: "string", default: "3" } } }, USAGE);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
// Scripts, like entry points, may read the environment; the bot itself reads REDIS_URL through src/config.ts.
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.error("REDIS_URL is not set: run with REDIS_URL=redis://127.0.0.1:6379 npm run bench:instances");
  process.exit(2);
}
const prefix = `isnad-bench-${randomBytes(4).toString("hex")}:`;
const logger = createLogger({ level: "error", format: "json" });
const questions = readFileSync("test/fixtures/seed-questions.jsonl", "utf8").trim().split("\n").map((line) => JSON.parse(line).question as string);
const workspace = mkdtempSync(join(tmpdir(), "isnad-instances-"));
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function indexedCorpus(copies: number, label: string): Promise<PipelineOptions> {
  const corpusDir = join(workspace, `corpus-${label}`);
  mkdirSync(corpusDir);
  for (let copy = 0; copy < copies; copy += 1) {
    for (const file of readdirSync("corpus").filter((name) => /\.(md|txt)$/u.test(name))) cpSync(join("corpus", file), join(corpusDir, `${copy}-${file}`));
  }
  const options: PipelineOptions = { corpusDir, indexDir: join(workspace, `index-${label}`), analyzer: createAnalyzer(), embedder: { modelId: "none", unavailable: "benchmark" }, logger };
  await rebuildIndex(options);
  return options;
}

let clusterIndex: Promise<PipelineOptions> | undefined;

async function withCluster<T>(count: number, redis: boolean, run: (deliver: (update: unknown) => Promise<number>, proxy: RoundRobinProxy) => Promise<T>): Promise<T> {
  const standIn = await BotApiStandIn.start();
  // Every cluster answers from one index of corpus/, built once, in the folder the instances share.
  clusterIndex ??= indexedCorpus(1, "cluster");
  const options = await clusterIndex;
  const setup: SharedSetup = {
    apiRoot: standIn.apiRoot,
    corpusDir: options.corpusDir,
    indexDir: options.indexDir,
    cwd: workspace,
    logLevel: "warn",
    ...(redis ? { redisUrl: redisUrl!, keyPrefix: prefix } : {}),
  };
  const instances: RunningInstance[] = [];
  try {
    for (let i = 0; i < count; i += 1) instances.push(await startInstance(`bench-${i}`, setup));
    const proxy = await RoundRobinProxy.start(instances.map((instance) => instance.url));
    try {
      return await run((update) => deliverUpdate(proxy.url, update, 1), proxy);
    } finally {
      await proxy.close();
    }
  } finally {
    for (const instance of instances) instance.child.kill("SIGTERM");
    await Promise.all(instances.map((instance) => instance.exited));
    await standIn.close();
  }
}

/** Posts `requests` questions, `concurrency` at a time; updates per second and per-update latency. */
async function load(deliver: (update: unknown) => Promise<number>, warmUp = true) {
  let readerId = 100_000 + Math.floor(Math.random() * 1_000_000);
  const updates = Array.from({ length: requests }, (_, i) => textUpdate(questions[i % questions.length]!, { from: { id: readerId + Math.floor(i / 3), is_bot: false, first_name: "قارئ" } }));
  readerId += requests;
  if (warmUp) for (let i = 0; i < 6; i += 1) await deliver(textUpdate(questions[i % questions.length]!, { from: { id: 99, is_bot: false, first_name: "تسخين" } }));
  const latencies: number[] = [];
  let failed = 0;
  const queue = [...updates];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let update = queue.shift(); update; update = queue.shift()) {
        const t = performance.now();
        if ((await deliver(update)) !== 200) failed += 1;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return { perSecond: requests / seconds, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), failed };
}

async function throughput(): Promise<void> {
  const rounds = Number(values.rounds);
  console.log(`\n1. Updates per second (${requests} questions, ${concurrency} at a time, lexical-only, 2-core machine; median of ${rounds} rounds, range in brackets)`);
  console.log("| instances | state | updates/s | p50 | p95 | failed |");
  console.log("|---|---|---|---|---|---|");
  const rows: Array<[number, boolean]> = [[1, false], [1, true], [2, true], [3, true]];
  const results = rows.map(() => [] as Array<Awaited<ReturnType<typeof load>>>);
  // Rounds go over every row in turn, so that the load others put on a shared machine falls on all rows alike.
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, [count, redis]] of rows.entries()) results[i]!.push(await withCluster(count, redis, (deliver) => load(deliver)));
  }
  for (const [i, [count, redis]] of rows.entries()) {
    const runs = results[i]!.sort((a, b) => a.perSecond - b.perSecond);
    const median = runs[Math.floor(runs.length / 2)]!;
    const failed = runs.reduce((sum, run) => sum + run.failed, 0);
    console.log(`| ${count} | ${redis ? "Redis" : "memory"} | ${median.perSecond.toFixed(0)} (${runs[0]!.perSecond.toFixed(0)}–${runs.at(-1)!.perSecond.toFixed(0)}) | ${ms(median.p50)} | ${ms(median.p95)} | ${failed} |`);
  }
}

async function roundTrips(): Promise<void> {
  const monitorClient = new Redis(redisUrl!);
  const monitor = await monitorClient.monitor();
  const commands = new Map<string, number>();
  // MONITOR also lists the commands a script runs inside Redis ("lua"): those are no round trips.
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    if (source === "lua" || !args.some((arg) => String(arg).startsWith(prefix))) return;
    const name = String(args[0]).toLowerCase();
    commands.set(name, (commands.get(name) ?? 0) + 1);
  });
  const asked = 50;
  await withCluster(1, true, async (deliver) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    commands.clear();
    // Each reader asks a question, then a follow-up: half the answers lean on a remembered question.
    for (let i = 0; i < asked / 2; i += 1) {
      const from = { id: 700_000 + i, is_bot: false, first_name: "قارئ" };
      await deliver(textUpdate(questions[i % questions.length]!, { from }));
      await deliver(textUpdate("ومتى؟", { from }));
    }
  });
  monitor.disconnect();
  monitorClient.disconnect();
  const total = [...commands.values()].reduce((a, b) => a + b, 0);
  const ping = new Redis(redisUrl!);
  await ping.ping();
  const pings: number[] = [];
  for (let i = 0; i < 500; i += 1) {
    const t = performance.now();
    await ping.ping();
    pings.push(performance.now() - t);
  }
  ping.disconnect();
  const rtt = percentile(pings.sort((a, b) => a - b), 0.5);
  console.log(`\n2. Redis round trips per answer (${asked} answers, half of them follow-ups; heartbeats included)`);
  console.log(`   ${(total / asked).toFixed(2)} round trips per answer: ${[...commands].map(([name, count]) => `${name} ${(count / asked).toFixed(2)}`).join(", ")}`);
  console.log(`   loopback round trip (PING, p50): ${(rtt * 1000).toFixed(0)} µs → about ${((total / asked) * rtt).toFixed(2)} ms of Redis per answer`);
}

async function indexSwap(): Promise<void> {
  console.log("\n3. After a /reindex: every instance rebuilding vs opening the shared folder's new build");
  console.log("| corpus | chunks | rebuild on each instance | open the published build |");
  console.log("|---|---|---|---|");
  for (const copies of [1, 50]) {
    const options = await indexedCorpus(copies, `swap-${copies}`);
    const rebuild: number[] = [];
    const open: number[] = [];
    let chunks = 0;
    for (let round = 0; round < 3; round += 1) {
      let t = performance.now();
      const summary = await rebuildIndex(options);
      rebuild.push(performance.now() - t);
      chunks = summary.manifest.corpus.chunks;
      t = performance.now();
      await AnswerPipeline.open(options);
      open.push(performance.now() - t);
    }
    console.log(`| corpus/ × ${copies} | ${chunks} | ${ms(Math.min(...rebuild))} | ${ms(Math.min(...open))} |`);
  }
}

try {
  await throughput();
  await roundTrips();
  await indexSwap();
} finally {
  await deleteKeysUnder(redisUrl!, prefix);
  rmSync(workspace, { recursive: true, force: true });
}
