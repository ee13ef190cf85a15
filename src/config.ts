import { existsSync } from "node:fs";
import { z } from "zod";
import { ConfigError } from "./errors.js";
import { DEFAULT_RRF_K } from "./retrieval/fuse-rankings.js";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const adminIds = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const ids = (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);
    const bad = ids.find((id) => !/^\d{1,15}$/u.test(id));
    if (bad !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${bad}" is not a numeric Telegram user id` });
      return z.NEVER;
    }
    return ids.map(Number);
  });

/** Every setting, from the environment (and .env). Documented one by one in .env.example. */
const configSchema = z.object({
  CORPUS_DIR: z.string().default("corpus"),
  INDEX_DIR: z.string().default("embeddings"),
  EMBEDDING_MODEL: z.string().min(1).default("Xenova/multilingual-e5-small"),
  MODEL_CACHE_DIR: z.string().default(".models"),
  EMBEDDING_QUERY_PREFIX: z.string().optional(),
  EMBEDDING_PASSAGE_PREFIX: z.string().optional(),
  // The fusion of lexical and dense rankings in hybrid mode; `npm run eval -- --sweep-fusion` measures settings.
  FUSION_DENSE_WEIGHT: z.coerce
    .number({ invalid_type_error: "must be a number, such as 0.5" })
    .min(0, "must be 0 or more (0 leaves the dense ranking out of the fusion)")
    .max(10, "must be at most 10 (the lexical ranking weighs 1)")
    .default(1),
  FUSION_RRF_K: z.coerce
    .number({ invalid_type_error: "must be a whole number, such as 60" })
    .int("must be a whole number, such as 60")
    .min(1, "must be at least 1")
    .max(1000, "must be at most 1000")
    .default(DEFAULT_RRF_K),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  LOG_FORMAT: z.enum(["pretty", "json"]).optional(),
  TELEGRAM_BOT_TOKEN: optionalText.refine((token) => token === undefined || /^\d+:[\w-]{20,}$/u.test(token), {
    message: "does not look like a bot token (digits, a colon, then at least 20 letters, digits, _ or -)",
  }),
  TELEGRAM_API_ROOT: optionalText.refine((url) => url === undefined || /^https?:\/\/[^\s/]+(\/\S*)?$/u.test(url), {
    message: "must be an http(s) URL, such as http://localhost:8081",
  }),
  ADMIN_USER_IDS: adminIds,
  WEBHOOK_URL: optionalText.refine((url) => url === undefined || /^https:\/\/[^\s/]+(\/\S*)?$/u.test(url), {
    message: "must be the bot's public https:// URL, such as https://bot.example.org/telegram",
  }),
  WEBHOOK_SECRET: optionalText.refine((secret) => secret === undefined || /^[A-Za-z0-9_-]{16,256}$/u.test(secret), {
    message: "must be 16 to 256 letters, digits, _ or - (Telegram's rule for secret tokens)",
  }),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  WEBHOOK_HOST: optionalText.refine((host) => host === undefined || /^[A-Za-z0-9.:-]+$/u.test(host), {
    message: "must be an address to listen on, such as 0.0.0.0 (every interface) or 127.0.0.1",
  }),
  FEEDBACK_FILE: optionalText,
  // Long polling's journal of the updates taken and not finished (docs/OPERATIONS.md, "Faults").
  UPDATE_JOURNAL_FILE: optionalText,
  UPDATE_JOURNAL_MAX_AGE_MINUTES: z.coerce
    .number({ invalid_type_error: "must be a number of minutes, such as 10" })
    .min(1, "must be at least 1 (minute)")
    .max(1440, "must be at most 1440 (a day): Telegram keeps an update no longer")
    .default(10),
  // Several instances (docs/OPERATIONS.md, "Several instances"): their shared state in Redis.
  REDIS_URL: optionalText.refine((url) => url === undefined || /^rediss?:\/\/\S+$/u.test(url), {
    message: "must be a redis:// or rediss:// URL, such as redis://127.0.0.1:6379",
  }),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.:-]{1,64}$/u, "must be 1 to 64 letters, digits, _ . : or -").default("isnad:"),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10, "must be at least 10 ms").max(10_000, "must be at most 10000 ms").default(500),
  INSTANCE_NAME: optionalText.refine((name) => name === undefined || /^[\w.-]{1,64}$/u.test(name), {
    message: "must be 1 to 64 letters, digits, _ . or -",
  }),
  // Importing from the web (docs/CORPUS.md, "Importing from the web").
  FEEDS: optionalText.transform((value, ctx) => {
    const feeds = (value ?? "").split(/[\s,]+/u).filter(Boolean);
    const bad = feeds.find((feed) => !/^https?:\/\/[^\s/]+(\/\S*)?$/u.test(feed));
    if (bad !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `has «${bad}», which is not an http(s) address (give feed addresses separated by commas or spaces)` });
      return z.NEVER;
    }
    return [...new Set(feeds)];
  }),
  FEED_POLL_MINUTES: z.coerce
    .number({ invalid_type_error: "must be a number of minutes, such as 30" })
    .min(1, "must be at least 1 (minutes): feeds should not be read more often")
    .max(10080, "must be at most 10080 (a week)")
    .default(30),
  IMPORT_ALLOW_PRIVATE_ADDRESSES: z.enum(["true", "false"], { errorMap: () => ({ message: "must be true or false" }) }).default("false"),
  IMPORT_HOST_DELAY_MS: z.coerce
    .number({ invalid_type_error: "must be a number of milliseconds, such as 1000" })
    .int("must be a whole number of milliseconds")
    .min(0, "must be 0 or more")
    .max(60_000, "must be at most 60000 (a minute)")
    .default(1000),
});

