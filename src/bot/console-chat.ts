import { createInterface } from "node:readline/promises";
import { validateQuestion } from "../answer/validate-question.js";
import type { QuestionService } from "../pipeline/index-holder.js";
import { renderAnswerForTerminal } from "../render/render-terminal.js";

/**
 * A local chat on the same pipeline as the bot, for trying Isnad without a Telegram token. One question per
 * line; /sources lists the articles; /quit (or Ctrl-D) leaves.
 */
export async function runConsoleChat(questions: QuestionService, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const lines = createInterface({ input, output, terminal: true });
  output.write("«إسناد» — محادثة محلية. اكتب سؤالك، أو /sources لقائمة المقالات، أو /quit للخروج.\n");
  try {
    for (;;) {
      const line = await lines.question("سؤال> ").catch(() => undefined);
      if (line === undefined || line.trim() === "/quit") break;
      if (line.trim() === "") continue;
      if (line.trim() === "/sources") {
        for (const article of questions.articles()) output.write(`• ${article.title}${article.date ? ` (${article.date})` : ""}\n`);
        continue;
      }
      const check = validateQuestion(line);
      output.write(check.ok ? `\n${renderAnswerForTerminal(await questions.answer(check.question))}\n` : `${check.message}\n`);
    }
  } finally {
    lines.close();
  }
}
