import type { EmitEvent } from '../../../shared/contract';
import { CONFLICT_ACTIONS, type ConflictAction } from '../../../shared/contract/settings-values';
import type { TransferJob, TransferTotals } from '../../../shared/contract/transfers';
import type { ErrorInfo } from '../../../shared/errors';
import type { EnqueueRequest } from '../../core/transfers/transfer-queue';
import type { CliConnection } from '../connect';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import type { Output, TransferOptions } from '../options';
import { formatBytes } from '../output';
import { ProgressLine } from '../progress';

export function conflictAction(text: string | undefined): ConflictAction {
  const action = text === 'newer' ? 'overwrite-if-newer' : (text ?? 'overwrite');
  if (!(CONFLICT_ACTIONS as readonly string[]).includes(action)) {
    throw usageError(
      `"${text}" is not a conflict action.`,
      'Use overwrite, newer, resume, rename or skip.',
    );
  }
  return action as ConflictAction;
}

/** The queue's settings from the command's options. */
export function transferSettings(options: TransferOptions, direction: 'upload' | 'download') {
  return {
    parallelTransfers: options.parallel ?? 2,
    retries: options.retries ?? 3,
    defaultConflictAction: conflictAction(options.onConflict),
    excludedNames: options.exclude ?? [],
    // One limit for all the command's files, in the direction they go.
    ...(direction === 'download'
      ? { downloadBytesPerSecond: options.limitRate ?? null }
      : { uploadBytesPerSecond: options.limitRate ?? null }),
  };
}

/** Runs the same transfer engine as the app and reports like a command-line tool. */
export async function runTransfer(
  connection: CliConnection,
  request: Omit<EnqueueRequest, 'sessionId'>,
  options: TransferOptions,
  out: Output,
): Promise<ExitCode> {
  const { TransferQueue } = await import('../../core/transfers/transfer-queue');
  const progress = new ProgressLine(!out.json);
  let totals: TransferTotals | undefined;
  const emit: EmitEvent = (name, payload) => {
    if (name !== 'transfer.totals') return;
    totals = payload as TransferTotals;
    progress.update(totals);
  };
  const queue = new TransferQueue({
    emit,
    connections: () => connection,
    settings: transferSettings(options, request.direction),
  });
  const started = performance.now();
  let stopped: ErrorInfo | undefined;
  try {
    await queue.enqueue({ sessionId: 'cli', ...request });
    // The queue stops itself when every further file would fail the same way (a full disk): the
    // command then ends, saying why once, instead of waiting for a Resume nobody can press.
    stopped = await Promise.race([queue.whenIdle().then(() => undefined), queue.whenHalted()]);
  } finally {
    progress.finish();
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = queue.list();
  await queue.dispose();
  return report(rows, totals, seconds, request.direction, out, stopped);
}

function report(
  rows: TransferJob[],
  totals: TransferTotals | undefined,
  seconds: number,
  direction: 'upload' | 'download',
  out: Output,
  stopped?: ErrorInfo,
): ExitCode {
  const files = rows.filter((row) => row.kind === 'file' || row.error?.code === 'unsafe_name');
  // A folder's own row only summarises its files' failures, unless the folder itself failed.
  const summary = (row: TransferJob) =>
    row.kind === 'folder' && !row.parentId && (row.files?.failed ?? 0) > 0;
  const failed = rows.filter((row) => row.state === 'failed' && !summary(row));
  const unsafe = rows.filter((row) => row.state === 'skipped' && row.error);
  const skipped = rows.filter((row) => row.state === 'skipped' && !row.error && row.note);
  const done = rows.filter((row) => row.kind === 'file' && row.state === 'done');
  const bytes = totals?.bytes ?? done.reduce((sum, row) => sum + row.bytes, 0);
  const left = rows.filter(
    (row) => row.kind === 'file' && (row.state === 'queued' || row.state === 'active'),
  );
  const ok = failed.length === 0 && unsafe.length === 0 && stopped === undefined;
  if (out.json) {
    out.result(
      JSON.stringify({
        ok,
        direction,
        files: {
          total: files.length,
          done: done.length,
          failed: failed.length,
          skipped: unsafe.length + skipped.length,
        },
        bytes,
        seconds: Math.round(seconds * 1000) / 1000,
        ...(stopped ? { stopped, notTransferred: left.map((row) => row.name) } : {}),
        failures: failed.map((row) => ({ name: row.name, ...row.error })),
        skipped: [...unsafe, ...skipped].map((row) => ({
          name: row.name,
          reason: row.error?.message ?? row.note,
        })),
      }),
    );
  } else {
    for (const row of failed) {
      out.warn(
        `failed: ${row.name}: ${row.error?.message ?? 'unknown error'}${row.error?.hint ? ` (${row.error.hint})` : ''}`,
      );
    }
    for (const row of unsafe) out.warn(`skipped: ${row.error?.message ?? row.name}`);
    if (stopped) {
      out.warn(`stopped: ${stopped.message}${stopped.hint ? ` (${stopped.hint})` : ''}`);
      out.warn(`${left.length} file${left.length === 1 ? ' was' : 's were'} not transferred.`);
    }
    for (const row of skipped) out.info(`${row.name}: ${row.note ?? 'skipped'}`);
    const verb = direction === 'download' ? 'Downloaded' : 'Uploaded';
    const rate = seconds > 0 ? `, ${formatBytes(bytes / seconds)}/s` : '';
    out.info(
      `${verb} ${done.length} file${done.length === 1 ? '' : 's'} (${formatBytes(bytes)}) in ${seconds.toFixed(2)} s${rate}.`,
    );
  }
  return ok ? EXIT.ok : EXIT.transfer;
}
