/**
 * The `p13n` command line: one module per command, loaded on demand. Each command gets its
 * arguments and output streams and returns an exit code, so tests call it without a subprocess.
 */

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly cwd: string;
}

export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

/** Commands register here: `name: { summary, load: () => import('./name.js').then((m) => m.run) }`. */
const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    summary: 'check config files or pages for mistakes',
    load: () => import('./validate.js').then((m) => m.run),
  },
  studio: {
    summary: 'edit a config in a local page, with a visitor simulator',
    load: () => import('./studio.js').then((m) => m.run),
  },
  report: {
    summary: 'A/B test results from the beacon records (NDJSON)',
    load: () => import('./report.js').then((m) => m.run),
  },
  learn: {
    summary: 'a purchase-intent model from your own data (predicted_purchase)',
    load: () => import('./learn.js').then((m) => m.run),
  },
  shopify: {
    summary: 'theme files for a Shopify store (snippet + assets)',
    load: () => import('./shopify.js').then((m) => m.run),
  },
  snippet: {
    summary: 'the <head> install of a config for any platform (HTML), decided before the first paint',
    load: () => import('./snippet.js').then((m) => m.run),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  p13n ${name.padEnd(10)} ${entry.summary}`);
  return ['usage:', ...lines, ''].join('\n');
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr.write(`p13n: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return (await entry.load())(args, io);
}
