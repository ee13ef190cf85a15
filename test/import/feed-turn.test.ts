import { readdirSync } from "node:fs";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorpusImporter } from "../../src/import/corpus-importer.js";
import { FeedPoller } from "../../src/import/feed-poller.js";
import { ImportState } from "../../src/import/import-state.js";
import { PoliteFetcher } from "../../src/import/polite-fetcher.js";
import { createLogger } from "../../src/logger.js";
import { MemoryStateStore } from "../../src/state/memory-state-store.js";
import { RedisStateStore } from "../../src/state/redis-state-store.js";
import type { StateStore } from "../../src/state/state-store.js";
import { REDIS_URL, redisStore, sharedStoreKinds, testPrefix } from "../support/redis-test.js";
import { TcpFaultProxy } from "../support/tcp-fault-proxy.js";
import { cleanupsAfterEach, seedCorpus, silentLogger } from "../support/workspace.js";
import { startNewsSite, type NewsSite } from "./support/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite();
});
afterAll(() => site.close());

const prefix = testPrefix();
const cleanups = cleanupsAfterEach();

const until = async (condition: () => boolean, ms = 20_000) => {
  for (const deadline = Date.now() + ms; !condition() && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

const FEEDS = ["/feeds/rss.xml", "/feeds/atom.xml"];
const articleFiles = (folder: string) => readdirSync(folder).filter((name) => name.endsWith(".md")).sort();
const feedHits = () => FEEDS.map((path) => site.hits.get(path) ?? 0);

/**
 * One instance's feed polling as `npm start` wires it, on the shared corpus and `store`: its own fetcher and
 * log, and a stand-in for the background rebuild that records what it is asked.
 */
function instance(name: string, store: StateStore, corpusDir: string, rebuilds: string[]) {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", format: "json", destination: new Writable({ write: (chunk, _encoding, done) => (lines.push(chunk.toString()), done()) }) });
  const fetcher = new PoliteFetcher({ allowPrivateAddresses: true, hostDelayMs: 0 });
  const poller = new FeedPoller({
    feeds: FEEDS.map((path) => `${site.origin}${path}`),
    // Longer than the test: each instance looks once.
    intervalMs: 60_000,
    openImporter: () => CorpusImporter.open({ corpusDir, fetcher }),
    rebuild: { request: async (reason) => (rebuilds.push(reason), true) },
    logger,
    shared: { store, instanceName: name, openState: () => ImportState.open(corpusDir) },
  });
  cleanups.push(() => poller.stop());
  return { poller, log: () => lines.join("") };
}

const NOT_MY_TURN = "feeds not read: another instance's turn";

const shared = sharedStoreKinds(prefix);

describe.each(shared)("FEEDS read by instances sharing %s and one corpus", (_, open) => {
  it("one instance reads them per interval: each feed fetched once, each story written once, one rebuild", async () => {
    const stores = await open(4);
    const corpusDir = seedCorpus();
    const rebuilds: string[] = [];
    const before = feedHits();
    // Three instances started together, as a deploy starts them: each would read the feeds at once.
    const three = ["inst-a", "inst-b", "inst-c"].map((name, i) => instance(name, stores[i]!, corpusDir, rebuilds));
    for (const one of three) one.poller.start();
    expect(await until(() => rebuilds.length > 0 && three.filter((one) => one.log().includes(NOT_MY_TURN)).length === 2)).toBe(true);
    await Promise.all(three.map((one) => one.poller.stop()));

    expect(feedHits().map((hits, i) => hits - before[i]!)).toEqual([1, 1]);
    expect(rebuilds).toEqual(["3 article(s) from feeds"]);
    expect(three.filter((one) => one.log().includes("feed read: articles added"))).toHaveLength(1);
    // Without the turn, the three read at once and two stories came out twice (…-metro-line-4-7112233-2.md).
    expect(articleFiles(corpusDir)).toEqual(["2025-09-18-dams-filling-38-percent.md", "2025-09-18-metro-line-4-7112233.md", "2025-09-18-solar-desalination-plant.md", "2025-09-hammouchi-igef-ankara.md"]);

    // An instance started within the interval leaves the feeds to the reader, and shows its reading in /status.
    const later = instance("inst-d", stores[3]!, corpusDir, rebuilds);
    later.poller.start();
    expect(await until(() => later.log().includes(NOT_MY_TURN))).toBe(true);
    await later.poller.stop();
    expect(feedHits().map((hits, i) => hits - before[i]!)).toEqual([1, 1]);
    const [rss, atom] = later.poller.status();
    expect(rss!.lastReadAt).toBeDefined();
    expect(rss!.lastAdded.map((article) => article.file)).toEqual(["2025-09-18-dams-filling-38-percent.md"]);
    expect(atom!.lastAdded).toHaveLength(2);
  });
});

describe("FEEDS with the shared state unreachable", () => {
  it("are read anyway, and the log says they were read without the turn", async () => {
    const proxy = await TcpFaultProxy.start({ host: "127.0.0.1", port: 6379 }, { down: true });
    const store = new RedisStateStore({ url: proxy.url, keyPrefix: `${prefix}down:`, timeoutMs: 200, logger: silentLogger });
    cleanups.push(() => store.close());
    const corpusDir = seedCorpus();
    const rebuilds: string[] = [];
    const one = instance("inst-a", store, corpusDir, rebuilds);
    one.poller.start();
    expect(await until(() => rebuilds.length > 0)).toBe(true);
    expect(rebuilds).toEqual(["3 article(s) from feeds"]);
    expect(articleFiles(corpusDir)).toHaveLength(4);
    expect(one.log()).toContain("reading the feeds without the turn (state store unavailable)");
  });
});
