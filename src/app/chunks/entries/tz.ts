import { countryForZone } from '../../../core/classify/location.js';
import { hemisphereOf } from '../../../core/classify/season.js';
import { register } from '../../../edge/chunks/register.js';

register('tz', { countryForZone, hemisphereOf });
