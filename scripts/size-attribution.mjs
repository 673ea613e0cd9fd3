// Which inputs the shopper's gzip bytes come from: `node scripts/size-attribution.mjs [file]`.
// Each output byte is attributed to a source through the source map; a source's share is the gzip
// size of the bundle minus the gzip size of the bundle without that source's bytes (its marginal
// cost, which counts what it shares with the rest only once). Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2] ?? 'dist/personalize.js';
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function* segments(mappings) {
  let line = 0;
  let source = 0;
  for (const group of mappings.split(';')) {
    let column = 0;
    for (const segment of group.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = B64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      yield { line, column, source: values.length > 1 ? source : -1 };
    }
    line++;
  }
}

// Owner of every character of the output (-1: wrapper code esbuild adds).
const lines = code.split('\n');
const lineStart = [];
let offset = 0;
for (const text of lines) {
  lineStart.push(offset);
  offset += text.length + 1;
}
const owner = new Int32Array(code.length).fill(-1);
let previous = null;
const mark = (from, to, source) => owner.fill(source, from, to);
for (const seg of segments(map.mappings)) {
  const at = lineStart[seg.line] + seg.column;
  if (previous)
    mark(
      previous.at,
      previous.line === seg.line ? at : lineStart[previous.line] + lines[previous.line].length,
      previous.source,
    );
  previous = { ...seg, at };
}
if (previous) mark(previous.at, lineStart[previous.line] + lines[previous.line].length, previous.source);

const gzip = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
const total = gzip(code);
const rows = map.sources
  .map((name, index) => {
    let without = '';
    let bytes = 0;
    for (let i = 0; i < code.length; i++) {
      if (owner[i] === index) bytes++;
      else without += code[i];
    }
    return { name: name.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, ''), bytes, gzip: total - gzip(without) };
  })
  .filter((row) => row.bytes > 0)
  .sort((a, b) => b.gzip - a.gzip);

const pad = (value, width) => String(value).padStart(width);
console.log(`${file}: ${code.length} B raw, ${total} B gzip`);
console.log(`${'input'.padEnd(46)}${pad('raw B', 8)}${pad('gzip B', 8)}`);
for (const row of rows) console.log(`${row.name.padEnd(46)}${pad(row.bytes, 8)}${pad(row.gzip, 8)}`);
const sum = rows.reduce((s, r) => s + r.gzip, 0);
console.log(`${'(sum of marginal costs; the rest is shared context)'.padEnd(46)}${pad('', 8)}${pad(sum, 8)}`);
