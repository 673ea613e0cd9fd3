/**
 * The studio page: the config's segments, slots and a visitor simulator side by side, the validator
 * run on every change (pure, the same code as `p13n validate`), and Save, which the local server
 * validates again before it writes the file.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { validateConfig, validateConfigText, type ValidationProblem } from '../../../core/config/validate.js';
import { countOf, summary } from '../../cli/print-problems.js';
import type { ConfigPayload } from '../server.js';
import { ConflictPanel, type DiskVersion } from './conflict.js';
import { edited, isObject, type Json } from './edit.js';
import { ModelCard } from './model-card.js';
import { Problems } from './problems.js';
import { SegmentsView } from './segments-view.js';
import { ShopifyPanel, type FetchInstall } from './shopify-panel.js';
import { SimulatorView } from './simulator-view.js';
import { SlotsView } from './slots-view.js';
import { TrafficPanel } from './traffic-panel.js';

/** `base`: the version of the file the edits started from; the server refuses a save over another. */
export type SaveRequest = (
  text: string,
  base: string,
) => Promise<{
  ok: boolean;
  text?: string;
  version?: string;
  problems: readonly ValidationProblem[];
  conflict?: DiskVersion;
}>;

const EMPTY: Json = { segments: {}, slots: {} };

/** The config to edit from the file's text (null: no file yet), and why it could not be read, if so. */
function initial(text: string | null, schema: string): { config: Json; broken: readonly ValidationProblem[] } {
  if (text === null) return { config: { $schema: schema, ...EMPTY }, broken: [] };
  const problems = validateConfigText(text);
  if (problems[0]?.code === 'json') return { config: EMPTY, broken: problems };
  const json: unknown = JSON.parse(text);
  return { config: isObject(json) ? json : EMPTY, broken: isObject(json) ? [] : problems };
}

export function App({
  payload,
  save,
  fetchInstall,
}: {
  readonly payload: ConfigPayload;
  readonly save: SaveRequest;
  readonly fetchInstall: FetchInstall;
}) {
  const start = useMemo(() => initial(payload.text, payload.schema), [payload]);
  const [config, setConfig] = useState<Json>(start.config);
  const [saved, setSaved] = useState<string>(JSON.stringify(start.config));
  const [base, setBase] = useState(payload.version);
  const [conflict, setConflict] = useState<DiskVersion | null>(null);
  const [status, setStatus] = useState<string>(
    payload.text === null ? `${payload.name} does not exist yet: Save creates it` : '',
  );
  const [broken, setBroken] = useState(start.broken);
  const problems = useMemo(() => validateConfig(config), [config]);
  const counts = countOf(problems);
  const dirty = JSON.stringify(config) !== saved;
  useEffect(() => {
    if (!dirty) return undefined;
    // Closing the tab with unsaved edits asks first: they live only in this page.
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', ask);
    return () => removeEventListener('beforeunload', ask);
  }, [dirty]);
  const edit = (change: (draft: Json) => void) => {
    setConfig((current) => edited(current, change));
    setStatus('');
  };
  const segments = isObject(config.segments) ? Object.keys(config.segments) : [];
  const onSave = async (from = base) => {
    setStatus('Saving…');
    try {
      const result = await save(JSON.stringify(config, null, 2), from);
      if (result.ok && result.text) {
        const written = JSON.parse(result.text) as Json;
        setConfig(written);
        setSaved(JSON.stringify(written));
        setBase(result.version ?? base);
        setConflict(null);
        setBroken([]);
        setStatus(`Saved ${payload.name}`);
      } else if (result.conflict) {
        setConflict(result.conflict);
        setStatus(`Not saved: ${payload.name} changed on disk, choose below`);
      } else setStatus(`Not saved: ${summary(countOf(result.problems))}`);
    } catch (error) {
      setStatus(`Not saved: ${(error as Error).message}`);
    }
  };
  const loadDisk = (disk: DiskVersion) => {
    const next = initial(disk.text, payload.schema);
    setConfig(next.config);
    setSaved(JSON.stringify(next.config));
    setBroken(next.broken);
    setBase(disk.version);
    setConflict(null);
    setStatus(`Loaded ${payload.name} from disk`);
  };
  return (
    <div class="studio">
      <header class="studio__bar">
        <h1>
          p13n studio <span class="studio__file">{payload.name}</span>
        </h1>
        <span
          class={`studio__summary${counts.errors ? ' studio__summary--error' : ''}`}
          role="status"
          aria-label="problems"
        >
          {summary(counts)}
        </span>
        <button
          type="button"
          class="primary"
          disabled={counts.errors > 0 || (!dirty && payload.text !== null && broken.length === 0)}
          onClick={() => onSave()}
          title={counts.errors ? 'Fix the errors first: the script would turn those parts off' : ''}
        >
          Save
        </button>
        <span class="studio__status" role="status" aria-label="save status">
          {dirty && !status ? 'unsaved changes' : status}
        </span>
      </header>
      {conflict && (
        <ConflictPanel
          name={payload.name}
          mine={config}
          disk={conflict}
          onKeepMine={() => onSave(conflict.version)}
          onLoadDisk={() => loadDisk(conflict)}
        />
      )}
      {broken.length > 0 && (
        <div class="panel">
          <h2>{payload.name} could not be read</h2>
          <Problems problems={broken} />
          <p>The studio starts from an empty config; Save replaces the file.</p>
        </div>
      )}
      <Problems problems={problems.filter((p) => !p.path.startsWith('segments') && !p.path.startsWith('slots'))} />
      <main class="studio__columns">
        <div class="studio__edit">
          <SegmentsView config={config} edit={edit} problems={problems} />
          <ModelCard config={config} edit={edit} />
          <SlotsView config={config} edit={edit} problems={problems} segments={segments} />
          <ShopifyPanel name={payload.name} config={config} fetchInstall={fetchInstall} />
          <TrafficPanel config={config} />
        </div>
        <SimulatorView config={config} />
      </main>
    </div>
  );
}
