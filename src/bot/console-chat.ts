import { createInterface } from "node:readline";
import { validateQuestion } from "../answer/validate-question.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import { provenanceLine } from "../render/provenance.js";
import { renderAnswerForTerminal } from "../render/render-terminal.js";

/**
 * A local chat on the same pipeline as the bot, for trying Isnad without a Telegram token. One question per
 * line; /sources lists the articles; /quit (or the end of input, Ctrl-D) leaves.
 */
export async function runConsoleChat(questions: QuestionService, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, output, terminal: Boolean((output as { isTTY?: boolean }).isTTY) });
  output.write("«إسناد» — محادثة محلية. اكتب سؤالك، أو /sources لقائمة المقالات، أو /quit للخروج.\n");
  lines.setPrompt("سؤال> ");
  lines.prompt();
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text === "/quit") break;
      if (text === "/sources") {
        for (const article of questions.articles()) {
          const provenance = provenanceLine(article, { address: true });
          output.write(`• ${article.title}${provenance ? ` (${provenance})` : ""}\n`);
        }
      } else if (text !== "") {
        const check = validateQuestion(text);
        output.write(check.ok ? `\n${renderAnswerForTerminal(await questions.answer(check.question))}\n` : `${check.message}\n`);
      }
      lines.prompt();
    }
  } finally {
    lines.close();
  }
}
