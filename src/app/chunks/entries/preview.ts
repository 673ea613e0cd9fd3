import { forcedBy, startPreview } from '../../../edge/preview/preview.js';
import { showBadgeWhenReady } from '../../../edge/preview/badge.js';
import { register } from '../../../edge/chunks/register.js';

register('preview', { startPreview, forcedBy, showBadgeWhenReady });
