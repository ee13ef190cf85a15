import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { BOT_TEXT } from "../../src/bot/bot-messages.js";
import { runConsoleChat } from "../../src/bot/console-chat.js";
import type { IndexHolder } from "../../src/pipeline/index-holder.js";
import { openSeedHolder } from "../support/workspace.js";

let holder: IndexHolder;
beforeAll(async () => {
  holder = await openSeedHolder();
});

/** Types the lines into a console chat, then ends the input; what the chat printed. */
async function chatted(lines: readonly string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const chat = runConsoleChat(holder, input, output);
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await chat;
  return printed;
}

describe("the console chat (npm start without a token, at a terminal)", () => {
  it("answers on the same pipeline, lists sources, refuses bad input, and quits", async () => {
    const printed = await chatted(["أين يقام منتدى IGEF 2025؟", "/sources", "😀", "/quit", "ما هي عاصمة اليابان؟"]);
    expect(printed).toContain("أنقرة");
    expect(printed).toContain("[1] عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(printed).toContain("• عبد اللطيف حموشي يترأس وفدا أمنيا (2025-09)");
    expect(printed).toContain("رموز أو علامات فقط");
    // Nothing after /quit is answered.
    expect(printed).not.toContain("لا أجد في مصادري");
  });

  it("lists the articles that match the words after /sources, as the bot does", async () => {
    const printed = await chatted(["/sources حموشي", "/sources المريخ"]);
    expect(printed).toContain(`${BOT_TEXT.sourcesMatching("حموشي", 1, 1)}\n• عبد اللطيف حموشي يترأس وفدا أمنيا (2025-09)\n`);
    expect(printed).toContain(BOT_TEXT.sourcesNoMatch("المريخ"));
  });

  it("reads a follow-up with the question before it, as the bot does", async () => {
    const printed = await chatted(["أين يقام منتدى IGEF 2025؟", "ومتى؟"]);
    expect(printed).toContain("(قرأت سؤالك تتمةً لسؤالك السابق: «أين يقام منتدى IGEF 2025؟»)\n");
    expect(printed.split("تتمةً")[1]).toContain("18 إلى 20 شتنبر");
  });

  it("ends at the end of input", async () => {
    const input = new PassThrough();
    const chat = runConsoleChat(holder, input, new PassThrough());
    input.end();
    await expect(chat).resolves.toBeUndefined();
  });
});
