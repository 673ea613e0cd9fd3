// bench/RESULTS.md, one section per part of the bench, so a run of some parts (`--only lcp`)
// replaces those sections and keeps the others as they were, each with the line saying which run it
// comes from. A section is fenced by `<!-- part:NAME … -->` and `<!-- /part:NAME -->`; its summary
// rows (the table at the top of the file) ride in the opening marker as JSON, so the top table can be
// rebuilt from every section, old and new. Pure: test/unit/bench/results.test.ts.

export const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

// JSON in an HTML comment: no `--` and no `>` (either could end the comment early).
// (Outside strings JSON never holds `--`, so the escapes land inside strings, where they are valid.)
const commentJson = (value) => JSON.stringify(value).replace(/--/g, '-\\u002d').replace(/>/g, '\\u003e');

/**
 * One part's section: its title, the run it comes from, its table, sub-tables and notes.
 * @param {string} name the part's name (`lcp` for ./lcp.mjs)
 * @param {{ summary?: string[][], title: string, head: string[], rows: string[][],
 *   tables?: { title: string, head: string[], rows: string[][] }[], notes?: string[] }} result
 * @param {string} provenance one line: when, on what, with which command
 */
export function renderPart(name, result, provenance) {
  return [
    `<!-- part:${name} ${commentJson({ summary: result.summary ?? [] })} -->`,
    `## ${result.title}`,
    '',
    `_${provenance}_`,
    '',
    table(result.head, result.rows),
    ...(result.tables ?? []).flatMap((t) => ['', `### ${t.title}`, '', table(t.head, t.rows)]),
    ...(result.notes?.length ? ['', ...result.notes.map((n) => `- ${n}`)] : []),
    `<!-- /part:${name} -->`,
  ].join('\n');
}

/**
 * The sections of an existing RESULTS.md, in file order: `{ name, text, summary }`; for a file
 * written before sections existed, its text as `rest`.
 */
export function parseParts(markdown) {
  const parts = [];
  const pattern = /<!-- part:([\w-]+) ([\s\S]*?) -->[\s\S]*?<!-- \/part:\1 -->/g;
  for (const match of markdown.matchAll(pattern)) {
    let summary = [];
    try {
      summary = JSON.parse(match[2]).summary ?? [];
    } catch {
      // A hand-edited marker: the section is kept, its summary rows are not.
    }
    parts.push({ name: match[1], text: match[0], summary });
  }
  // Around the sections stand only the header and summary table this module writes, rebuilt on
  // every run; a file without sections is all older text.
  const rest = parts.length ? '' : markdown.replace(/^# Benchmark results\s*/, '').trim();
  return { parts, rest };
}

/**
 * The whole file: a header, the summary rows of every section, then the sections (`order` first, in
 * that order; any other after). `fresh` sections replace old ones of the same name; a file with no
 * sections yet keeps its old text at the end, under a heading, unless every part was run again.
 * @param {string | null} previous the file as it was (null: none)
 * @param {{ name: string, text: string, summary: string[][] }[]} fresh
 */
export function mergeResults(previous, fresh, { header, order, complete }) {
  const old = previous ? parseParts(previous) : { parts: [], rest: '' };
  const byName = new Map(old.parts.map((p) => [p.name, p]));
  for (const part of fresh) byName.set(part.name, part);
  const names = [...order.filter((n) => byName.has(n)), ...[...byName.keys()].filter((n) => !order.includes(n))];
  const parts = names.map((n) => byName.get(n));
  const leftover =
    old.rest && !complete ? ['', '## Earlier results (written before this file had sections)', '', old.rest] : [];
  return [
    '# Benchmark results',
    '',
    header,
    '',
    table(
      ['measure', 'p13n', 'comparison', 'difference'],
      parts.flatMap((p) => p.summary),
    ),
    ...parts.flatMap((p) => ['', p.text]),
    ...leftover,
    '',
  ].join('\n');
}
