import { countryForZone } from '../../../core/classify/location.js';
import { register } from '../register.js';

register('tz', { countryForZone });
