/**
 * Save found the file changed on disk since the studio read it (the owner's editor, git, another
 * studio): nothing was written. The owner sees what differs between the two versions, by segment and
 * slot, and chooses which one to keep; neither side is lost without being asked.
 */
import { isObject, type Json } from './edit.js';

export interface DiskVersion {
  /** The file's text now; null when it was deleted. */
  readonly text: string | null;
  readonly version: string;
}

/** What differs, in words: `segment "vip": only on disk`, `slot "hero": changed on both sides`… */
export function differences(mine: Json, disk: Json): string[] {
  const lines: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    const here = isObject(a) ? a : {};
    const there = isObject(b) ? b : {};
    for (const name of new Set([...Object.keys(here), ...Object.keys(there)])) {
      const inHere = Object.prototype.hasOwnProperty.call(here, name);
      const inThere = Object.prototype.hasOwnProperty.call(there, name);
      if (!inThere) lines.push(`${what} "${name}": only here`);
      else if (!inHere) lines.push(`${what} "${name}": only on disk`);
      else if (JSON.stringify(here[name]) !== JSON.stringify(there[name])) lines.push(`${what} "${name}": different`);
    }
  };
  compare('segment', mine.segments, disk.segments);
  compare('slot', mine.slots, disk.slots);
  const { segments: _s, slots: _l, $schema: _m, ...mineRest } = mine;
  const { segments: _t, slots: _k, $schema: _d, ...diskRest } = disk;
  compare('setting', mineRest, diskRest);
  return lines;
}

export function ConflictPanel({
  name,
  mine,
  disk,
  onKeepMine,
  onLoadDisk,
}: {
  readonly name: string;
  readonly mine: Json;
  readonly disk: DiskVersion;
  readonly onKeepMine: () => void;
  readonly onLoadDisk: () => void;
}) {
  let parsed: Json | null = null;
  try {
    const json: unknown = disk.text === null ? null : JSON.parse(disk.text);
    parsed = isObject(json) ? json : null;
  } catch {
    parsed = null;
  }
  const lines = parsed ? differences(mine, parsed) : [];
  return (
    <section class="panel conflict" aria-label="save conflict">
      <h2>
        {name} {disk.text === null ? 'was deleted' : 'changed on disk'} since the studio read it
      </h2>
      <p>
        Another program wrote it (an editor, git, another studio), so nothing was saved. Choose which version to keep:
        the other one's changes are lost.
      </p>
      {disk.text !== null && parsed === null && <p>The file on disk is not a valid config now.</p>}
      {lines.length > 0 && (
        <ul class="conflict__differences" aria-label="differences">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <div class="conflict__choices">
        <button type="button" class="primary" onClick={onKeepMine}>
          Keep mine: overwrite the file
        </button>
        <button type="button" onClick={onLoadDisk}>
          Load the file: discard my changes
        </button>
      </div>
    </section>
  );
}
