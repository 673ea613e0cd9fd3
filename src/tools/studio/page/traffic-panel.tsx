/**
 * Test sizes in the studio: load a report of the store's traffic (`npx p13n report … --json`) and
 * each A/B test of the config being edited is judged as `p13n validate --traffic` judges it
 * (report/traffic.ts): a warning names a test whose segment is too small to tell a +10% change in
 * conversion within 4 weeks. The file is read in this page and sent nowhere.
 */
import { useMemo, useState } from 'preact/hooks';
import { trafficProblems } from '../../report/traffic.js';
import type { Json } from './edit.js';
import { Problems } from './problems.js';

export function TrafficPanel({ config }: { readonly config: Json }) {
  const [report, setReport] = useState<{ name: string; json: unknown } | null>(null);
  const [error, setError] = useState('');
  const problems = useMemo(
    () =>
      report
        ? trafficProblems(config, report.json).map((p) => ({
            ...p,
            message: p.where ? `${p.where}: ${p.message}` : p.message,
          }))
        : [],
    [config, report],
  );
  const load = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    try {
      setReport({ name: file.name, json: JSON.parse(await file.text()) });
      setError('');
    } catch (cause) {
      setReport(null);
      setError(`${file.name} is not JSON (${(cause as Error).message})`);
    }
  };
  const warnings = problems.filter((p) => p.severity !== 'info').length;
  return (
    <section class="panel" aria-label="test sizes">
      <h2>Test sizes</h2>
      <p>
        Load a report of your store's traffic (<code>npx p13n report … --json &gt; REPORT.json</code>) to see which A/B
        tests run in a segment too small to tell a +10% change within 4 weeks.
      </p>
      <input type="file" accept=".json,application/json" aria-label="traffic report" onChange={load} />
      {error && (
        <p class="problem problem--error" role="alert">
          {error}
        </p>
      )}
      {report && !error && warnings === 0 && (
        <p role="status">{report.name}: no test is too small for its segment's traffic.</p>
      )}
      <Problems problems={problems} />
    </section>
  );
}
