import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { FileFeedbackLog, type FeedbackRecord } from "../../src/feedback/feedback-log.js";
import { temporaryFolder } from "../support/workspace.js";

describe("the feedback file", () => {
  const vote = (question: string, value: FeedbackRecord["vote"]): FeedbackRecord => ({
    at: "2026-11-30T12:00:00.000Z",
    vote: value,
    question,
    abstained: false,
    tentative: false,
    evidence: 0.93,
    cited: ["2025-09-hammouchi-igef-ankara#1"],
    chat: "group",
  });

  it("appends one JSON line per vote, creating its folder, and keeps what was there", async () => {
    const path = join(temporaryFolder(), "feedback", "votes.jsonl");
    const log = await FileFeedbackLog.open(path);
    await log.record(vote("مع من التقى حموشي؟", "useful"));
    await Promise.all([log.record(vote("أين ينعقد المنتدى؟", "not-useful")), log.record(vote("متى ينعقد المنتدى؟", "useful"))]);
    const lines = readFileSync(path, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as FeedbackRecord);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual(vote("مع من التقى حموشي؟", "useful"));
    expect(lines.slice(1).map((line) => line.question).sort()).toEqual(["أين ينعقد المنتدى؟", "متى ينعقد المنتدى؟"]);
  });

  it("refuses at start a path it cannot write, naming the variable", async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, "a-file"), "");
    const opening = FileFeedbackLog.open(join(folder, "a-file", "votes.jsonl"));
    await expect(opening).rejects.toThrow(ConfigError);
    await expect(FileFeedbackLog.open(join(folder, "a-file", "votes.jsonl"))).rejects.toThrow(/^FEEDBACK_FILE .* cannot be written/u);
  });
});

