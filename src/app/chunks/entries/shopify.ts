import { start } from '../../../edge/shopify/chunk.js';
import { register } from '../../../edge/chunks/register.js';

register('shopify', { start });
