import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { IndexFolderError } from "../errors.js";
import { join } from "node:path";

/**
 * The layout of an index folder (embeddings/ by default):
 *
 *   CURRENT                 one line: the name of the build in use
 *   build-<time>-<id>/      manifest.json, chunks.jsonl, lexical.bin, and the HNSW files when there are vectors
 *   .staging-<pid>-<id>/    a build being written
 *
 * A build is written in a staging folder, renamed into place, and published by replacing CURRENT with an
 * atomic rename. A build that fails or is killed halfway never touches the build in use.
 */
export const INDEX_FILES = {
  pointer: "CURRENT",
  manifest: "manifest.json",
  chunks: "chunks.jsonl",
  lexical: "lexical.bin",
  /** The folder HNSWLib writes its three files into. */
  vectors: "vectors",
} as const;

/** The folder of the build in use, or undefined when the folder holds no published build. */
export async function currentBuildFolder(indexDir: string): Promise<string | undefined> {
  try {
    const name = (await readFile(join(indexDir, INDEX_FILES.pointer), "utf8")).trim();
    return name ? join(indexDir, name) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Refuses an index path that exists but is not a folder (INDEX_DIR pointing at a file), naming the setting,
 * instead of letting mkdir fail with EEXIST deep inside a build.
 */
export async function checkIndexFolder(indexDir: string): Promise<void> {
  const info = await stat(indexDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new IndexFolderError(indexDir, error.code === "ENOTDIR" ? "a part of its path is a file" : `it cannot be read (${error.code ?? "error"})`);
  });
  if (info && !info.isDirectory()) throw new IndexFolderError(indexDir, "it is a file, not a folder");
}

/** A fresh staging folder for a build, after clearing what builds that died left behind. */
export async function createStagingFolder(indexDir: string): Promise<string> {
  await checkIndexFolder(indexDir);
  try {
    await mkdir(indexDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new IndexFolderError(indexDir, code === "ENOTDIR" || code === "EEXIST" ? "a part of its path is a file" : `it cannot be created (${code ?? "error"})`);
  }
  await removeAbandonedStaging(indexDir);
  const folder = join(indexDir, `.staging-${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(folder);
  return folder;
}

/** Moves a finished staging folder into place and points CURRENT at it; removes the builds it replaces. */
export async function publishBuild(indexDir: string, stagingFolder: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[-:]/gu, "").replace(/\..*$/u, "");
  const name = `build-${stamp}-${randomBytes(3).toString("hex")}`;
  await rename(stagingFolder, join(indexDir, name));
  const pointerTemp = join(indexDir, `.${INDEX_FILES.pointer}.${process.pid}.tmp`);
  await writeFile(pointerTemp, `${name}\n`);
  await rename(pointerTemp, join(indexDir, INDEX_FILES.pointer));
  // Older builds are no longer reachable; a process that loaded one holds it in memory, not on disk.
  for (const entry of await readdir(indexDir)) {
    if (entry.startsWith("build-") && entry !== name) await rm(join(indexDir, entry), { recursive: true, force: true });
  }
  return join(indexDir, name);
}

export async function discardStaging(stagingFolder: string): Promise<void> {
  await rm(stagingFolder, { recursive: true, force: true });
}

async function removeAbandonedStaging(indexDir: string): Promise<void> {
  for (const entry of await readdir(indexDir)) {
    const pid = /^\.staging-(\d+)-/u.exec(entry)?.[1];
    if (pid && !isProcessAlive(Number(pid))) await rm(join(indexDir, entry), { recursive: true, force: true });
  }
}

function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
