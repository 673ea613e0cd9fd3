/**
 * Autocomplete for an expression being typed, pure: the word under the cursor → attribute names (with
 * their type), segment names and keywords; inside a quote after `=`, `!=`, `IN (…` or `CONTAINS` → the
 * attribute's closed list of values (`device = 'mo` → `mobile`).
 */
import { ATTRIBUTES, attributeSpec } from '../../core/attributes/registry.js';
import { typeWord } from '../../core/segments/resolve.js';

export interface Suggestion {
  readonly label: string;
  /** Text that replaces `from … to`. */
  readonly insert: string;
  readonly detail: string;
}

export interface Completion {
  readonly from: number;
  readonly to: number;
  readonly items: readonly Suggestion[];
}

const KEYWORDS = ['AND', 'OR', 'NOT', 'IN', 'CONTAINS', 'BETWEEN', 'IS NULL', 'IS NOT NULL', 'STARTS WITH'];
const LIMIT = 12;
/** `attr = '`, `attr != '`, `attr IN ('a', '`, `attr CONTAINS '`, with what is typed of the value after it. */
const VALUE_CONTEXT =
  /([A-Za-z_][\w.]*)\s*(?:=|!=|<>|\bIN\s*\((?:\s*'[^']*'\s*,)*|\bCONTAINS|\bSTARTS\s+WITH)\s*(')?([^']*)$/i;

export function complete(text: string, cursor: number, segments: readonly string[]): Completion | null {
  const before = text.slice(0, cursor);
  const value = VALUE_CONTEXT.exec(before);
  const values = value ? attributeSpec(value[1]!)?.values : undefined;
  if (value && values && (value[2] === "'" || value[3] === '')) {
    const typed = value[3]!;
    const quoted = value[2] === "'";
    // Inside the quotes: replace what is typed and close them; before them: insert the quotes too.
    const items = values
      .filter((v) => v.toLowerCase().startsWith(typed.toLowerCase()))
      .map((v) => ({ label: v, insert: quoted ? `${v}'` : `'${v}'`, detail: value[1]! }));
    return items.length ? { from: cursor - typed.length, to: cursor, items: items.slice(0, LIMIT) } : null;
  }
  const word = /[A-Za-z_][\w.]*$/.exec(before)?.[0] ?? '';
  if (word === '' || inQuote(before)) return null;
  const lower = word.toLowerCase();
  const items: Suggestion[] = [];
  for (const spec of ATTRIBUTES) {
    const name = spec.namespace ? `${spec.name}.` : spec.name;
    if (name.toLowerCase().startsWith(lower) && name !== word) {
      const detail = spec.namespace
        ? `${typeWord(spec.type)} per key, e.g. ${spec.name}.running`
        : spec.values
          ? `${typeWord(spec.type)}: ${spec.values.slice(0, 4).join(', ')}${spec.values.length > 4 ? ', …' : ''}`
          : typeWord(spec.type);
      items.push({ label: name, insert: name, detail });
    }
  }
  for (const name of segments)
    if (name.toLowerCase().startsWith(lower) && name !== word)
      items.push({ label: name, insert: name, detail: 'segment' });
  for (const keyword of KEYWORDS)
    if (keyword.toLowerCase().startsWith(lower) && keyword.toLowerCase() !== lower)
      items.push({ label: keyword, insert: keyword, detail: 'keyword' });
  return items.length ? { from: cursor - word.length, to: cursor, items: items.slice(0, LIMIT) } : null;
}

/** An odd number of single quotes before the cursor: it is inside a text value. */
const inQuote = (before: string) => (before.match(/'/g)?.length ?? 0) % 2 === 1;

/** The text after picking a suggestion, and where the cursor goes. */
export function apply(text: string, completion: Completion, item: Suggestion): { text: string; cursor: number } {
  const next = `${text.slice(0, completion.from)}${item.insert}${text.slice(completion.to)}`;
  return { text: next, cursor: completion.from + item.insert.length };
}
