/**
 * @vitest-environment node
 *
 * What `p13n snippet` and the studio tell the owner about when each rule is decided: instant only
 * where everything it reads is known while the <head> is parsed, on every page view, first visits
 * included; the reason named otherwise.
 */
import { describe, expect, it } from 'vitest';
import { compileInstall } from '../../../../src/tools/snippet/install.js';
import { describeTimings, ruleTimings } from '../../../../src/tools/snippet/timing.js';

const hero = (rules: unknown[], extra: Record<string, unknown> = {}) => {
  const install = compileInstall(JSON.stringify({ segments: {}, slots: { hero: { rules } }, ...extra }), 'dist');
  expect(install.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return ruleTimings(install.plan, install.compiled);
};
const banner = { type: 'hero', heading: 'Hi' };

describe('when each rule is decided', () => {
  it('calls a rule on the URL alone instant, with no reason to give', () => {
    const [timing] = hero([{ id: 'home', when: "path = '/'", content: banner }]);
    expect(timing).toEqual({ slot: 'hero', rule: 'home', timing: 'instant', why: [] });
  });

  it('says a rule on what the profile keeps waits on a first visit, naming the attribute', () => {
    const [timing] = hero([{ id: 'returning', when: 'visits > 1', content: banner }]);
    expect(timing?.timing).toBe('mostly');
    expect(timing?.why.join()).toMatch(
      /visits: from the visitor's second page view; on a first visit, after personalize\.js/,
    );
  });

  it("says an A/B test picks a first visit's variant in personalize.js", () => {
    const [timing] = hero([
      {
        id: 'landing',
        when: "path = '/'",
        variants: [
          { id: 'a', weight: 50, content: banner },
          { id: 'b', weight: 50, content: { ...banner, heading: 'Hello' } },
        ],
      },
    ]);
    expect(timing?.timing).toBe('mostly');
    expect(timing?.why.join()).toMatch(/A\/B test/);
  });

  it('says products from the catalog and a login read from the page wait for personalize.js', () => {
    const timings = hero(
      [
        { id: 'members', when: 'logged_in', content: banner },
        { id: 'picks', when: "path = '/'", content: { type: 'products', source: { collection: 'new' } } },
      ],
      { login: { selector: '.account-name' } },
    );
    expect(timings.map((t) => t.timing)).toEqual(['waits', 'waits']);
    const text = describeTimings(timings);
    expect(text).toContain('hero / members: after personalize.js arrives');
    expect(text).toContain('a login shown by a CSS selector');
    expect(text).toContain('products from the catalog load with personalize.js');
  });
});
