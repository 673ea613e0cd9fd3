import { classifySource } from '../../../core/classify/source.js';
import { register } from '../../../edge/chunks/register.js';

register('sources', { classifySource });
