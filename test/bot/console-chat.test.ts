import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { runConsoleChat } from "../../src/bot/console-chat.js";
import { IndexHolder } from "../../src/pipeline/index-holder.js";
import { openSeedPipeline, seedPipelineOptions } from "../support/workspace.js";

let holder: IndexHolder;
beforeAll(async () => {
  const options = seedPipelineOptions();
  holder = new IndexHolder(await openSeedPipeline(options), options);
});

describe("the console chat (npm start without a token, at a terminal)", () => {
  it("answers on the same pipeline, lists sources, refuses bad input, and quits", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const chat = runConsoleChat(holder, input, output);
    input.write("أين يقام منتدى IGEF 2025؟\n");
    input.write("/sources\n");
    input.write("😀\n");
    input.write("/quit\n");
    await chat;
    expect(printed).toContain("أنقرة");
    expect(printed).toContain("[1] عبد اللطيف حموشي يترأس وفدا أمنيا");
    expect(printed).toContain("• عبد اللطيف حموشي يترأس وفدا أمنيا (2025-09)");
    expect(printed).toContain("رموز أو علامات فقط");
  });

  it("reads a follow-up with the question before it, as the bot does", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const chat = runConsoleChat(holder, input, output);
    input.write("أين يقام منتدى IGEF 2025؟\n");
    input.write("ومتى؟\n");
    input.end();
    await chat;
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
