import { describe, expect, it } from 'vitest';
import { apply, complete } from '../../../../src/tools/studio/complete.js';

const labels = (text: string, segments: string[] = []) =>
  complete(text, text.length, segments)?.items.map((item) => item.label) ?? [];

describe('complete()', () => {
  it('offers attribute names by prefix, with their type', () => {
    const result = complete('visits >= 2 AND dev', 19, [])!;
    expect(result.items[0]).toMatchObject({ label: 'device', detail: expect.stringMatching(/^text: mobile, tablet/) });
    expect(apply('visits >= 2 AND dev', result, result.items[0]!)).toEqual({
      text: 'visits >= 2 AND device',
      cursor: 22,
    });
  });
  it('offers segment names and keywords', () => {
    expect(labels('big', ['big_spender'])).toEqual(['big_spender']);
    expect(labels('visits >= 2 AN')).toEqual(['AND']);
    expect(labels('inter')).toEqual(['interest.']);
  });
  it('offers the closed values of the attribute being compared, inside or before the quote', () => {
    expect(labels("device = 'ta")).toEqual(['tablet']);
    expect(labels('device = ')).toEqual(['mobile', 'tablet', 'desktop', 'other']);
    expect(complete('device = ', 9, [])!.items[0]!.insert).toBe("'mobile'");
    expect(labels("referrer_type IN ('social', 'em")).toEqual(['email']);
    expect(labels("channel = 'Paid S")).toEqual(['Paid Shopping', 'Paid Search', 'Paid Social']);
  });
  it('stays quiet inside free text and after a complete word', () => {
    expect(labels("campaign CONTAINS 'win")).toEqual([]);
    expect(labels('visits')).toEqual([]);
    expect(labels('visit')).toEqual(['visits', 'visit_pageviews']);
    expect(labels("device = 'mobile' ")).toEqual([]);
  });
});
