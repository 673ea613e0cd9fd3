// Bot detection. Positives: every `instances` user agent of `crawler-user-agents` (MIT), the list of
// crawlers, monitors and fetchers seen in the wild. Negatives: the `user-agents` browser profiles.
// Caveats, so the figures are read right: isbot draws on crawler-user-agents for its own patterns and
// tests, and user-agents drops what isbot (3.x) flags before publishing. Neither set is independent of
// isbot; the figures show how far our use of it (plus headless brands) drifts from those sources.
import { readJson, row, weightedRow } from './load.mjs';

export function measureBots({ classifyDevice }) {
  const crawlers = readJson('node_modules/crawler-user-agents/crawler-user-agents.json');
  const profiles = readJson('node_modules/user-agents/dist/user-agents.json');
  const missed = [];
  let instances = 0;
  let caught = 0;
  let entriesAll = 0;
  for (const entry of crawlers) {
    const list = entry.instances ?? [];
    let all = list.length > 0;
    for (const ua of list) {
      instances++;
      if (classifyDevice(ua, null, 0).bot) caught++;
      else {
        all = false;
        missed.push({ pattern: entry.pattern, ua });
      }
    }
    if (all) entriesAll++;
  }
  const withInstances = crawlers.filter((e) => e.instances?.length).length;
  const negatives = profiles.map((p) => ({
    ua: p.userAgent,
    weight: p.weight,
    ok: !classifyDevice(p.userAgent, null, 0).bot,
  }));
  const falsePositives = negatives.filter((n) => !n.ok);
  return {
    rows: [
      row('crawler-user-agents', 'bot recall (instances)', instances, caught),
      row('crawler-user-agents', 'bot recall (crawlers, every instance caught)', withInstances, entriesAll),
      row(
        'user-agents',
        'browsers not flagged as bots (1 − false-positive rate)',
        negatives.length,
        negatives.length - falsePositives.length,
      ),
      weightedRow('user-agents', 'browsers not flagged as bots, traffic-weighted', negatives),
    ],
    misses: { recall: missed, falsePositives },
  };
}
