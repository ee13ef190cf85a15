import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { ConfigError } from "../errors.js";

/**
 * Readers' votes on answers (👍 / 👎 under an answer in Telegram), kept when FEEDBACK_FILE is set: what a
 * newsroom reads to find the answers that failed its readers, and the questions worth adding to an
 * evaluation set. A record holds the question as read, the decision and the sources — and nothing about who
 * voted: no user or chat id.
 */
export interface FeedbackRecord {
  /** ISO time of the vote. */
  readonly at: string;
  readonly vote: "useful" | "not-useful";
  readonly question: string;
  /** The earlier question a follow-up was read with, if any. */
  readonly readWith?: string;
  readonly abstained: boolean;
  readonly tentative: boolean;
  readonly evidence: number;
  /** Chunk ids of the citations, in order (none for a decline). */
  readonly cited: readonly string[];
  /** Where the question was asked: a private chat or a group. */
  readonly chat: "private" | "group";
}

/** Where votes go; a test may keep them in memory. */
export interface FeedbackLog {
  record(entry: FeedbackRecord): Promise<void>;
}

/**
 * Votes as JSON lines appended to a file (created with its folder on the first vote). Appends of one line
 * are written whole, so votes handled at once do not interleave.
 */
export class FileFeedbackLog implements FeedbackLog {
  private constructor(readonly path: string) {}

  /**
   * A log at `path`, after making sure it can be appended to (its folder created, nothing written): a path
   * that cannot be written is a ConfigError at start, not a vote lost on the first press.
   */
  static async open(path: string): Promise<FileFeedbackLog> {
    try {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, "", "utf8");
    } catch (error) {
      throw new ConfigError(`FEEDBACK_FILE ${path} cannot be written: ${(error as Error).message}`, "Point FEEDBACK_FILE at a file the bot may create and append to, or leave it empty.");
    }
    return new FileFeedbackLog(path);
  }

  async record(entry: FeedbackRecord): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(entry)}\n`, "utf8");
  }
}
