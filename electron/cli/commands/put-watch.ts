/**
 * `ferry put -r --watch FOLDER URL`: after the upload, keeps the server's copy up to date with
 * the app's engine ("Keep the server folder up to date"): every new or changed file is sent once
 * it holds still, a line each ("uploaded: css/site.css"); new folders are made; nothing is
 * deleted on the server. Ctrl+C stops watching and lets the uploads under way finish (a second
 * Ctrl+C cancels them); the folder going ends it too, saying so.
 */
import type { KeepUpState } from '../../../shared/contract/keepup';
import { nameFilter } from '../../../shared/name-filter';
import { KeepUp, type JobView } from '../../core/keepup/keep-up';
import type { CliConnection } from '../connect';
import { EXIT, type ExitCode } from '../exit-codes';
import type { Output, TransferOptions } from '../options';
import { transferSettings } from './transfer';

export async function keepWatching(
  connection: CliConnection,
  folders: { localRoot: string; remoteRoot: string },
  options: TransferOptions,
  out: Output,
): Promise<ExitCode> {
  const { TransferQueue } = await import('../../core/transfers/transfer-queue');
  // The upload's queue closed the first connection: folders are made on one of the watch's own.
  const browsing = await connection.open();
  const queue = new TransferQueue({
    emit: () => undefined,
    connections: () => connection,
    settings: transferSettings(options, 'upload'),
  });
  let ended: (state: KeepUpState) => void = () => undefined;
  const end = new Promise<KeepUpState>((resolve) => (ended = resolve));
  const tell = (event: string, path: string, more: object = {}) => {
    if (out.json) out.result(JSON.stringify({ event, path, ...more }));
  };
  const keeper = new KeepUp(
    { sessionId: 'cli', ...folders, deleteOnServer: false },
    {
      emit: (state) => {
        if (!state.running) ended(state);
      },
      browsing: () => browsing,
      enqueue: (request) => queue.enqueue(request),
      job: (id) => {
        const job = queue.job(id);
        if (!job) return undefined;
        const { state, attempts, finishedAt, error } = job.row;
        const view: JobView = { state, attempts };
        if (finishedAt !== undefined) view.finishedAt = finishedAt;
        if (error) view.error = error;
        return view;
      },
      cancel: (id) => queue.cancel(id),
      exclude: nameFilter(options.exclude ?? []),
      log: (text) => out.warn(text),
      ended: () => undefined,
      transferEnded: (path, job) => {
        if (job.state === 'done') {
          out.info(`uploaded: ${path}`);
          tell('uploaded', path);
        } else {
          const hint = job.error?.hint ? ` (${job.error.hint})` : '';
          out.warn(`failed: ${path}: ${job.error?.message ?? 'unknown error'}${hint}`);
          tell('failed', path, job.error ? { error: job.error } : {});
        }
      },
    },
  );
  try {
    await keeper.start();
  } catch (error) {
    await browsing.close();
    throw error;
  }
  // The watcher's own timer and notices do not hold the process open: this does, until the end.
  const alive = setInterval(() => undefined, 60_000);
  out.info(`Watching ${folders.localRoot} for changes (Ctrl+C ends)…`);
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) keeper.stop('user');
    else queue.cancelAll();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    const last = await end;
    await queue.whenIdle();
    if (last.stoppedBecause === 'folderGone') {
      out.warn(`stopped: ${folders.localRoot} is gone (deleted, moved or replaced by another).`);
    } else if (last.stoppedBecause !== 'user') {
      const hint = last.error?.hint ? ` (${last.error.hint})` : '';
      out.warn(`stopped: ${last.error?.message ?? 'something went wrong'}${hint}`);
    }
    const failed = queue.list().filter((row) => row.state === 'failed').length;
    out.info(`Kept up to date: ${last.uploaded} file${last.uploaded === 1 ? '' : 's'} uploaded.`);
    if (out.json) out.result(JSON.stringify({ ok: failed === 0, uploaded: last.uploaded, failed }));
    return failed === 0 && last.stoppedBecause === 'user' ? EXIT.ok : EXIT.transfer;
  } finally {
    clearInterval(alive);
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    await queue.dispose();
    await browsing.close().catch(() => undefined);
  }
}
