/**
 * The visitor simulator: pick a preset or set attributes, and see the segments that match, which rule
 * decides each slot and why, and the content as the shopper would see it (the script's own components
 * and its owner-HTML path, so the preview is what the store renders, minus the theme's CSS).
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ATTRIBUTES, type AttributeSpec } from '../../../core/attributes/registry.js';
import type { Content } from '../../../core/config/types.js';
import type { AttributeValue, Attributes } from '../../../core/types.js';
import { hero, products } from '../../../edge/render/components.js';
import { ownerHtmlFragment } from '../../../edge/render/html.js';
import { PRESETS } from '../presets.js';
import { PredictedScore } from './predicted-score.js';
import { describeContent, simulate } from '../simulate.js';
import type { Json } from './edit.js';

export function SimulatorView({ config }: { readonly config: Json }) {
  const [preset, setPreset] = useState(1);
  const [attributes, setAttributes] = useState<Attributes>(PRESETS[1]!.attributes);
  const [consent, setConsent] = useState(true);
  const [visitorId, setVisitorId] = useState('studio-visitor-1');
  const canExperiment = consent && attributes.bot !== true;
  const result = useMemo(
    () => simulate(config, { id: visitorId, attributes: { ...attributes, consent }, canExperiment }),
    [config, attributes, consent, visitorId, canExperiment],
  );
  const choose = (index: number) => {
    setPreset(index);
    setAttributes(PRESETS[index]!.attributes);
    setConsent(PRESETS[index]!.consent);
  };
  return (
    <section class="panel simulator" aria-label="Visitor simulator">
      <h2>Visitor simulator</h2>
      <label class="field">
        <span>visitor</span>
        <select
          aria-label="visitor preset"
          value={preset}
          onChange={(event) => choose(Number(event.currentTarget.value))}
        >
          {PRESETS.map((p, index) => (
            <option key={p.name} value={index}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field field--check">
        <input
          type="checkbox"
          aria-label="storage consent"
          checked={consent}
          onChange={(event) => setConsent(event.currentTarget.checked)}
        />
        <span>accepted storage (needed for A/B tests and for a signed-in customer's facts to be kept)</span>
      </label>
      <label class="field">
        <span>visitor id</span>
        <input aria-label="visitor id" value={visitorId} onInput={(event) => setVisitorId(event.currentTarget.value)} />
      </label>
      <details class="attributes">
        <summary>Attributes ({ATTRIBUTES.length})</summary>
        <table>
          <tbody>
            {ATTRIBUTES.filter((spec) => spec.name !== 'consent' && spec.name !== 'predicted_purchase').map((spec) => (
              <tr key={spec.name}>
                <th scope="row">{spec.name}</th>
                <td>
                  <AttributeInput
                    spec={spec}
                    value={attributes[spec.name]}
                    onChange={(value) => setAttributes({ ...attributes, [spec.name]: value as AttributeValue })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <PredictedScore predicted={result.predicted} />
      <h3>Segments this visitor is in</h3>
      <ul class="chips" aria-label="matching segments">
        {result.segments.length ? (
          result.segments.map((name) => <li key={name}>{name}</li>)
        ) : (
          <li class="none">none</li>
        )}
      </ul>
      {result.slots.map(({ decision, rules }) => (
        <div class="decision" key={decision.slot} data-decision={decision.slot}>
          <h3>
            {decision.slot}:{' '}
            <span class="decision__rule">
              {decision.rule === null ? 'default' : decision.rule}
              {decision.variant ? ` / ${decision.variant}` : ''}
            </span>
          </h3>
          <p class="decision__reason">
            {decision.reason}; shows {describeContent(decision.content)}
          </p>
          <ol class="decision__rules">
            {rules.map((rule) => (
              <li key={rule.id} class={`outcome outcome--${rule.outcome.replace(' ', '-')}`}>
                <code>{rule.id}</code> {rule.outcome}: {rule.why}
              </li>
            ))}
          </ol>
          <section class="preview" aria-label={`preview of ${decision.slot}`}>
            <Preview content={decision.content} attrs={{ ...attributes, consent }} />
          </section>
        </div>
      ))}
    </section>
  );
}

function Preview({ content, attrs }: { readonly content: Content | null; readonly attrs: Attributes }) {
  if (content === null) return <p class="preview__default">The theme's default content</p>;
  switch (content.type) {
    case 'hide':
      return <p class="preview__default">Hidden</p>;
    case 'hero':
      return <Shopper build={() => hero(document, content, attrs)} />;
    case 'products':
      return Array.isArray(content.items) && content.items.length ? (
        <Shopper build={() => products(document, content, attrs)} />
      ) : (
        <p class="preview__default">Products from the store's catalog (shown on the store)</p>
      );
    case 'html':
      return <OwnerHtml html={content.html} attrs={attrs} />;
  }
}

/** The shopper script's own DOM builders (edge/render/components.ts), mounted as they are on the store. */
function Shopper({ build }: { readonly build: () => Node }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    host.current?.replaceChildren(build());
  });
  return <div ref={host} />;
}

function OwnerHtml({ html, attrs }: { readonly html: string; readonly attrs: Attributes }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    host.current?.replaceChildren(ownerHtmlFragment(document, html, attrs));
  }, [html, attrs]);
  return <div class="p13n-html" ref={host} />;
}

function AttributeInput({
  spec,
  value,
  onChange,
}: {
  readonly spec: AttributeSpec;
  readonly value: unknown;
  readonly onChange: (value: unknown) => void;
}) {
  const label = `attribute ${spec.name}`;
  if (spec.namespace) {
    const text = Object.entries((value ?? {}) as Record<string, number>)
      .map(([k, n]) => `${k}=${n}`)
      .join(', ');
    return (
      <input
        aria-label={label}
        placeholder="running=3, hiking=1"
        defaultValue={text}
        onChange={(event) =>
          onChange(
            Object.fromEntries(
              event.currentTarget.value
                .split(',')
                .map((part) => part.split('=').map((s) => s.trim()))
                .filter(([k, n]) => k && n !== undefined && !Number.isNaN(Number(n)))
                .map(([k, n]) => [k!.toLowerCase(), Number(n)]),
            ),
          )
        }
      />
    );
  }
  if (spec.type === 'boolean') {
    return (
      <select
        aria-label={label}
        value={String(value)}
        onChange={(event) => onChange(event.currentTarget.value === 'true')}
      >
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (spec.values) {
    return (
      <select
        aria-label={label}
        value={value === null || value === undefined ? '' : String(value)}
        onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
      >
        <option value="">(unknown)</option>
        {spec.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  }
  if (spec.type === 'number') {
    return (
      <input
        type="number"
        aria-label={label}
        value={typeof value === 'number' ? value : ''}
        placeholder="(unknown)"
        onInput={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.valueAsNumber)}
      />
    );
  }
  if (spec.type === 'list') {
    return (
      <input
        aria-label={label}
        value={Array.isArray(value) ? value.join(', ') : ''}
        placeholder="(unknown)"
        onInput={(event) =>
          onChange(
            event.currentTarget.value.trim() === ''
              ? null
              : event.currentTarget.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
          )
        }
      />
    );
  }
  return (
    <input
      aria-label={label}
      value={typeof value === 'string' ? value : ''}
      placeholder="(unknown)"
      onInput={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
    />
  );
}
