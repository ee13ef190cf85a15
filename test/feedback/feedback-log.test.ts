import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
    const log = new FileFeedbackLog(path);
    await log.record(vote("مع من التقى حموشي؟", "useful"));
    await Promise.all([log.record(vote("أين ينعقد المنتدى؟", "not-useful")), log.record(vote("متى ينعقد المنتدى؟", "useful"))]);
    const lines = readFileSync(path, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as FeedbackRecord);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual(vote("مع من التقى حموشي؟", "useful"));
    expect(lines.slice(1).map((line) => line.question).sort()).toEqual(["أين ينعقد المنتدى؟", "متى ينعقد المنتدى؟"]);
  });
});
