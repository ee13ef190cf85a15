import { open, type FileHandle } from "node:fs/promises";
import { LEXICAL_FIELDS, LexicalIndex, type LexicalFieldData, type LexicalIndexData } from "./lexical-index.js";

/**
 * The lexical index on disk (lexical.bin): binary, read and written a section at a time, so that no step ever
 * holds the whole index as one string. (JSON did: V8's strings stop at 2^29 characters, which a corpus of
 * about 30,000 news articles would have reached, and parsing it cost most of an index's load time.)
 *
 *   header   "ISNADLEX", then u32 file version, u32 0x01020304 (the byte order), u32 documents, u32 fields
 *   field    u32 name length, the name (UTF-8), u32 terms, u32 term blocks,
 *            each block: u32 byte length and the terms it holds (UTF-8, one per line),
 *            then lengths (u32 × documents), offsets (u32 × terms + 1), u32 postings, postings (u32 each)
 *   groups   (version 2) u32 1 when the articles' index follows, else 0; then u32 groups, the group of each
 *            document (u32 × documents), and per field, on the same terms: lengths (u32 × groups), offsets,
 *            u32 postings, postings. The articles' index is summed from the chunks' once, at build: summing it
 *            at every load took a third of loading 48,800 chunks. A version 1 file (without it) is still read.
 *
 * Every section starts on a four-byte boundary. Numbers are in the machine's byte order, which the header
 * records: an index is read on the kind of machine that built it, or rebuilt.
 */

const MAGIC = "ISNADLEX";
const FILE_VERSION = 2;
/** Files of these versions are read: version 1 has no articles' index (it is summed at load). */
const READABLE_VERSIONS = new Set([1, 2]);
const BYTE_ORDER_MARK = 0x01020304;
/** Terms are written in blocks of about this many UTF-16 units, so no block is one huge string. */
const TERM_BLOCK_CHARS = 1 << 22;
/** fs reads and writes stop at 2 GiB; sections are moved in slices well under it. */
const IO_SLICE_BYTES = 1 << 26;

/** `termBlockChars` is the size of a block of terms (tests make it small to write several). */
export async function writeLexicalFile(path: string, index: LexicalIndex, termBlockChars = TERM_BLOCK_CHARS): Promise<void> {
  const data = index.toData();
  const file = await open(path, "w");
  try {
    const writer = new SectionWriter(file);
    await writer.bytes(Buffer.from(MAGIC, "latin1"));
    await writer.numbers([FILE_VERSION, BYTE_ORDER_MARK, data.documentCount, LEXICAL_FIELDS.length]);
    for (const field of LEXICAL_FIELDS) {
      const { terms, offsets, postings, lengths } = data.fields[field];
      const name = Buffer.from(field, "utf8");
      await writer.numbers([name.length]);
      await writer.bytes(name);
      const blocks = termBlocks(terms, termBlockChars);
      await writer.numbers([terms.length, blocks.length]);
      for (const block of blocks) {
        await writer.numbers([block.length]);
        await writer.bytes(block);
      }
      await writer.array(lengths);
      await writer.array(offsets);
      await writer.numbers([postings.length]);
      await writer.array(postings);
    }
    const grouping = index.savedGrouping;
    await writer.numbers([grouping ? 1 : 0]);
    if (grouping) {
      const groups = grouping.index.toData();
      await writer.numbers([groups.documentCount]);
      await writer.array(grouping.groupOf);
      for (const field of LEXICAL_FIELDS) {
        const { offsets, postings, lengths } = groups.fields[field];
        await writer.array(lengths);
        await writer.array(offsets);
        await writer.numbers([postings.length]);
        await writer.array(postings);
      }
    }
  } finally {
    await file.close();
  }
}

