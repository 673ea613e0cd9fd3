// @vitest-environment node
/** The training table coerces every input as the browser holds values, and says what it ignored. */
import { describe, expect, it } from 'vitest';
import { levelOf, readerAt, tableFromColumns, timeOf } from '../../../../src/tools/learn/table.js';

describe('tableFromColumns()', () => {
  const names = [
    'visits',
    'new_visitor',
    'hour',
    'channel',
    'interest',
    'interest.hiking',
    'user_id',
    'path',
    'converted',
    'ts',
  ];
  const columns = [
    ['3', '1', ''],
    ['0', 'TRUE', 'yes'],
    ['14', '9.0', 'x'],
    ['Email', 'organic search', 'Newsletter'],
    ['{"running": 2}', '[{"k": "Yoga", "n": "3"}]', ''],
    ['1', '', '2'],
    ['u1', 'u2', 'u3'],
    ['/a', '/b', '/c'],
    ['1', '0', 'maybe'],
    ['2026-11-02T10:00:00Z', '1793570400', '1793570400000'],
  ];
  const { table, notes } = tableFromColumns(names, columns);
  const read = (i: number, name: string) => readerAt(table, i)(name);

  it('keeps the rows with a 0/1 label and counts the others', () => {
    expect(table.n).toBe(2);
    expect(Array.from(table.y)).toEqual([1, 0]);
    expect(notes.unlabelled).toBe(1);
  });

  it('reads numbers, booleans, hours and text as the browser holds them', () => {
    expect([read(0, 'visits'), read(1, 'visits')]).toEqual([3, 1]);
    expect([read(0, 'new_visitor'), read(1, 'new_visitor')]).toEqual(['false', 'true']);
    expect([read(0, 'hour'), read(1, 'hour')]).toEqual(['14', '9']);
    expect([read(0, 'channel'), read(1, 'channel')]).toEqual(['email', 'organic search']);
  });

  it('reads interest as JSON maps or BigQuery key/value lists, and dotted columns; absent keys are 0', () => {
    expect([read(0, 'interest.running'), read(1, 'interest.yoga'), read(1, 'interest.running')]).toEqual([2, 3, 0]);
    expect([read(0, 'interest.hiking'), read(1, 'interest.hiking'), read(0, 'interest.unknown')]).toEqual([1, 0, 0]);
  });

  it('names the columns that are not features, once', () => {
    expect(notes.ignored).toEqual(['user_id', 'path']);
  });

  it('notes values a browser never reports for an attribute with a closed set', () => {
    expect([...(notes.foreign.get('channel') ?? [])]).toEqual([]);
    const other = tableFromColumns(
      ['channel', 'converted'],
      [
        ['mail', 'Email'],
        ['1', '0'],
      ],
    ).notes;
    expect([...other.foreign.get('channel')!]).toEqual(['mail']);
  });

  it('reads times in ISO text, epoch seconds, milliseconds or GA4 microseconds', () => {
    const t = Date.parse('2026-11-02T10:00:00Z');
    expect([timeOf('2026-11-02T10:00:00Z'), timeOf(t / 1000), timeOf(t), timeOf(t * 1000)]).toEqual([t, t, t, t]);
    expect(table.ts[0]).toBe(t);
  });

  it('refuses a table without a label', () => {
    expect(() => tableFromColumns(['visits'], [['1']])).toThrow('no "converted" column');
  });

  it('spells a level as score() reads a browser value', () => {
    expect([levelOf('logged_in', true), levelOf('hour', 7), levelOf('country', ' no '), levelOf('os', '')]).toEqual([
      'true',
      '7',
      'no',
      null,
    ]);
  });
});
