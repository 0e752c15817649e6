/** Progress lines on stderr: how far along, how long so far, what just happened. */

export interface Progress {
  setTotal(total: number): void;
  step(what: string, outcome: string): void;
  note(text: string): void;
}

export function createProgress(startedAt = performance.now()): Progress {
  let total = 0;
  let done = 0;
  const elapsed = (): string => {
    const s = Math.round((performance.now() - startedAt) / 1000);
    return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  };
  return {
    setTotal(n) {
      total = n;
      done = 0;
    },
    step(what, outcome) {
      done++;
      const width = String(total).length;
      process.stderr.write(
        `[${String(done).padStart(width)}/${total} ${elapsed()}] ${what}: ${outcome}\n`,
      );
    },
    note(text) {
      process.stderr.write(`[${elapsed()}] ${text}\n`);
    },
  };
}
