/**
 * Console output of the script: one `[p13n]` warning per cause, so a store owner sees exactly what
 * went wrong once, and a shopper's console is never flooded by a failure that repeats on every event.
 */
export type Warn = (cause: string, message: string) => void;

export function createWarner(output: Pick<Console, 'warn'> = console): Warn & { readonly causes: ReadonlySet<string> } {
  const causes = new Set<string>();
  const warn = (cause: string, message: string) => {
    if (causes.has(cause)) return;
    causes.add(cause);
    // A try of its own, not ../guard.ts's attempt: guard.ts reports through this module.
    try {
      output.warn(`[p13n] ${message}`);
    } catch {
      // A console replaced by something that throws must not take the page down with it.
    }
  };
  return Object.assign(warn, { causes });
}

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
