// @vitest-environment node
/**
 * bench/RESULTS.md by sections (bench/results.mjs): a run of some parts replaces their sections and
 * keeps every other one, and the summary table at the top is rebuilt from all of them.
 */
import { describe, expect, it } from 'vitest';
import { mergeResults, parseParts, renderPart } from '../../../bench/results.mjs';

const result = (title: string, summary: string[][]) => ({
  summary,
  title,
  head: ['a', 'b'],
  rows: [['1', '2']],
  tables: [{ title: 'detail', head: ['c'], rows: [['3']] }],
  notes: ['a note'],
});
const part = (name: string, title: string, summary: string[][], provenance = 'run of day 1') => ({
  name,
  summary,
  text: renderPart(name, result(title, summary), provenance),
});
const ORDER = ['size', 'lighthouse', 'lcp'];

describe('renderPart() and parseParts()', () => {
  it("reads back a section's name and summary rows, even with `--` and `>` in them", () => {
    const summary = [['npm run bench -- --only lcp', '> 4 KB', '−2 ms', '']];
    const text = renderPart('lcp', result('Hero', summary), 'today');
    const marker = text.split('\n')[0] ?? '';
    expect(marker.slice('<!--'.length, -'-->'.length)).not.toMatch(/--|>/);
    expect(text).toContain('### detail');
    expect(text).toContain('- a note');
    expect(parseParts(`# Benchmark results\n\n${text}\n`)).toEqual({
      parts: [{ name: 'lcp', text, summary }],
      rest: '',
    });
  });
});

describe('mergeResults()', () => {
  const old = mergeResults(
    null,
    [part('size', 'Sizes', [['bundle', '38 KB', '', '']]), part('lighthouse', 'Lighthouse', [['LCP', '+1 s', '', '']])],
    { header: 'day 1', order: ORDER, complete: true },
  );

  it('replaces the sections that ran and keeps the others, in the parts order', () => {
    const merged = mergeResults(old, [part('lcp', 'Hero', [['hero LCP', '+40 ms', '', '']], 'run of day 2')], {
      header: 'day 2',
      order: ORDER,
      complete: false,
    });
    expect(parseParts(merged).parts.map((p) => p.name)).toEqual(['size', 'lighthouse', 'lcp']);
    expect(merged).toContain('_run of day 1_');
    expect(merged).toContain('_run of day 2_');
    expect(merged).toContain('| bundle | 38 KB |  |  |\n| LCP | +1 s |  |  |\n| hero LCP | +40 ms |  |  |');
    const again = mergeResults(merged, [part('size', 'Sizes', [['bundle', '30 KB', '', '']], 'run of day 3')], {
      header: 'day 3',
      order: ORDER,
      complete: false,
    });
    expect(again).not.toContain('38 KB');
    expect(again.match(/## Sizes/g)).toHaveLength(1);
    expect(again).toContain('| hero LCP | +40 ms |');
  });

  it('keeps the text of a file written before sections, unless every part ran again', () => {
    const legacy = '# Benchmark results\n\nold header\n\n## Old section\n\nold table\n';
    const partial = mergeResults(legacy, [part('lcp', 'Hero', [])], { header: 'h', order: ORDER, complete: false });
    expect(partial).toContain(
      '## Earlier results (written before this file had sections)\n\nold header\n\n## Old section',
    );
    const full = mergeResults(legacy, [part('lcp', 'Hero', [])], { header: 'h', order: ORDER, complete: true });
    expect(full).not.toContain('Old section');
  });
});
