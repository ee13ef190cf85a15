import { createInterface } from "node:readline";
import { validateQuestion } from "../question/validate-question.js";
import { Conversations } from "../pipeline/follow-ups.js";
import type { ArticleListing } from "../pipeline/article-listing.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import { provenanceLine } from "../render/provenance.js";
import { renderAnswerForTerminal } from "../render/render-terminal.js";
import { sourceList } from "./source-list.js";

/**
 * A local chat on the same pipeline as the bot, for trying Isnad without a Telegram token. One question per
 * line, follow-ups read with the question before, as in the bot; /sources lists the articles (/sources كلمة,
 * those that match); /quit (or the end of input, Ctrl-D) leaves.
 */
export async function runConsoleChat(questions: QuestionService, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, output, terminal: Boolean((output as { isTTY?: boolean }).isTTY) });
  output.write("«إسناد» — محادثة محلية. اكتب سؤالك، أو /sources لقائمة المقالات، أو /quit للخروج.\n");
  lines.setPrompt("سؤال> ");
  lines.prompt();
  // One conversation: a follow-up («ومتى؟») is read with the previous question.
  const conversation = new Conversations(questions);
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text === "/quit") break;
      if (text === "/sources" || text.startsWith("/sources ")) {
        output.write(`${listSources(questions.articles(), text.slice("/sources".length).trim())}\n`);
      } else if (text !== "") {
        const check = validateQuestion(text);
        if (check.ok) {
          const { answer, readWith } = await conversation.answer("console", check.question);
          output.write(`\n${renderAnswerForTerminal(answer, readWith ? { readWith } : {})}\n`);
        } else output.write(`${check.message}\n`);
      }
      lines.prompt();
    }
  } finally {
    lines.close();
  }
}

/** The /sources reply in the terminal: as in the bot (source-list), with each article's address printed. */
function listSources(articles: readonly ArticleListing[], filter: string): string {
  const list = sourceList(articles, filter);
  if ("notice" in list) return list.notice;
  const lines = list.shown.map((article) => {
    const provenance = provenanceLine(article, { address: true });
    return `• ${article.title}${provenance ? ` (${provenance})` : ""}`;
  });
  return [list.header, ...lines, ...(list.footer ? [list.footer] : [])].join("\n");
}
