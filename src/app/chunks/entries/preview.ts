import { forcedBy, startPreview } from '../../../edge/preview/preview.js';
import { showBadgeWhenReady } from '../../../edge/preview/badge.js';
import { register } from '../register.js';

register('preview', { startPreview, forcedBy, showBadgeWhenReady });
