import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string().nullish(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({
              // Some exports number their questions.
              id: z.union([z.string(), z.number()]).transform(String),
              question: z.string(),
              answers: z.array(z.object({ text: z.string() })).default([]),
              is_impossible: z.boolean().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

/** A question of the evaluation, with where its answer lies. */
export interface EvalQuestion {
  readonly id: string;
  readonly question: string;
  readonly answers: readonly string[];
  /**
   * False for a question the data set marks as having no answer in its paragraph (SQuAD 2.0's is_impossible,
   * or no answers given): the sources hold its topic but not its answer, so it should be declined.
   */
  readonly answerable: boolean;
  /** Position of the article in the data set (0-based) and the article's document id in the temporary corpus. */
  readonly articleIndex: number;
  readonly docId: string;
  /** Section number of the paragraph in its article (chunk ids are `<docId>#<section>`). */
  readonly section: number;
}

export interface EvalDataset {
  readonly articles: ReadonlyArray<{ readonly docId: string; readonly title: string; readonly paragraphs: readonly string[] }>;
  readonly questions: readonly EvalQuestion[];
}

/**
 * Reads a SQuAD-format file (1.1 or 2.0). Each article is a document; each distinct paragraph, a section. An
 * article without a title is called by its position.
 */
export async function readSquadDataset(path: string): Promise<EvalDataset> {
  const parsed = squadSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw new Error(`${path} is not in SQuAD format: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join(".")}`);
  const articles: Array<{ docId: string; title: string; paragraphs: string[] }> = [];
  const questions: EvalQuestion[] = [];
  parsed.data.data.forEach((article, articleIndex) => {
    const docId = `a${String(articleIndex + 1).padStart(3, "0")}`;
    const paragraphs: string[] = [];
    for (const paragraph of article.paragraphs) {
      const context = paragraph.context.trim();
      let section = paragraphs.indexOf(context);
      if (section === -1) section = paragraphs.push(context) - 1;
      for (const qa of paragraph.qas) {
        const answers = qa.is_impossible ? [] : qa.answers.map((answer) => answer.text).filter((text) => text.trim().length > 0);
        questions.push({ id: qa.id, question: qa.question, answers, answerable: answers.length > 0, articleIndex, docId, section });
      }
    }
    const title = article.title?.replace(/_/gu, " ").trim() || `Article ${articleIndex + 1}`;
    articles.push({ docId, title, paragraphs });
  });
  return { articles, questions };
}

// Headings carry no words a question could match (SQuAD paragraphs have none): small Roman numerals.
const ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
const headingOf = (section: number) => `¶ ${ROMAN[section] ?? `n${section + 1}`}`;

/**
 * How a data set's articles become corpus files: one file per article with a `##` section per paragraph (the
 * shape of a sectioned news article), or one file per paragraph under its article's title (the shape of a
 * corpus of short items, where the article index and the chunk index are the same).
 */
export type CorpusLayout = "sections" | "paragraphs";

/**
 * Writes the given articles as a Markdown corpus in the given layout. With `copies` above 1, each article is
 * written that many times, each copy under a title of its own (the same story run by several outlets); a
 * copy's file name sorts after its original's, so the original is indexed first.
 */
export async function writeEvalCorpus(
  dataset: EvalDataset,
  articleIndexes: readonly number[],
  folder: string,
  layout: CorpusLayout = "sections",
  copies = 1,
): Promise<void> {
  for (const index of articleIndexes) {
    const article = dataset.articles[index]!;
    for (let copy = 0; copy < copies; copy += 1) {
      const title = copy === 0 ? article.title : `${article.title} (${copy + 1})`;
      const mark = copy === 0 ? "" : `${COPY_FILE_MARK}${copy + 1}`;
      const frontMatter = `---\ntitle: ${JSON.stringify(title)}\n---\n\n`;
      if (layout === "paragraphs") {
        for (const [section, paragraph] of article.paragraphs.entries()) {
          await writeFile(join(folder, `${article.docId}${PARAGRAPH_FILE_MARK}${section}${mark}.md`), `${frontMatter}${paragraph}\n`);
        }
        continue;
      }
      const sections = article.paragraphs.map((paragraph, section) => `## ${headingOf(section)}\n\n${paragraph}\n`);
      await writeFile(join(folder, `${article.docId}${mark}.md`), `${frontMatter}${sections.join("\n")}`);
    }
  }
}

const PARAGRAPH_FILE_MARK = "-p";
/** Marks a copy's file (a001~copy2.md): "~" sorts after "." and "-", so a copy is read after its original. */
const COPY_FILE_MARK = "~copy";

/**
 * The data set's article and paragraph a chunk of the evaluation corpus comes from, in either layout:
 * `a003#2` (or its part `a003#2.1`) is paragraph 2 of article a003, and so is `a003-p2#0`, and so are their
 * copies' `a003~copy2#2` and `a003-p2~copy2#0`.
 */
export function paragraphOfChunk(chunkId: string): { readonly docId: string; readonly section: number } {
  const [rawFile = "", section = ""] = chunkId.split("#");
  const file = rawFile.split(COPY_FILE_MARK)[0]!;
  const [docId = "", paragraph] = file.split(PARAGRAPH_FILE_MARK);
  return { docId, section: paragraph === undefined ? Number(section.split(".")[0]) : Number(paragraph) };
}
