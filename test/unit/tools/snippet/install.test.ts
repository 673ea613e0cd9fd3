/**
 * @vitest-environment node
 *
 * `p13n snippet`'s install: the program parses back to the config, the hiding style lists the slots
 * that have rules, the decider carries only its config's readers, the CSP hashes are the inline
 * elements' own, and the inline code stays within a generous budget (the figure is the bench's).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileInstall, cspSources, installHtml } from '../../../../src/tools/snippet/install.js';

const demo = readFileSync('demo/p13n.json', 'utf8');

describe('the install of a config', () => {
  const install = compileInstall(demo, 'dist');

  it('carries the config as written, without $schema, in a program of this version', () => {
    const program = JSON.parse(install.programJson);
    expect(program).toMatchObject({ p13n: 'program', v: 1 });
    const { $schema: _, ...config } = JSON.parse(demo);
    expect(program.config).toEqual(config);
    expect(program.early.sources).toBeDefined();
  });

  it('hides only the slots that have rules, and reveals them by itself after 1.5 s', () => {
    expect(install.style).toContain('[data-p13n-slot="hero"]:not([data-p13n-ready])');
    expect(install.style).toContain('animation:p13n-reveal 0s linear 1.5s forwards');
    expect(hidingOf('{"segments":{},"slots":{}}')).toBe('');
  });

  it('builds the decider for the readers its config reads, and no more', () => {
    const pageOnly = compileInstall(
      JSON.stringify({ segments: {}, slots: { hero: { rules: [{ id: 'r', when: "path = '/'", content: null }] } } }),
      'dist',
    );
    expect(pageOnly.plan.flags).toEqual({ source: false, zones: false, hemispheres: false });
    expect(install.plan.flags).toMatchObject({ source: true });
    expect(gzipSync(pageOnly.code).length).toBeLessThan(gzipSync(install.code).length);
  });

  it('prints the sha256 sources of exactly the inline code and style', () => {
    const csp = cspSources(install);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp.script).toBe(hash(install.code));
    expect(csp.style).toBe(hash(install.style));
    const html = installHtml(install, { src: '/personalize.js', nonce: 'abc' });
    expect(html.match(/nonce="abc"/g)).toHaveLength(3);
    expect(html.indexOf('id="p13n-config"')).toBeLessThan(html.indexOf('id="p13n-early"'));
  });

  it("keeps the demo config's inline code within its budget (generous: the bench reports the figure)", () => {
    expect(gzipSync(install.code, { level: 9 }).length).toBeLessThan(21_000);
  });
});

function hidingOf(config: string): string {
  return compileInstall(config, 'dist').style;
}
