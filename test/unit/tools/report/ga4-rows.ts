/**
 * Beacon records → the GA4 BigQuery export rows the same traffic makes when GTM forwards the script's
 * dataLayer events (README "In GA4") and the store's own GA4 tag sends `purchase`: the rows as
 * `bq extract --destination_format NEWLINE_DELIMITED_JSON` writes them (INT64 as strings), for tests.
 */
import {
  conversionDataLayer,
  exposureDataLayer,
  type BeaconRecord,
  type DataLayerEvent,
} from '../../../../src/core/track/records.js';

type Param = { key: string; value: { string_value?: string; int_value?: string; double_value?: number } };

const param = (key: string, value: string | number): Param =>
  typeof value === 'string'
    ? { key, value: { string_value: value } }
    : Number.isInteger(value)
      ? { key, value: { int_value: String(value) } }
      : { key, value: { double_value: value } };

function row(ts: number, visitor: string, event: DataLayerEvent, ecommerce: object | null = null) {
  const { event: name, ...params } = event;
  return {
    event_date: new Date(ts).toISOString().slice(0, 10).replace(/-/g, ''),
    event_timestamp: String(ts * 1000),
    event_name: name,
    user_pseudo_id: visitor,
    event_params: [param('ga_session_id', 1), ...Object.entries(params).map(([key, value]) => param(key, value))],
    ecommerce,
  };
}

export function ga4Rows(record: BeaconRecord): object[] {
  if (record.type === 'exposure') {
    return [
      row(record.ts, record.visitor, { event: 'page_view', page_location: 'https://shop.example/' }),
      row(record.ts, record.visitor, exposureDataLayer(record)),
    ];
  }
  if (record.type === 'dropped') return []; // the browser's own count: GA4 has no such event
  if (record.type === 'pageview') return []; // GA4 has its own page_view events
  const purchase = {
    event: 'purchase',
    value: record.value,
    currency: record.currency ?? '',
    transaction_id: record.transaction_id ?? '',
  };
  return [
    ...conversionDataLayer(record).map((event) => row(record.ts, record.visitor, event)),
    row(record.ts, record.visitor, purchase, { transaction_id: record.transaction_id, purchase_revenue: record.value }),
  ];
}
