// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CONSENT_REGIONS, consentRequiredIn } from '../../../../src/core/consent/regions.js';
import { resolveConsent, type ConsentInputs } from '../../../../src/core/consent/resolve.js';

const none: ConsentInputs = {
  configured: undefined,
  globalPrivacyControl: undefined,
  country: null,
  gpc: false,
  choice: null,
  platform: null,
  modeDefault: null,
};
const state = (input: Partial<ConsentInputs>) => resolveConsent({ ...none, ...input }).state;

describe('consentRequiredIn()', () => {
  it.each(['DE', 'FR', 'NO', 'IS', 'LI', 'GB', 'CH', 'RE', 'AX', 'no'])('requires consent in %s', (country) => {
    expect(consentRequiredIn(country)).toBe(true);
  });

  it.each(['US', 'CA', 'AU', 'JP', 'BR', 'TR', 'RU'])('does not in %s', (country) => {
    expect(consentRequiredIn(country)).toBe(false);
  });

  it('does not when the country is unknown', () => {
    expect(consentRequiredIn(null)).toBe(false);
  });

  it('covers all 27 EU members, 3 more EEA members, the UK and Switzerland', () => {
    expect(CONSENT_REGIONS.size).toBe(27 + 7 + 3 + 5 + 1);
  });
});

describe('resolveConsent()', () => {
  it('is pending by default in the EU/EEA/UK/CH, granted elsewhere and when the country is unknown', () => {
    expect(resolveConsent({ ...none, country: 'NO' })).toEqual({
      state: 'pending',
      reason: 'consent is required by default in NO',
    });
    expect(state({ country: 'US' })).toBe('granted');
    expect(state({ country: null })).toBe('granted');
  });

  it('follows the config over the region', () => {
    expect(state({ configured: 'implied', country: 'DE' })).toBe('granted');
    expect(state({ configured: 'required', country: 'US' })).toBe('pending');
  });

  it('treats Global Privacy Control as a refusal, even where consent is implied', () => {
    expect(state({ gpc: true, configured: 'implied', country: 'US' })).toBe('refused');
    expect(state({ gpc: true, platform: true })).toBe('refused');
    expect(state({ gpc: true, modeDefault: true })).toBe('refused');
  });

  it('ignores Global Privacy Control only when the config says so', () => {
    expect(state({ gpc: true, globalPrivacyControl: 'ignore', country: 'US' })).toBe('granted');
    expect(state({ gpc: true, globalPrivacyControl: 'refuse', country: 'US' })).toBe('refused');
  });

  it("lets the visitor's own choice win over everything, Global Privacy Control included", () => {
    expect(state({ gpc: true, choice: { granted: true, source: 'p13n.consent()' } })).toBe('granted');
    expect(state({ configured: 'implied', platform: true, choice: { granted: false, source: 'p13n.consent()' } })).toBe(
      'refused',
    );
    expect(resolveConsent({ ...none, choice: { granted: false, source: 'Google Consent Mode update' } }).reason).toBe(
      'Google Consent Mode update: refused',
    );
  });

  it("takes Shopify's answer at load over the config: it already knows the region and the earlier choice", () => {
    expect(state({ platform: true, configured: 'required', country: 'DE' })).toBe('granted');
    expect(state({ platform: false, configured: 'implied', country: 'US' })).toBe('pending');
  });

  it('waits on a denied Consent Mode default, and never takes a granted default for consent', () => {
    expect(state({ modeDefault: false, configured: 'implied' })).toBe('pending');
    expect(state({ modeDefault: true, country: 'DE' })).toBe('pending');
    expect(state({ modeDefault: true, country: 'US' })).toBe('granted');
  });

  it('never refuses (and so never erases) on anything but a choice or Global Privacy Control', () => {
    for (const platform of [null, true, false]) {
      for (const modeDefault of [null, true, false]) {
        for (const configured of [undefined, 'required', 'implied'] as const) {
          expect(state({ platform, modeDefault, configured, country: 'DE' })).not.toBe('refused');
        }
      }
    }
  });
});

describe('the consent keys of the config', () => {
  it('accepts the documented values and reports anything else by path', async () => {
    const { parseConfig } = await import('../../../../src/core/config/parse.js');
    expect(parseConfig({ consent: 'implied', globalPrivacyControl: 'ignore', retentionDays: 30 }).config).toMatchObject(
      { consent: 'implied', globalPrivacyControl: 'ignore', retentionDays: 30 },
    );
    const { config, problems } = parseConfig({ globalPrivacyControl: true, retentionDays: 0 });
    expect(config.globalPrivacyControl).toBeUndefined();
    expect(config.retentionDays).toBeUndefined();
    expect(problems.map((problem) => problem.path)).toEqual(['globalPrivacyControl', 'retentionDays']);
  });
});
