/** How far back speed looks: long enough to be steady, short enough to follow a change. */
const WINDOW_MS = 3_000;

/** Bytes per second over the last few seconds, from a running byte count. */
export class SpeedMeter {
  private readonly samples: { at: number; bytes: number }[] = [];

  record(bytes: number, at: number): void {
    const last = this.samples.at(-1);
    if (last && bytes < last.bytes) this.samples.length = 0; // restarted from scratch
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? at) < at - WINDOW_MS) {
      this.samples.shift();
    }
  }

  /** 0 until two samples at least a tenth of a second apart exist. */
  speed(now: number): number {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last) return 0;
    // Nothing new for a whole window: the transfer stalled.
    if (now - last.at > WINDOW_MS) return 0;
    const elapsed = Math.max(now, last.at) - first.at;
    if (elapsed < 100) return 0;
    return ((last.bytes - first.bytes) * 1000) / elapsed;
  }

  reset(): void {
    this.samples.length = 0;
  }
}

/** Seconds left at `speed`, or null when it cannot be told. */
export function etaSeconds(remaining: number, speed: number): number | null {
  if (remaining <= 0) return 0;
  if (speed <= 0) return null;
  return Math.ceil(remaining / speed);
}
