import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Provenance } from "./article.js";

/** What a Markdown article's front matter says about it. Other keys (author, tags …) are allowed and ignored. */
export interface FrontMatter extends Provenance {
  readonly title?: string;
}

/** True for an absolute http:// or https:// address with a host: what a reader's app can open as a link. */
function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0 && !/\s/u.test(value);
  } catch {
    return false;
  }
}

/** YAML reads `2025-09-18` as a Date and `2025` as a number; keep what the author meant, as text. */
const dateText = z.union([z.string(), z.number(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim()));
/** A title or an outlet's name may be read by YAML as a number (`title: 1984`); it is still text. */
const text = z.union([z.string(), z.number()]).transform((value) => String(value).trim());
const webAddress = z
  .string()
  .trim()
  .refine(isWebAddress, (value) => ({ message: `must be a web address beginning with http:// or https:// (it is «${value}»)` }));

/** An empty key (`source:` is YAML's null, `url: ""` an empty string) is the same as leaving the key out. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value), schema.optional());

const frontMatterSchema = z
  .object({
    title: optional(text),
    date: optional(dateText),
    /** The outlet (هسبريس) — or, as earlier corpora wrote it, the article's address. */
    source: optional(text),
    url: optional(webAddress),
  })
  .passthrough();

/** Why a file's front matter cannot be used: the text after «its front matter …» in a corpus problem. */
export class FrontMatterError extends Error {}

/**
 * Parses and checks a front matter block's YAML. A `source` that is a web address and no `url` is read as the
 * url (the corpus README once documented `source: https://…`). Throws FrontMatterError naming the key at fault.
 */
export function parseFrontMatter(yaml: string): FrontMatter {
  let parsed: unknown;
  try {
    parsed = parseYaml(yaml);
  } catch (error) {
    throw new FrontMatterError(`is not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new FrontMatterError("is not a list of keys and values (title: …, date: …)");
  const result = frontMatterSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const message = issue.code === "invalid_union" || issue.code === "invalid_type" ? "must be text" : issue.message;
    throw new FrontMatterError(`has a «${issue.path.join(".")}» that ${message}`);
  }
  const { title, date, source, url } = result.data;
  const sourceIsAddress = source !== undefined && url === undefined && isWebAddress(source);
  return {
    ...(title ? { title } : {}),
    ...(date ? { date } : {}),
    ...(source && !sourceIsAddress ? { source } : {}),
    ...(url ? { url } : sourceIsAddress ? { url: source } : {}),
  };
}
