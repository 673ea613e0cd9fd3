/**
 * Text for a terminal, from data anyone can post to a beacon endpoint. Names (tests, variants,
 * segments, slots, currencies, weights) are shown with every control character written out as an
 * escape — C0 (ESC, CR, LF, BEL…), DEL, C1 (including the one-byte CSI and OSC), and the Unicode
 * controls that reorder or split a line (bidirectional overrides and isolates, line and paragraph
 * separators) — so a record cannot move the cursor, retitle the window, print a link, or forge a line
 * such as "Sample ratio OK". And every line fits in 100 columns: long names are cut, prose is wrapped,
 * a table shortens its name columns first. Pure.
 */

/** The report's width, in columns. */
export const WIDTH = 100;

// C0, DEL and C1; the bidirectional controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI); LS and PS.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const escapeChar = (char: string) => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** A name from the data, safe to print: controls escaped, cut to `max` characters with '…'. */
export function safe(text: string, max = 40): string {
  const clean = text.replace(UNSAFE, escapeChar);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** The last guard before the terminal: any control character but the line breaks we wrote, escaped. */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    escapeChar,
  );
}

/** Words wrapped into lines of at most `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, indent = '', width = WIDTH): string[] {
  const lines: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const next = line === lead ? `${lead}${word}` : `${line} ${word}`;
    if (next.length <= width || line === lead || line === indent) {
      line = next;
      continue;
    }
    lines.push(line);
    line = `${indent}${word}`;
  }
  if (line !== lead) lines.push(line);
  // A single word longer than the width (a hostile name is cut before it gets here): cut, never overflow.
  return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
}

/**
 * Rows as columns: the first `textColumns` left-aligned (names), the rest right-aligned (figures).
 * When the table is wider than `width`, the name columns are cut (never below 6 characters) until it fits.
 */
export function table(rows: readonly (readonly string[])[], textColumns: number, width = WIDTH): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < textColumns; i++)
      if (widths[i]! > 6 && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    widths[widest] = Math.max(6, widths[widest]! - (total() - width));
  }
  const cut = (cell: string, w: number) => (cell.length > w ? `${cell.slice(0, w - 1)}…` : cell);
  return rows.map((row) =>
    row
      .map((cell, i) => (i < textColumns ? cut(cell, widths[i]!).padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}
