import { createMeasurement } from '../../../edge/track/measure.js';
import { watchDataLayer } from '../../../edge/track/ingest.js';
import { readProductFromJsonLd } from '../../../edge/page/json-ld.js';
import { register } from '../../../edge/chunks/register.js';

register('track', { createMeasurement, watchDataLayer, readProductFromJsonLd });
