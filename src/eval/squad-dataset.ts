import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string(),
      paragraphs: z.array(
        z.object({
          context: z.string(),
          qas: z.array(
            z.object({
              id: z.string(),
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

/** Reads a SQuAD-format file. Each article is a document; each distinct paragraph, a section. */
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
        if (qa.is_impossible || qa.answers.length === 0) continue;
        questions.push({ id: qa.id, question: qa.question, answers: qa.answers.map((answer) => answer.text), articleIndex, docId, section });
      }
    }
    articles.push({ docId, title: article.title.replace(/_/gu, " "), paragraphs });
  });
  return { articles, questions };
}

// Headings carry no words a question could match (SQuAD paragraphs have none): small Roman numerals.
const ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
const headingOf = (section: number) => `¶ ${ROMAN[section] ?? `n${section + 1}`}`;

/** Writes the given articles as a Markdown corpus (one file per article, one `##` section per paragraph). */
export async function writeEvalCorpus(dataset: EvalDataset, articleIndexes: readonly number[], folder: string): Promise<void> {
  for (const index of articleIndexes) {
    const article = dataset.articles[index]!;
    const sections = article.paragraphs.map((paragraph, section) => `## ${headingOf(section)}\n\n${paragraph}\n`);
    await writeFile(join(folder, `${article.docId}.md`), `---\ntitle: ${JSON.stringify(article.title)}\n---\n\n${sections.join("\n")}`);
  }
}
