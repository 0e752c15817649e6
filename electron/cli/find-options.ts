import { type Command, InvalidArgumentError } from 'commander';

/**
 * How far `ferry find` goes at most. The app's caps (SEARCH_CAPS in shared/contract/search.ts)
 * are not imported: that module loads zod, which would cost every command ~55 ms of start-up.
 */
const MOST = { depth: 100, results: 100_000 } as const;

/** "1500", "10K", "2.5M", "1G" (K = KiB, M = MiB, G = GiB) in bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMG]?)i?B?$/i.exec(text.trim());
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match?.[2]?.toUpperCase() ?? ''];
  const bytes = match && unit ? Math.round(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes)) {
    throw new InvalidArgumentError(`"${text}" is not a size: write bytes, or 10K, 2M, 1G.`);
  }
  return bytes;
}

/**
 * "2026-01-31" (that day's start, local time), a full ISO time, or "7d" / "12h" (that long ago),
 * as epoch ms.
 */
export function parseWhen(text: string, now = Date.now()): number {
  const ago = /^(\d+)([dh])$/.exec(text.trim());
  if (ago) return now - Number(ago[1]) * (ago[2] === 'd' ? 86_400_000 : 3_600_000);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const when = day
    ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime()
    : /^\d{4}-\d{2}-\d{2}T/.test(text.trim())
      ? Date.parse(text.trim())
      : Number.NaN;
  if (!Number.isFinite(when)) {
    throw new InvalidArgumentError(
      `"${text}" is not a date: write 2026-01-31, 2026-01-31T12:00, or 7d / 12h for that long ago.`,
    );
  }
  return when;
}

function whole(min: number, max: number, flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** The search options of `ferry find`. */
export function withFindOptions(command: Command): Command {
  const { depth, results } = MOST;
  return command
    .option('--name <PATTERN>', 'the whole name matches: * any characters, ? one; "a;b" either')
    .option('--match-case', 'tell capitals from small letters in --name')
    .option('--larger <SIZE>', 'files larger than this: bytes, or 10K, 2M, 1G', parseSize)
    .option('--smaller <SIZE>', 'files smaller than this', parseSize)
    .option(
      '--newer <WHEN>',
      'modified at or after: 2026-01-31, an ISO time, or 7d / 12h ago',
      (t) => parseWhen(t),
    )
    .option('--older <WHEN>', 'modified before', (t) => parseWhen(t))
    .option('--folders', 'folders whose name matches are results too')
    .option('--depth <N>', 'levels of subfolders to search', whole(0, depth, '--depth'), depth)
    .option(
      '--max-results <N>',
      'stop after this many',
      whole(1, results, '--max-results'),
      results,
    );
}
