/** Summaries of repeated measurements: the median says how fast, the spread says how sure. */

export interface Summary {
  /** Number of samples summarised. */
  n: number;
  median: number;
  min: number;
  max: number;
  /** (max − min) ÷ median, as a fraction (0.1 = the runs differed by 10 % of the median). */
  spread: number;
}

/** Middle value of the samples (mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Median, range and relative spread; undefined when there is nothing to summarise. */
export function summarize(samples: readonly number[]): Summary | undefined {
  const finite = samples.filter((s) => Number.isFinite(s));
  if (finite.length === 0) return undefined;
  const mid = median(finite);
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return { n: finite.length, median: mid, min, max, spread: mid === 0 ? 0 : (max - min) / mid };
}

/** Rate per second for `amount` done in `seconds` (bytes → bytes/s, files → files/s). */
export function rate(amount: number, seconds: number): number {
  if (!(seconds > 0)) throw new RangeError(`a duration must be positive, got ${seconds}`);
  return amount / seconds;
}

/** Ferry ÷ best peer; undefined when either side is missing or the peer is zero. */
export function ratio(ours: number | undefined, best: number | undefined): number | undefined {
  if (ours === undefined || best === undefined || best === 0) return undefined;
  return ours / best;
}
