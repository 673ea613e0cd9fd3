// The generated part of bench/ACCURACY.md: figures, versions, and the misses worth reading.
const pct = (r) => (Number.isNaN(r.pct) ? '-' : `${r.pct.toFixed(1)}%${r.weighted ? ' (weighted)' : ''}`);
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|');
const code = (s) => `\`${cell(s).replace(/`/g, "'")}\``;

function table(headers, lines) {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The heaviest misses first (traffic weight), `limit` of them. */
const heaviest = (list, limit) => [...list].sort((a, b) => b.weight - a.weight).slice(0, limit);

export function report({ rows, versions, devices, matomo, bots, referrers, timezones }, date) {
  const out = [];
  out.push(
    `Measured ${date} with ${Object.entries(versions)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')}.`,
    '',
  );
  out.push(
    table(
      ['set', 'measure', 'cases', 'right', '%', 'note'],
      rows.map((r) => [r.set, r.measure.replace(/^ +/, '… '), r.cases, r.correct, pct(r), r.note ?? '']),
    ),
    '',
  );
  out.push(
    `user-agents rows left out of the platform truth (platform contradicts the user agent): ${devices.excluded}.`,
    '',
  );

  out.push('### Device misses against platform + screen (heaviest 20)', '');
  out.push(
    table(
      ['user agent', 'truth', 'ours', 'weight'],
      heaviest(devices.misses.platform, 20).map((m) => [code(m.ua), m.want, m.got, m.weight.toExponential(1)]),
    ),
    '',
  );
  out.push('### OS misses (heaviest 10)', '');
  out.push(
    table(
      ['user agent', 'truth', 'ours'],
      heaviest(devices.misses.os, 10).map((m) => [code(m.ua), m.want, m.got]),
    ),
    '',
  );
  out.push('### Browser-engine misses (heaviest 10)', '');
  out.push(
    table(
      ['user agent', 'engine', 'our browser'],
      heaviest(devices.misses.browser, 10).map((m) => [code(m.ua), m.want, m.got]),
    ),
    '',
  );

  if (matomo) {
    out.push(`### device-detector misses (${matomo.misses.length} of 800, first 40)`, '');
    out.push(
      table(
        ['user agent', 'label', 'ours'],
        matomo.misses.slice(0, 40).map((m) => [code(m.ua), `${m.want} (${m.type})`, m.got]),
      ),
      '',
    );
  }
  out.push(`### Crawlers not flagged (${bots.misses.recall.length})`, '');
  out.push(
    table(
      ['crawler-user-agents pattern', 'instance'],
      bots.misses.recall.map((m) => [code(m.pattern), code(m.ua)]),
    ),
    '',
  );
  out.push(`### Browsers flagged as bots (${bots.misses.falsePositives.length})`, '');
  out.push(
    table(
      ['user agent', 'weight'],
      heaviest(bots.misses.falsePositives, 30).map((m) => [code(m.ua), m.weight.toExponential(1)]),
    ),
    '',
  );

  const refLine = (m) => [m.name, code(m.referrer), m.type, m.got ?? '(none)', m.source ?? ''];
  const refHead = ['name', 'referrer', 'listed as', 'ours', 'our source'];
  out.push(
    `### referer-parser misses: services still running, or not known to be gone (${referrers.misses.real.length})`,
    '',
  );
  out.push(table(refHead, referrers.misses.real.map(refLine)), '');
  const deadNames = [...new Map(referrers.misses.dead.map((m) => [m.name, m])).values()];
  out.push(
    `### referer-parser misses: services gone or no longer what the list says (${referrers.misses.dead.length} hosts of ${deadNames.length} services)`,
    '',
  );
  out.push(
    table(
      ['name', 'hosts', 'listed as', 'why it does not count'],
      deadNames.map((d) => [d.name, referrers.misses.dead.filter((m) => m.name === d.name).length, d.type, d.reason]),
    ),
    '',
  );
  out.push(`### Modern referrer misses (${referrers.misses.modern.length})`, '');
  out.push(table([...refHead.slice(0, 2), 'expected', 'ours', 'our source'], referrers.misses.modern.map(refLine)), '');
  out.push(`### Channel misses where the referrer type is right (${referrers.misses.channel.length})`, '');
  out.push(
    table(
      ['referrer', 'type', 'our channel', 'our source', "on Google's list"],
      referrers.misses.channel.map((m) => [
        code(m.referrer),
        m.type,
        m.channel,
        m.source,
        m.ga4Referral ? 'no: GA4 says Referral too' : 'yes',
      ]),
    ),
    '',
  );

  out.push(`### Time zone misses (${timezones.misses.length})`, '');
  out.push(
    table(
      ['zone', 'countries-and-timezones', 'ours', 'deprecated'],
      timezones.misses.map((m) => [m.zone, m.want, m.got ?? '(none)', m.deprecated ? 'yes' : '']),
    ),
    '',
  );
  return out.join('\n');
}
