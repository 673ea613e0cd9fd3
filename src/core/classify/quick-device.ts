/**
 * PROVISIONAL (replaced by the exact-or-unsure matcher with its differential test): answers only
 * for the plainest user agents, unsure otherwise.
 */
import type { ClientHints } from './context.js';
import type { DeviceClass } from './types.js';

export interface QuickDevice {
  readonly bot: boolean | null;
  readonly device: DeviceClass | null;
  readonly os?: string | null | undefined;
  readonly browser?: string | null | undefined;
}

const PLAIN =
  /^Mozilla\/5\.0 \((?:Windows NT [\d.]+; Win64; x64|Macintosh; Intel Mac OS X [\d_]+|Linux; Android [\d.]+; [^();]+|iPhone; CPU iPhone OS [\d_]+ like Mac OS X)\) AppleWebKit\/[\d.]+ \(KHTML, like Gecko\)(?: Version\/[\d.]+)?(?: Chrome\/[\d.]+)?(?: Mobile(?:\/\w+)?)? Safari\/[\d.]+$/;

export function quickDevice(ua: string, hints: ClientHints | null, touch: number, screen?: number): QuickDevice {
  const plain =
    typeof ua === 'string' && PLAIN.test(ua) && !hints?.brands?.some((b) => /headless/i.test(b?.brand ?? ''));
  if (!plain) return { bot: null, device: null };
  let device: DeviceClass | null = null;
  if (/\(iPhone;/.test(ua)) device = 'mobile';
  else if (/Android/.test(ua)) device = / Mobile/.test(ua) && (screen === undefined || screen < 600) ? 'mobile' : null;
  else if (/Windows NT/.test(ua)) device = 'desktop';
  else if (/Macintosh/.test(ua)) device = touch > 1 ? null : 'desktop';
  return { bot: false, device };
}
