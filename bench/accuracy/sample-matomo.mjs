#!/usr/bin/env node
// Writes bench/data/matomo-devices.json: a fixed sample of the real-world user agents in Matomo's
// device-detector test fixtures (https://github.com/matomo-org/device-detector, Tests/fixtures/*.yml,
// LGPL-3.0-or-later; collected from real traffic and labelled by device type by its maintainers).
// An independent second truth for the device class: neither ua-parser-js nor our overrides were built
// on it. Run with the path of a git clone (or bare mirror) of that repository:
//   node bench/accuracy/sample-matomo.mjs /path/to/device-detector[.git]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

const PER_CLASS = 200;
const [repo] = process.argv.slice(2);
if (!repo) throw new Error('usage: node bench/accuracy/sample-matomo.mjs PATH_TO_DEVICE_DETECTOR_GIT');
const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = git('rev-parse', 'HEAD').trim();

// Matomo's device types → ours. Portable media players, cameras and peripherals have no class of ours.
const CLASS = {
  smartphone: 'mobile',
  phablet: 'mobile',
  'feature phone': 'mobile',
  tablet: 'tablet',
  desktop: 'desktop',
  tv: 'other',
  console: 'other',
  'car browser': 'other',
  'smart display': 'other',
  wearable: 'other',
  'smart speaker': 'other',
};
const files = git('ls-tree', '--name-only', 'HEAD', 'Tests/fixtures/')
  .split('\n')
  .filter((f) =>
    /\/(smartphone|phablet|feature_phone|tablet|desktop|tv|console|car_browser|smart_display|wearable|smart_speaker)(-\d+)?\.yml$/.test(
      f,
    ),
  );

const byClass = new Map();
for (const file of files) {
  for (const entry of yaml.load(git('show', `HEAD:${file}`)) ?? []) {
    const device = CLASS[entry?.device?.type];
    // Entries with client-hint headers are about the hints, not the user agent alone.
    if (!device || entry.headers || typeof entry.user_agent !== 'string') continue;
    if (!byClass.has(device)) byClass.set(device, new Map());
    byClass.get(device).set(entry.user_agent, { ua: entry.user_agent, device, type: entry.device.type });
  }
}
// Evenly spaced over each class, in fixture order: deterministic, and not the first files only.
const rows = [];
for (const [device, entries] of [...byClass].sort(([a], [b]) => a.localeCompare(b))) {
  const all = [...entries.values()];
  const step = all.length / Math.min(PER_CLASS, all.length);
  for (let i = 0; i < Math.min(PER_CLASS, all.length); i++) rows.push(all[Math.floor(i * step)]);
  console.log(`${device}: ${all.length} user agents, ${Math.min(PER_CLASS, all.length)} sampled`);
}
writeFileSync(
  new URL('../data/matomo-devices.json', import.meta.url),
  `${JSON.stringify(
    {
      source: 'https://github.com/matomo-org/device-detector Tests/fixtures',
      commit,
      license: 'LGPL-3.0-or-later (Matomo device-detector test fixtures, sampled unchanged)',
      rows,
    },
    null,
    0,
  ).replace(/\},\{/g, '},\n{')}\n`,
);
