/** The arguments of `p13n report`, checked, or the reason in words they are not. Pure. */
import { DEFAULT_FLOOR, type Metric } from './allocate.js';

const DATASET = /^[A-Za-z0-9][\w:.-]*\.\w+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface Options {
  readonly files: string[];
  readonly ga4: boolean;
  readonly rows: boolean;
  readonly sql: string | null;
  readonly from?: string;
  readonly to?: string;
  readonly segments: boolean;
  /** `--json`: REPORT.json on standard output instead of the text. */
  readonly json: boolean;
  /** `--allocate CONFIG`: the config file to write new weights into. */
  readonly allocate: string | null;
  readonly metric: Metric;
  /** `--floor PERCENT`, as a share. */
  readonly floor: number;
}

export function parseArgs(args: readonly string[]): Options | string {
  const files: string[] = [];
  let ga4 = false;
  let rows = false;
  let sql: string | null = null;
  let from: string | undefined;
  let to: string | undefined;
  let segments = true;
  let json = false;
  let allocate: string | null = null;
  let metric: string | null = null;
  let floor: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => (i + 1 < args.length ? args[++i]! : '');
    if (arg === '--no-segments') segments = false;
    else if (arg === '--ga4') ga4 = true;
    else if (arg === '--rows') rows = true;
    else if (arg === '--json') json = true;
    else if (arg === '--ga4-sql') sql = value();
    else if (arg === '--from') from = value();
    else if (arg === '--to') to = value();
    else if (arg === '--allocate') allocate = value();
    else if (arg === '--metric') metric = value();
    else if (arg === '--floor') floor = value();
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (sql !== null) {
    if (!DATASET.test(sql))
      return `--ga4-sql needs PROJECT.DATASET (the dataset GA4 exports to, e.g. my-project.analytics_123456789), not '${sql}'`;
    const bad = [from, to].find((d) => d !== undefined && !DATE.test(d));
    if (bad !== undefined) return `--from and --to take a date as YYYY-MM-DD, not '${bad}'`;
    if (files.length) return 'with --ga4-sql, give no files: the query runs in BigQuery';
    if (allocate !== null || json) return '--allocate and --json read the result rows: run --rows on them';
  } else if (files.length === 0 || from || to) {
    return from || to ? '--from and --to go with --ga4-sql' : '';
  }
  if (allocate === '') return '--allocate needs the config file to write the new weights into';
  if (metric !== null && metric !== 'conversion' && metric !== 'revenue')
    return `--metric is conversion or revenue, not '${metric}'`;
  if ((metric !== null || floor !== null) && allocate === null) return '--metric and --floor go with --allocate';
  const floorShare = floor === null ? DEFAULT_FLOOR : Number(floor) / 100;
  if (!(floorShare >= 0 && floorShare <= 0.5) || (floor !== null && !/^\d+(\.\d+)?$/.test(floor)))
    return `--floor is the least percentage of a test's traffic each variant keeps, from 0 to 50, not '${floor}'`;
  return {
    files,
    ga4,
    rows,
    sql,
    segments,
    json,
    allocate,
    metric: (metric ?? 'conversion') as Metric,
    floor: floorShare,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
