import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTsx } from "../support/run-tsx.js";
import { PROJECT_ROOT, temporaryFolder } from "../support/workspace.js";

/** Runs one of scripts/ as `npm run <name>` does, from the project root. */
function script(file: string, args: string[]) {
  return runTsx(join("scripts", file), args, { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH! } });
}

describe("the scripts' command lines", () => {
  it("print their usage for --help and do nothing else", async () => {
    const folder = join(temporaryFolder(), "model");
    const { code, stdout, stderr } = await script("write-tiny-model.ts", ["--help", folder]);
    expect(code).toBe(0);
    expect(stdout).toBe("usage: npm run tiny-model -- FOLDER [--dimensions N]   (N a whole number from 2 to 1024; default 32)\n");
    expect(stderr).toBe("");
  });

  it("refuse an unknown option with the reason and the usage, exit code 2, and no stack trace", async () => {
    const { code, stdout, stderr } = await script("seed-probes.ts", ["--shwo"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Unknown option '--shwo'");
    expect(stderr).toContain("usage: npm run probes [-- --show]");
    expect(stderr).not.toMatch(/\n\s+at /u);
  });
});
