import { mountPanel } from '../../../tools/debug-panel/panel.js';
import { register } from '../../../edge/chunks/register.js';

register('debug', { mountPanel });
