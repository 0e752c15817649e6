import { redact, type SessionLog } from '../core/log';
import type { Output } from './options';

/**
 * Server-supplied text (names, replies) may carry terminal escape sequences: control characters
 * other than newline and tab are shown as \\u escapes, never sent to the terminal. So are the
 * bidirectional overrides and isolates and the line separators, which make a name read as another
 * (`invoice\u202Efdp.exe` shows as "invoiceexe.pdf").
 */
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

export function forTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A reader that went away (`ferry ls … | head`) ends the command quietly, as for any Unix
 * tool: there is nobody left to tell.
 */
function endQuietlyWhenReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** Results on stdout; messages, warnings and the verbose log on stderr (secrets masked). */
export function createOutput(json: boolean, verbose: boolean): Output {
  endQuietlyWhenReaderLeaves(process.stdout);
  const secrets = new Set<string>();
  const log: SessionLog = {
    write(level, text) {
      if (verbose) process.stderr.write(`[${level}] ${forTerminal(redact(text, secrets))}\n`);
    },
    addSecret(secret) {
      if (secret) secrets.add(secret);
    },
  };
  return {
    json,
    result: (text) => void process.stdout.write(`${forTerminal(text)}\n`),
    info: (text) => void process.stderr.write(`${forTerminal(text)}\n`),
    warn: (text) => void process.stderr.write(`${forTerminal(text)}\n`),
    log,
  };
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Speeds are fractions of a byte per second too: whole bytes read better ("721 B/s").
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