export interface Config {
  readonly corpusDir: string;
  /** Whether CORPUS_DIR was set: only then is the configured index rebuilt from it rather than its own corpus. */
  readonly corpusDirSet: boolean;
  readonly indexDir: string;
  readonly embedding: {
    readonly model: string;
    readonly cacheDir: string;
    readonly prefixes: { readonly query?: string; readonly passage?: string };
  };
  /** How hybrid retrieval fuses its two rankings (the lexical ranking weighs 1). */
  readonly fusion: { readonly denseWeight: number; readonly rrfK: number };
  readonly log: { readonly level: NonNullable<z.infer<typeof configSchema>["LOG_LEVEL"]>; readonly format: "pretty" | "json" };
  readonly telegram: {
    readonly token?: string;
    readonly apiRoot?: string;
    readonly adminUserIds: readonly number[];
    /** Where readers' votes on answers are appended as JSON lines; no vote buttons without it. */
    readonly feedbackFile?: string;
    /**
     * Long polling's journal of the updates taken and not finished, answered at the next start after a crash;
     * absent with UPDATE_JOURNAL_FILE=none. Webhook mode does not use it.
     */
    readonly updateJournal?: UpdateJournalSettings;
    /** Webhook mode when set; long polling otherwise. */
    readonly webhook?: { readonly url: string; readonly secretToken: string; readonly port: number; readonly host?: string };
  };
  /** Where the bot's state lives: in memory (one instance), or in Redis shared by several (REDIS_URL). */
  readonly state: {
    readonly redisUrl?: string;
    readonly keyPrefix: string;
    readonly timeoutMs: number;
    /** This instance's name in /status; default host name and process id. */
    readonly instanceName?: string;
  };
  /** Importing articles from the web: feeds polled by `npm start`, and the fetcher's network policy. */
  readonly import: {
    /** Feed addresses (FEEDS); empty when none. */
    readonly feeds: readonly string[];
    /** Minutes between two readings of the feeds (FEED_POLL_MINUTES, default 30). */
    readonly feedPollMinutes: number;
    /** Whether loopback, private and link-local addresses may be fetched (default false; tests set it). */
    readonly allowPrivateAddresses: boolean;
    /** The least time between two requests to one host, in ms (default 1000). */
    readonly hostDelayMs: number;
  };
}

