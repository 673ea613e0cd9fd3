import { uaFacts } from '../../../core/classify/device.js';
import { register } from '../register.js';

register('ua', { uaFacts });
