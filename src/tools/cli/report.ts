/**
 * `p13n report events.ndjson [--no-segments]`: reads the beacon records the config's `endpoint`
 * received (one JSON object per line, as posted) and prints per test × segment × variant: visitors,
 * conversions, rates, revenue, uplift over the control with 95% intervals, p-values, and the
 * sample-ratio check. The file is streamed: memory grows with visitors, not with lines.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createAggregator, type Aggregate } from '../report/aggregate.js';
import { analyze } from '../report/analyze.js';
import { formatReport } from '../report/format.js';
import type { CliIo, Command } from './main.js';

const USAGE = 'usage: p13n report EVENTS.ndjson [--no-segments]\n  EVENTS.ndjson: the records your endpoint received, one per line ("-" reads standard input)\n';

/** Splits a byte stream into lines without readline's per-line overhead; JSON-parses each one. */
export async function readRecords(stream: AsyncIterable<string | Buffer>, add: (record: unknown) => void): Promise<void> {
  let rest = '';
  const line = (text: string) => {
    let record: unknown;
    try {
      record = JSON.parse(text); // surrounding whitespace, `\r` included, is valid JSON
    } catch {
      if (text.trim() === '') return;
      record = undefined; // counted as skipped
    }
    add(record);
  };
  for await (const chunk of stream) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  line(rest);
}

export async function aggregateFile(path: string, stdin?: AsyncIterable<string | Buffer>): Promise<Aggregate> {
  const aggregator = createAggregator();
  const stream = path === '-' && stdin ? stdin : createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  await readRecords(stream, (record) => aggregator.add(record));
  return aggregator.result();
}

export const run: Command = async (args: readonly string[], io: CliIo) => {
  const files = args.filter((arg) => !arg.startsWith('--') || arg === '-');
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--no-segments');
  if (files.length !== 1 || unknown.length > 0) {
    io.stderr.write(unknown.length ? `p13n report: unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const file = files[0]!;
  let aggregate: Aggregate;
  try {
    aggregate = await aggregateFile(file === '-' ? '-' : resolve(io.cwd, file), process.stdin);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`p13n report: cannot read ${file}${code === 'ENOENT' ? ': no such file' : `: ${String(error)}`}\n`);
    return 1;
  }
  const reports = analyze(aggregate, { segments: !args.includes('--no-segments') });
  io.stdout.write(formatReport(file, aggregate, reports));
  const mismatched = reports.filter((report) => report.sampleRatio.mismatch);
  if (mismatched.length) io.stderr.write(`p13n report: SAMPLE RATIO MISMATCH in ${mismatched.map((r) => r.test).join(', ')}: see the report\n`);
  return 0;
};