export interface UpdateJournalSettings {
  /** The journal's path (UPDATE_JOURNAL_FILE, default data/update-journal.jsonl). */
  readonly file: string;
  /**
   * Whether UPDATE_JOURNAL_FILE was set: a path chosen that cannot be written stops the bot at start; the
   * default is given up with a warning instead, so a read-only working folder still runs.
   */
  readonly fileSet: boolean;
  /** Updates the reader sent longer ago than this are not answered at start (minutes, 1–1440, default 10). */
  readonly maxAgeMinutes: number;
}

/** Where the update journal is kept unless UPDATE_JOURNAL_FILE says otherwise; data/ holds the bot's files. */
export const DEFAULT_UPDATE_JOURNAL_FILE = "data/update-journal.jsonl";

/**
 * Parses the configuration once, from an environment object (process.env in entry points, a literal in
 * tests). A bad value throws a ConfigError naming the variable.
 */
export function parseConfig(environment: Record<string, string | undefined>, defaults: { logFormat?: "pretty" | "json"; logLevel?: Config["log"]["level"] } = {}): Config {
  // An empty variable (NAME= in .env) means "not set": the default applies.
  const set = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""));
  const result = configSchema.safeParse(set);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "configuration");
    throw new ConfigError(`${variable} ${issue.message}`, `Fix ${variable} in your environment or .env (see .env.example).`);
  }
  const env = result.data;
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) {
    throw new ConfigError("WEBHOOK_SECRET is required with WEBHOOK_URL", "Set WEBHOOK_SECRET to a random string of 16 to 256 letters, digits, _ or -.");
  }
  return {
    corpusDir: env.CORPUS_DIR,
    corpusDirSet: set.CORPUS_DIR !== undefined,
    indexDir: env.INDEX_DIR,
    embedding: {
      model: env.EMBEDDING_MODEL,
      cacheDir: env.MODEL_CACHE_DIR,
      prefixes: {
        ...(env.EMBEDDING_QUERY_PREFIX !== undefined ? { query: env.EMBEDDING_QUERY_PREFIX } : {}),
        ...(env.EMBEDDING_PASSAGE_PREFIX !== undefined ? { passage: env.EMBEDDING_PASSAGE_PREFIX } : {}),
      },
    },
    fusion: { denseWeight: env.FUSION_DENSE_WEIGHT, rrfK: env.FUSION_RRF_K },
    log: { level: env.LOG_LEVEL ?? defaults.logLevel ?? "info", format: env.LOG_FORMAT ?? defaults.logFormat ?? "json" },
    telegram: {
      ...(env.TELEGRAM_BOT_TOKEN ? { token: env.TELEGRAM_BOT_TOKEN } : {}),
      ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : {}),
      adminUserIds: env.ADMIN_USER_IDS,
      ...(env.FEEDBACK_FILE ? { feedbackFile: env.FEEDBACK_FILE } : {}),
      ...(env.UPDATE_JOURNAL_FILE?.toLowerCase() === "none"
        ? {}
        : { updateJournal: { file: env.UPDATE_JOURNAL_FILE ?? DEFAULT_UPDATE_JOURNAL_FILE, fileSet: env.UPDATE_JOURNAL_FILE !== undefined, maxAgeMinutes: env.UPDATE_JOURNAL_MAX_AGE_MINUTES } }),
      ...(env.WEBHOOK_URL && env.WEBHOOK_SECRET ? { webhook: { url: env.WEBHOOK_URL, secretToken: env.WEBHOOK_SECRET, port: env.PORT, ...(env.WEBHOOK_HOST ? { host: env.WEBHOOK_HOST } : {}) } } : {}),
    },
    state: {
      ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
      keyPrefix: env.REDIS_KEY_PREFIX,
      timeoutMs: env.REDIS_TIMEOUT_MS,
      ...(env.INSTANCE_NAME ? { instanceName: env.INSTANCE_NAME } : {}),
    },
    import: {
      feeds: env.FEEDS,
      feedPollMinutes: env.FEED_POLL_MINUTES,
      allowPrivateAddresses: env.IMPORT_ALLOW_PRIVATE_ADDRESSES === "true",
      hostDelayMs: env.IMPORT_HOST_DELAY_MS,
    },
  };
}

/** Reads ./.env into process.env when present (variables already set win). Entry points call it once. */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
