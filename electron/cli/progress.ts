import type { TransferTotals } from '../../shared/contract/transfers';
import { formatBytes, formatSeconds } from './output';

/** One line on a terminal's stderr, redrawn as totals arrive; silent elsewhere. */
export class ProgressLine {
  private readonly live: boolean;
  private drawn = false;

  constructor(enabled: boolean) {
    this.live = enabled && process.stderr.isTTY === true;
  }

  update(totals: TransferTotals): void {
    if (!this.live) return;
    const percent = totals.total > 0 ? Math.floor((totals.bytes / totals.total) * 100) : 100;
    const files = totals.done + totals.failed + totals.skipped + totals.cancelled;
    const all = files + totals.queued + totals.active;
    const eta = totals.eta === null ? '' : `  ETA ${formatSeconds(totals.eta)}`;
    const line =
      `${String(percent).padStart(3)}%  ${formatBytes(totals.bytes)} / ${formatBytes(totals.total)}` +
      `  ${formatBytes(totals.speed)}/s${eta}  ${files}/${all} files` +
      (totals.failed > 0 ? `  ${totals.failed} failed` : '');
    const width = process.stderr.columns ?? 80;
    process.stderr.write(`\r${line.slice(0, width - 1).padEnd(Math.min(width - 1, 79))}`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) process.stderr.write('\n');
    this.drawn = false;
  }
}
