// Device class against a sample of Matomo device-detector's real-world fixtures
// (bench/data/matomo-devices.json, made by sample-matomo.mjs): 200 user agents per class, labelled by
// device-detector's maintainers. No client hints; maxTouchPoints is what such a device reports, as in
// device.mjs: 5 on phones, tablets, watches, car screens and smart displays; 0 on computers, TVs,
// set-top boxes, consoles and speakers (handheld consoles with a touchscreen are counted as 0 too).
import { readJson, row } from './load.mjs';

const CLASSES = ['mobile', 'tablet', 'desktop', 'other'];
const TOUCH = new Set(['smartphone', 'phablet', 'feature phone', 'tablet', 'wearable', 'car browser', 'smart display']);

export function measureMatomo({ classifyDevice }) {
  const { rows: cases } = readJson('bench/data/matomo-devices.json');
  const results = cases.map(({ ua, device, type }) => {
    const got = classifyDevice(ua, null, TOUCH.has(type) ? 5 : 0);
    return { ua, want: device, type, got: got.bot ? 'bot' : got.device, ok: !got.bot && got.device === device };
  });
  // The fixtures carry no screen size (only brand and model), so the screen rule (screenShortSide) cannot
  // be measured here: these figures are the user agent alone.
  const rows = [
    row(
      'device-detector',
      "device vs maintainers' label (user agent only: no screen in the data)",
      results.length,
      results.filter((r) => r.ok).length,
    ),
  ];
  for (const c of CLASSES) {
    const some = results.filter((r) => r.want === c);
    const types = c === 'other' ? `  (${[...new Set(some.map((r) => r.type))].join(', ')})` : '';
    rows.push(
      row(
        'device-detector',
        `  ${c}`,
        some.length,
        some.filter((r) => r.ok).length,
        types ? { note: types.trim() } : {},
      ),
    );
  }
  return { rows, misses: results.filter((r) => !r.ok) };
}
