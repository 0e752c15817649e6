/**
 * Speed limits, as in FileZilla (Settings → Transfers → Speed limits): one for all downloads
 * and one for all uploads. Plain values (no zod): the settings, the renderer and the `ferry`
 * command share them.
 */
export const SPEED_UNITS = ['KiB/s', 'MiB/s'] as const;
export type SpeedUnit = (typeof SPEED_UNITS)[number];

/** A limit as the user typed it: the number and its unit (shown back as typed). */
export interface SpeedLimit {
  value: number;
  unit: SpeedUnit;
}

const UNIT_BYTES: Record<SpeedUnit, number> = { 'KiB/s': 1024, 'MiB/s': 1024 * 1024 };

/** Slower than this is no transfer at all; faster than the maximum is no limit at all. */
export const MIN_LIMIT_BYTES_PER_SECOND = 1024;
export const MAX_LIMIT_BYTES_PER_SECOND = 10 * 1024 ** 3;

export function bytesPerSecond(limit: SpeedLimit): number {
  return Math.round(limit.value * UNIT_BYTES[limit.unit]);
}

/** "1 MiB/s", "512 KiB/s", "1.5 MiB/s". */
export function formatLimit(limit: SpeedLimit): string {
  return `${limit.value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${limit.unit}`;
}

/** Why `value` in `unit` is not a usable limit, in plain words; undefined when it is. */
export function limitProblem(value: number, unit: SpeedUnit): string | undefined {
  if (!Number.isFinite(value) || value <= 0) {
    return 'Enter a speed above 0, like 500 KiB/s or 2 MiB/s.';
  }
  const bytes = value * UNIT_BYTES[unit];
  if (bytes < MIN_LIMIT_BYTES_PER_SECOND) return 'The slowest limit is 1 KiB/s.';
  if (bytes > MAX_LIMIT_BYTES_PER_SECOND) {
    return 'The fastest limit is 10,240 MiB/s; turn the limit off for no limit.';
  }
  return undefined;
}

/** Whether `limit` is a usable limit (see limitProblem). */
export function isSpeedLimit(limit: SpeedLimit): boolean {
  return limitProblem(limit.value, limit.unit) === undefined;
}

const SUFFIX_BYTES: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * A rate as `curl --limit-rate` takes it: bytes per second, or with a suffix K, M or G (powers
 * of 1024; "KiB/s", "MB/s" and the like are read the same way). Answers bytes per second, or
 * the reason it is not a rate.
 */
export function parseRate(text: string): { bytesPerSecond: number } | { problem: string } {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([kmg]?)(?:i?b(?:\/s)?)?\s*$/i.exec(text);
  if (!match) {
    return {
      problem: 'Write a speed like 500K or 2M (bytes per second; K = KiB, M = MiB).',
    };
  }
  const bytes = Math.round(Number(match[1]) * (SUFFIX_BYTES[(match[2] ?? '').toLowerCase()] ?? 1));
  if (bytes < MIN_LIMIT_BYTES_PER_SECOND) {
    return { problem: 'That is too slow: the slowest limit is 1K (1 KiB per second).' };
  }
  if (bytes > MAX_LIMIT_BYTES_PER_SECOND) {
    return { problem: 'That is too fast: the fastest limit is 10G (10 GiB per second).' };
  }
  return { bytesPerSecond: bytes };
}
