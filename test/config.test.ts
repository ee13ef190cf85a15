import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config.js";
import { ConfigError } from "../src/errors.js";

describe("parseConfig", () => {
  it("fills defaults, and treats an empty variable as unset", () => {
    const config = parseConfig({ LOG_LEVEL: "", TELEGRAM_BOT_TOKEN: "" });
    expect(config).toMatchObject({
      corpusDir: "corpus",
      indexDir: "embeddings",
      embedding: { model: "Xenova/multilingual-e5-small", cacheDir: ".models", prefixes: {} },
      log: { level: "info", format: "json" },
      telegram: { adminUserIds: [] },
      fusion: { denseWeight: 1, rrfK: 60 },
    });
    expect(config.telegram.token).toBeUndefined();
  });

  it("reads admin ids, a token and an API root", () => {
    const config = parseConfig({ ADMIN_USER_IDS: " 12345, 678 ", TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_-abc", TELEGRAM_API_ROOT: "http://localhost:8081" });
    expect(config.telegram).toMatchObject({ adminUserIds: [12345, 678], token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_-abc", apiRoot: "http://localhost:8081" });
  });

  it("reads the address the webhook server listens on, which defaults to every interface", () => {
    const webhook = { WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: "a-long-enough-webhook-secret" };
    expect(parseConfig({ ...webhook, WEBHOOK_HOST: "127.0.0.1" }).telegram.webhook).toEqual({ url: webhook.WEBHOOK_URL, secretToken: webhook.WEBHOOK_SECRET, port: 8080, host: "127.0.0.1" });
    expect(parseConfig(webhook).telegram.webhook?.host).toBeUndefined();
    expect(() => parseConfig({ ...webhook, WEBHOOK_HOST: "http://127.0.0.1/" })).toThrow(/WEBHOOK_HOST must be an address/u);
  });

  it.each([
    ["ADMIN_USER_IDS", { ADMIN_USER_IDS: "12,@alice" }],
    ["TELEGRAM_BOT_TOKEN", { TELEGRAM_BOT_TOKEN: "not-a-token" }],
    ["TELEGRAM_API_ROOT", { TELEGRAM_API_ROOT: "localhost:8081" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["FUSION_DENSE_WEIGHT", { FUSION_DENSE_WEIGHT: "half" }],
    ["FUSION_DENSE_WEIGHT", { FUSION_DENSE_WEIGHT: "-1" }],
    ["FUSION_RRF_K", { FUSION_RRF_K: "0" }],
    ["FUSION_RRF_K", { FUSION_RRF_K: "2.5" }],
  ])("names %s when its value is bad", (variable, environment) => {
    expect(() => parseConfig(environment)).toThrow(ConfigError);
    expect(() => parseConfig(environment)).toThrow(variable);
  });

  it("reads the fusion of hybrid retrieval, as the eval's fusion sweep prints it", () => {
    expect(parseConfig({ FUSION_DENSE_WEIGHT: "0.5", FUSION_RRF_K: "20" }).fusion).toEqual({ denseWeight: 0.5, rrfK: 20 });
    expect(parseConfig({ FUSION_DENSE_WEIGHT: "0" }).fusion).toEqual({ denseWeight: 0, rrfK: 60 });
  });

  it("keeps readers' votes only when FEEDBACK_FILE names a file", () => {
    expect(parseConfig({}).telegram.feedbackFile).toBeUndefined();
    expect(parseConfig({ FEEDBACK_FILE: " " }).telegram.feedbackFile).toBeUndefined();
    expect(parseConfig({ FEEDBACK_FILE: "data/votes.jsonl" }).telegram.feedbackFile).toBe("data/votes.jsonl");
  });

  it("keeps an update journal by default, in data/, unless UPDATE_JOURNAL_FILE is none", () => {
    expect(parseConfig({}).telegram.updateJournal).toEqual({ file: "data/update-journal.jsonl", fileSet: false, maxAgeMinutes: 10 });
    expect(parseConfig({ UPDATE_JOURNAL_FILE: " /var/lib/isnad/updates.jsonl ", UPDATE_JOURNAL_MAX_AGE_MINUTES: "30" }).telegram.updateJournal).toEqual({
      file: "/var/lib/isnad/updates.jsonl",
      fileSet: true,
      maxAgeMinutes: 30,
    });
    expect(parseConfig({ UPDATE_JOURNAL_FILE: "none" }).telegram.updateJournal).toBeUndefined();
    expect(parseConfig({ UPDATE_JOURNAL_FILE: "None" }).telegram.updateJournal).toBeUndefined();
  });

  it.each(["0", "1441", "ten"])("refuses UPDATE_JOURNAL_MAX_AGE_MINUTES=%s, naming it", (minutes) => {
    expect(() => parseConfig({ UPDATE_JOURNAL_MAX_AGE_MINUTES: minutes })).toThrow(/UPDATE_JOURNAL_MAX_AGE_MINUTES must/u);
  });

  it("never puts the token in an error message", () => {
    try {
      parseConfig({ TELEGRAM_BOT_TOKEN: "123456:short" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain("123456:short");
    }
  });

  it("keeps the state in memory unless REDIS_URL is set, and reads the settings of several instances", () => {
    expect(parseConfig({}).state).toEqual({ keyPrefix: "isnad:", timeoutMs: 500 });
    const config = parseConfig({ REDIS_URL: "redis://127.0.0.1:6379/2", REDIS_KEY_PREFIX: "news-bot:", REDIS_TIMEOUT_MS: "250", INSTANCE_NAME: "web-1" });
    expect(config.state).toEqual({ redisUrl: "redis://127.0.0.1:6379/2", keyPrefix: "news-bot:", timeoutMs: 250, instanceName: "web-1" });
    const webhook = parseConfig({ WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: "a-long-enough-secret", WEBHOOK_HOST: "127.0.0.1" }).telegram.webhook;
    expect(webhook).toMatchObject({ host: "127.0.0.1", port: 8080 });
  });

  it.each([
    ["REDIS_URL", { REDIS_URL: "127.0.0.1:6379" }],
    ["REDIS_KEY_PREFIX", { REDIS_KEY_PREFIX: "has space" }],
    ["REDIS_TIMEOUT_MS", { REDIS_TIMEOUT_MS: "5" }],
    ["INSTANCE_NAME", { INSTANCE_NAME: "web 1" }],
  ])("refuses a bad %s, naming it", (variable, environment) => {
    expect(() => parseConfig(environment)).toThrow(new RegExp(`^${variable} `, "u"));
  });
});
