import { attempt } from './guard.js';

/**
 * The visitor id used for A/B bucketing: 128 random bits, hex. `crypto.getRandomValues` works on plain
 * http pages too (unlike `crypto.randomUUID`, which needs a secure context).
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  if (!attempt(() => (crypto.getRandomValues(bytes), true), false))
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
