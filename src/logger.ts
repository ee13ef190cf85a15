import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/** Bot tokens look like 123456:ABC-…; they hide inside URLs of network errors, so they are scrubbed from every line. */
const TOKEN_PATTERN = /\d{5,}:[\w-]{30,}/gu;

export function redactSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, "[redacted-token]");
}

export interface LoggerOptions {
  readonly level: string;
  /** "pretty" for people at a terminal (the CLI), "json" for log collectors (the bot). */
  readonly format: "pretty" | "json";
  /** Where lines go; standard error by default, so standard output stays for answers and JSON. */
  readonly destination?: NodeJS.WritableStream;
}

/**
 * pino writing to standard error. Token-shaped strings are replaced in every serialised line, whatever
 * field holds them (a nested HttpError, a URL, a message), and known secret paths are redacted too.
 */
export function createLogger(options: LoggerOptions): Logger {
  const target = options.destination ?? process.stderr;
  const scrubbed = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      target.write(redactSecrets(chunk.toString()));
      done();
    },
  });
  const stream =
    options.format === "pretty"
      ? pretty({ destination: scrubbed, sync: true, colorize: false, ignore: "pid,hostname", translateTime: "HH:MM:ss" })
      : scrubbed;
  return pino(
    {
      level: options.level,
      redact: { paths: ["token", "*.token", "config.telegram.token", "err.error.url", "err.url"], censor: "[redacted]" },
    },
    stream,
  );
}
