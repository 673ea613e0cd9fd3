/**
 * NDJSON lines, in linear time whatever their length. Anyone can post to a beacon endpoint, so one
 * line may be 17 MB or 1 GB: such a line is no record (a record is a few hundred bytes), and it is
 * skipped without being held — counted as "line longer than 1 MiB" — so it can neither stop the
 * report (DuckDB refuses a JSON object over its maximum size, its CSV reader a line over its own) nor
 * make it quadratic (joining each new chunk to the rest of a long line, as the old reader did, took
 * 46 s for a 32 MB line). Two uses:
 * - `readLines`: the built-in reader (standard input, and NDJSON when DuckDB cannot load);
 * - `withoutLongLines`: before DuckDB reads files, one pass over their bytes; only a file that has
 *   such lines is copied, without them, to a temporary file DuckDB reads instead.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { MAX_LINE_BYTES } from './sql/sources.js';

const NEWLINE = 0x0a;

/**
 * Calls `line` with each line's text (UTF-8; splitting at 0x0A bytes never cuts a character), and
 * `tooLong` once for each line over `max` bytes, whose bytes are dropped as they arrive.
 */
export async function readLines(
  stream: AsyncIterable<string | Buffer>,
  line: (text: string) => void,
  tooLong: () => void,
  max = MAX_LINE_BYTES,
): Promise<void> {
  let parts: Buffer[] = [];
  let held = 0;
  let skipping = false;
  const end = (piece: Buffer) => {
    if (skipping) skipping = false;
    else if (held + piece.length > max) tooLong();
    else line(Buffer.concat([...parts, piece]).toString('utf8'));
    parts = [];
    held = 0;
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, start)) {
      end(bytes.subarray(start, at));
      start = at + 1;
    }
    if (skipping || start === bytes.length) continue;
    const rest = bytes.subarray(start);
    if (held + rest.length > max) {
      tooLong();
      skipping = true;
      parts = [];
      held = 0;
    } else {
      // A copy: the stream may reuse its buffer for the next chunk.
      parts.push(Buffer.from(rest));
      held += rest.length;
    }
  }
  if (held > 0) end(Buffer.alloc(0));
}

export interface Readable {
  /** The files to read, long lines left out. */
  readonly files: string[];
  /** Lines over the limit, in all files. */
  readonly tooLong: number;
  /** Removes the temporary copies. */
  dispose(): void;
}

const open = (file: string) => {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
};

/** Counts the lines over `max` bytes of one file (gzip read through), without holding any line. */
async function countLong(file: string, max: number): Promise<number> {
  let long = 0;
  let length = 0;
  for await (const chunk of open(file) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      if (length + at - start > max) long++;
      length = 0;
      start = at + 1;
    }
    length += chunk.length - start;
  }
  return long + (length > max ? 1 : 0);
}

/** Copies `file` to `to` without its lines over `max` bytes (plain text, also from gzip). */
async function copyShortLines(file: string, to: string, max: number): Promise<void> {
  const out = createWriteStream(to);
  await pipeline(async function* () {
    let held: Buffer[] = [];
    let length = 0;
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        if (length + at - start <= max) yield Buffer.concat([...held, chunk.subarray(start, at + 1)]);
        held = [];
        length = 0;
        start = at + 1;
      }
      length += chunk.length - start;
      held = length > max ? [] : [...held, Buffer.from(chunk.subarray(start))];
    }
    if (length > 0 && length <= max) yield Buffer.concat(held);
  }, out);
}

/** The files as DuckDB should read them: as they are, unless a line is too long. */
export async function withoutLongLines(files: readonly string[], max = MAX_LINE_BYTES): Promise<Readable> {
  let dir: string | null = null;
  let tooLong = 0;
  const out: string[] = [];
  for (const file of files) {
    const long = await countLong(file, max);
    if (long === 0) {
      out.push(file);
      continue;
    }
    tooLong += long;
    dir ??= mkdtempSync(join(tmpdir(), 'p13n-report-'));
    const copy = join(dir, `${out.length}-${basename(file).replace(/\.gz$/i, '')}`);
    await copyShortLines(file, copy, max);
    out.push(copy);
  }
  return {
    files: out,
    tooLong,
    dispose: () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
