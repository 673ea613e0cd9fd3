import { uaFacts } from '../../../core/classify/device.js';
import { register } from '../../../edge/chunks/register.js';

register('ua', { uaFacts });
