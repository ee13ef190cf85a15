/**
 * Errors a user can act on. Each has a stable code, the context that explains it, and a sentence saying how
 * to fix it; the CLI prints `message` and `fix`, the bot logs them. An expected outcome — no answer in the
 * sources, a question that is too long — is a result, not one of these.
 */
export abstract class IsnadError extends Error {
  abstract readonly code: string;
  /** What the user can do about it, as one sentence. */
  abstract readonly fix: string;
}

/** A corpus file that cannot be indexed; the other files still are. */
export class CorpusFileError extends IsnadError {
  readonly code = "CORPUS_FILE";
  readonly fix: string;
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.fix = `Fix or remove ${path}; corpus/README.md describes the format.`;
  }
}

export class CorpusFolderError extends IsnadError {
  readonly code = "CORPUS_FOLDER";
  readonly fix = "Pass an existing folder of .md or .txt articles with --corpus (or set CORPUS_DIR).";
  constructor(
    readonly folder: string,
    reason: string,
    /** What is wrong, for a reader who must not see the server's paths (the bot's /reindex reply). */
    readonly problem: "missing" | "not-a-folder" | "no-articles",
  ) {
    super(`Corpus folder ${folder}: ${reason}`);
  }
}

/** The index folder (INDEX_DIR, --index, --out) is not a folder that can hold an index. */
export class IndexFolderError extends IsnadError {
  readonly code = "INDEX_FOLDER";
  readonly fix = "Set INDEX_DIR (or pass --index / --out) to a folder: an existing one, or a new one inside an existing folder.";
  constructor(
    readonly folder: string,
    reason: string,
  ) {
    super(`The index folder ${folder} cannot be used: ${reason}.`);
  }
}

/** No index where one was expected. */
export class IndexMissingError extends IsnadError {
  readonly code = "INDEX_MISSING";
  readonly fix: string;
  constructor(
    readonly folder: string,
    readonly folderExists = true,
  ) {
    super(`No index in ${folder}${folderExists ? "" : " (the folder does not exist)"}.`);
    this.fix = `Build it with: npx isnad index --out ${folder}`;
  }
}

/** An index that cannot be used with this code or this configuration. */
export class IndexMismatchError extends IsnadError {
  readonly code = "INDEX_MISMATCH";
  readonly fix: string;
  constructor(
    readonly folder: string,
    readonly field: string,
    readonly found: unknown,
    readonly expected: unknown,
  ) {
    super(`The index in ${folder} was built with ${field} ${JSON.stringify(found)}, but ${JSON.stringify(expected)} is in use now.`);
    this.fix = `Rebuild it with: npx isnad index --out ${folder}`;
  }
}

/** An index of an older format that does not record its corpus, and the configured corpus is not the one. */
export class IndexCorpusUnknownError extends IsnadError {
  readonly code = "INDEX_CORPUS_UNKNOWN";
  readonly fix: string;
  constructor(
    readonly folder: string,
    readonly configuredCorpus: string,
  ) {
    super(`The index in ${folder} was built by an older Isnad that did not record its corpus, and it was not built from ${configuredCorpus}.`);
    this.fix = `Name its corpus once and it is recorded: npx isnad index --corpus DIR --out ${folder}`;
  }
}

/** An index whose files are damaged or incomplete. */
export class IndexCorruptError extends IsnadError {
  readonly code = "INDEX_CORRUPT";
  readonly fix: string;
  constructor(
    readonly folder: string,
    reason: string,
  ) {
    super(`The index in ${folder} cannot be read: ${reason}`);
    this.fix = `Rebuild it with: npx isnad index --out ${folder}`;
  }
}

/** Invalid configuration (an environment variable or a command-line flag). */
export class ConfigError extends IsnadError {
  readonly code = "CONFIG";
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** A rebuild was asked for while another one is running. */
export class RebuildInProgressError extends IsnadError {
  readonly code = "REBUILD_IN_PROGRESS";
  readonly fix = "Wait for the running rebuild to finish.";
  constructor() {
    super("An index rebuild is already running.");
  }
}

/** Why a page, feed or sitemap could not be imported; nothing was written to the corpus. */
export type ImportFailure =
  | "bad-address" // not an absolute http(s) address
  | "private-address" // loopback, private or link-local, and IMPORT_ALLOW_PRIVATE_ADDRESSES is off
  | "robots" // the site's robots.txt disallows it
  | "http-status" // 404, 500 …
  | "redirects" // a loop, or more than the redirect limit
  | "too-large" // past the size limit
  | "content-type" // a PDF, an image …: not HTML or a feed
  | "timeout"
  | "network" // the host is unknown or the connection failed
  | "no-article" // no article text on the page
  | "not-arabic" // the article is in another language
  | "bad-feed"; // not an RSS (2.0 or 1.0/RDF) or Atom feed, or not a sitemap

/** A page, feed or sitemap that cannot be imported. `failure` lets the bot say why in Arabic. */
export class ImportError extends IsnadError {
  readonly code = "IMPORT";
  constructor(
    readonly failure: ImportFailure,
    readonly address: string,
    message: string,
    readonly fix: string,
    /** The HTTP status, for "http-status". */
    readonly status?: number,
  ) {
    super(`${address}: ${message}`);
  }
}
