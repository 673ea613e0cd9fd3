import type { Page } from 'playwright-core';

export type SlotState = 'absent' | 'hidden' | 'default' | 'personalized';

export interface SlotReport {
  /** ms from navigation start of the first frame that painted the slot visible; null if none did. */
  readonly revealedAt: number | null;
  readonly hiddenFrames: number;
  /** A frame showed the default content and a later one the personalized content. */
  readonly flicker: boolean;
  readonly final: SlotState;
  readonly frames: number;
}

export interface PaintReport<K extends string> {
  readonly slots: Record<K, SlotReport>;
  readonly longTasks: readonly number[];
  /** ms from navigation start of the `p13n:ready` event. */
  readonly readyAt: number | null;
  /** ms from navigation start of the page's first paint. */
  readonly firstPaint: number;
}

export function recordPaints(slots: Record<string, string>): void;
export function paintReport<K extends string>(page: Page, slots: Record<K, string>): Promise<PaintReport<K>>;
