/**
 * `p13n studio [CONFIG] [--port N]`: edit a config in a local page (segments with autocomplete, slots
 * and their rules, a visitor simulator) and save it back. Runs until interrupted (Ctrl+C).
 */
import type { Command } from './main.js';

const USAGE = 'usage: p13n studio [CONFIG.json] [--port N]   (default p13n.json; port 0 = any free port)\n';

export const run: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  let port = 0;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = arg === '--port' ? args[++i] : arg.startsWith('--port=') ? arg.slice(7) : undefined;
    if (value !== undefined || arg === '--port') {
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return usage(io, `p13n studio: --port needs a number from 0 to 65535\n`);
    } else if (arg.startsWith('-')) return usage(io, `p13n studio: unknown option ${arg}\n`);
    else files.push(arg);
  }
  if (files.length > 1) return usage(io, 'p13n studio: one config file at a time\n');
  const { resolve } = await import('node:path');
  const { startStudio } = await import('../studio/server.js');
  const file = files[0] ?? 'p13n.json';
  const studio = await startStudio({ file: resolve(io.cwd, file), port, name: file });
  io.stdout.write(`p13n studio for ${file}: ${studio.url}\n(only this computer can open it; Ctrl+C to stop)\n`);
  await new Promise<void>((stop) => {
    const end = () => {
      process.off('SIGINT', end);
      process.off('SIGTERM', end);
      stop();
    };
    process.once('SIGINT', end);
    process.once('SIGTERM', end);
  });
  await studio.close();
  return 0;
};

function usage(io: Parameters<Command>[1], message: string): number {
  io.stderr.write(`${message}${USAGE}`);
  return 2;
}
