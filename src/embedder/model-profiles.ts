/**
 * What a model family needs around its input. E5 models were trained with "query: " and "passage: " in front
 * of every text and degrade silently without them; most sentence-transformers models want nothing.
 */
export interface InputPrefixes {
  readonly query: string;
  readonly passage: string;
}

const PROFILES: ReadonlyArray<{ readonly pattern: RegExp; readonly prefixes: InputPrefixes }> = [
  { pattern: /(^|[/_-])e5([/_-]|$)/iu, prefixes: { query: "query: ", passage: "passage: " } },
  { pattern: /(^|[/_-])bge-m3([/_-]|$)/iu, prefixes: { query: "", passage: "" } },
];

/** The prefixes a model expects, from its id or directory name; overrides win when given. */
export function prefixesFor(modelId: string, overrides: Partial<InputPrefixes> = {}): InputPrefixes {
  const profile = PROFILES.find(({ pattern }) => pattern.test(modelId))?.prefixes ?? { query: "", passage: "" };
  return { query: overrides.query ?? profile.query, passage: overrides.passage ?? profile.passage };
}
