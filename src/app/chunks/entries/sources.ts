import { classifySource } from '../../../core/classify/source.js';
import { register } from '../register.js';

register('sources', { classifySource });
