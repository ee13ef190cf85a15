import * as fs from "node:fs";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openUpdateJournal } from "../../src/bot/update-journal.js";
import { TEST_BOT } from "../support/bot-api-stand-in.js";
import { textUpdate } from "../support/telegram-updates.js";
import { silentLogger, temporaryFolder } from "../support/workspace.js";

// The journal's file calls, wrapped so that a test can make one fail as a full or failing disk does.
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return { ...real, writeSync: vi.fn(real.writeSync), fdatasyncSync: vi.fn(real.fdatasyncSync) };
});

afterEach(() => vi.mocked(fs.writeSync).mockClear() && vi.mocked(fs.fdatasyncSync).mockClear());

const question = (id: number) => textUpdate("أين يقام منتدى IGEF 2025؟", { from: { id, is_bot: false, first_name: `reader${id}` } }) as Update;
const open = (path: string) => openUpdateJournal({ path, botId: TEST_BOT.id, maxAgeMs: 600_000, logger: silentLogger });
const pathOf = () => join(temporaryFolder("isnad-journal-"), "update-journal.jsonl");

describe("the update journal on a failing disk", () => {
  it("still records the end of updates whose batch could not be flushed, so a clean stop leaves nothing to answer again", async () => {
    const path = pathOf();
    const journal = await open(path);
    const [first, second] = [question(1), question(2)];
    vi.mocked(fs.fdatasyncSync).mockImplementationOnce(() => {
      throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
    });
    await journal.taken([first, second]);
    await journal.finished(first.update_id);
    await journal.finished(second.update_id);
    await journal.close();
    const next = await open(path);
    expect(await next.takeUnfinished()).toEqual([]);
    await next.close();
  });

  it("cuts a line written in part back to the last whole one, so the file stays readable and what is pending is kept", async () => {
    const path = pathOf();
    const journal = await open(path);
    const kept = question(3);
    await journal.taken([kept]);
    const real = vi.mocked(fs.writeSync).getMockImplementation() as unknown as (fd: number, buffer: Buffer, offset: number, length: number) => number;
    // A full disk: the next line gets ten bytes in, then no more room.
    vi.mocked(fs.writeSync)
      .mockImplementationOnce(((fd: number, buffer: Buffer, offset: number) => real(fd, buffer, offset, 10)) as typeof fs.writeSync)
      .mockImplementationOnce((() => {
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      }) as typeof fs.writeSync);
    await journal.taken([question(4)]);
    expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
    // The process dies: the next start reads the file, and answers what it holds.
    const next = await open(path);
    expect((await next.takeUnfinished()).map((update) => update.update_id)).toEqual([kept.update_id]);
    await next.close();
    await journal.close();
  });
});