/** Reads lexical.bin; throws an Error saying what is wrong with a file that is not one, or not whole. */
export async function readLexicalFile(path: string): Promise<LexicalIndex> {
  const file = await open(path, "r");
  try {
    const reader = new SectionReader(file, (await file.stat()).size);
    if ((await reader.bytes(MAGIC.length)).toString("latin1") !== MAGIC) throw new Error("not a lexical index file");
    const [version, byteOrder, documentCount, fieldCount] = await reader.numbers(4);
    if (!READABLE_VERSIONS.has(version!)) throw new Error(`lexical index file version ${version}, expected ${FILE_VERSION}`);
    if (byteOrder !== BYTE_ORDER_MARK) throw new Error("the lexical index was written on a machine of another byte order");
    if (fieldCount !== LEXICAL_FIELDS.length) throw new Error(`${fieldCount} fields, expected ${LEXICAL_FIELDS.length}`);
    const fields = {} as Record<(typeof LEXICAL_FIELDS)[number], LexicalFieldData>;
    for (const field of LEXICAL_FIELDS) {
      const [nameLength] = await reader.numbers(1);
      const name = (await reader.bytes(nameLength!)).toString("utf8");
      if (name !== field) throw new Error(`field "${name}" found where "${field}" was expected`);
      const [termCount, blockCount] = await reader.numbers(2);
      const terms: string[] = [];
      for (let block = 0; block < blockCount!; block += 1) {
        const [byteLength] = await reader.numbers(1);
        for (const term of (await reader.bytes(byteLength!)).toString("utf8").split("\n")) terms.push(term);
      }
      if (terms.length !== termCount) throw new Error(`field ${field}: ${terms.length} terms read, ${termCount} written`);
      const lengths = await reader.array(documentCount!);
      const offsets = await reader.array(termCount! + 1);
      const [postingCount] = await reader.numbers(1);
      fields[field] = { terms, offsets, postings: await reader.array(postingCount!), lengths };
    }
    const data: LexicalIndexData = { documentCount: documentCount!, fields };
    const index = LexicalIndex.fromData(data);
    const [hasGroups] = version === 1 ? [0] : await reader.numbers(1);
    if (hasGroups === 1) {
      const [groupCount] = await reader.numbers(1);
      const groupOf = await reader.array(documentCount!);
      const groupFields = {} as Record<(typeof LEXICAL_FIELDS)[number], LexicalFieldData>;
      for (const field of LEXICAL_FIELDS) {
        const lengths = await reader.array(groupCount!);
        const offsets = await reader.array(fields[field].terms.length + 1);
        const [postingCount] = await reader.numbers(1);
        groupFields[field] = { terms: fields[field].terms, offsets, postings: await reader.array(postingCount!), lengths };
      }
      index.attachGrouping(groupOf, { documentCount: groupCount!, fields: groupFields });
    } else if (hasGroups !== 0) throw new Error(`a groups flag of ${hasGroups}`);
    if (!reader.atEnd()) throw new Error("the file runs on after its last field");
    return index;
  } finally {
    await file.close();
  }
}

/** Terms joined by newlines (no term holds one: terms are words, or two words joined by a space) in blocks. */
function termBlocks(terms: readonly string[], blockChars: number): Buffer[] {
  const blocks: Buffer[] = [];
  let start = 0;
  let chars = 0;
  terms.forEach((term, i) => {
    if (term.includes("\n")) throw new Error(`a term holds a line break: ${JSON.stringify(term)}`);
    chars += term.length + 1;
    if (chars >= blockChars || i === terms.length - 1) {
      blocks.push(Buffer.from(terms.slice(start, i + 1).join("\n"), "utf8"));
      start = i + 1;
      chars = 0;
    }
  });
  return blocks;
}

const paddingOf = (byteLength: number): number => (4 - (byteLength % 4)) % 4;

class SectionWriter {
  constructor(private readonly file: FileHandle) {}

  async numbers(values: readonly number[]): Promise<void> {
    await this.array(Uint32Array.from(values));
  }

  async array(values: Uint32Array): Promise<void> {
    await this.bytes(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }

  /** Writes the bytes, then pads them to a four-byte boundary. */
  async bytes(buffer: Buffer): Promise<void> {
    for (let offset = 0; offset < buffer.length; ) {
      const { bytesWritten } = await this.file.write(buffer, offset, Math.min(IO_SLICE_BYTES, buffer.length - offset));
      offset += bytesWritten;
    }
    const padding = paddingOf(buffer.length);
    if (padding > 0) await this.file.write(Buffer.alloc(padding));
  }
}

class SectionReader {
  private position = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
  ) {}

  async numbers(count: number): Promise<number[]> {
    return [...(await this.array(count))];
  }

  async array(count: number): Promise<Uint32Array> {
    this.expect(count * 4);
    const values = new Uint32Array(count);
    await this.fill(Buffer.from(values.buffer));
    return values;
  }

  /** Reads the bytes and skips the padding after them. */
  async bytes(byteLength: number): Promise<Buffer> {
    this.expect(byteLength);
    const buffer = Buffer.alloc(byteLength);
    await this.fill(buffer);
    this.position += paddingOf(byteLength);
    return buffer;
  }

  atEnd(): boolean {
    return this.position === this.size;
  }

  /** A count read from a damaged file must fail here, not allocate gigabytes first. */
  private expect(byteLength: number): void {
    if (this.position + byteLength > this.size) throw new Error("the file ends early");
  }

  private async fill(buffer: Buffer): Promise<void> {
    for (let offset = 0; offset < buffer.length; ) {
      const { bytesRead } = await this.file.read(buffer, offset, Math.min(IO_SLICE_BYTES, buffer.length - offset), this.position);
      if (bytesRead === 0) throw new Error("the file ends early");
      offset += bytesRead;
      this.position += bytesRead;
    }
  }
}
