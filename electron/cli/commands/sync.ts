import { stat } from 'node:fs/promises';
import { posix, relative, resolve } from 'node:path';
import type { EmitEvent } from '../../../shared/contract';
import type {
  SyncItem,
  SyncOptions,
  SyncPlanned,
  SyncRunResult,
} from '../../../shared/contract/sync';
import type { TransferJob, TransferTotals } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import { ACTION_PHRASE, LEFT_ALONE_TEXT, REASON_TEXT } from '../../../shared/sync-words';
import { createLocalHandlers } from '../../core/local/local-fs';
import { SyncManager } from '../../core/sync/sync-manager';
import { TransferQueue } from '../../core/transfers/transfer-queue';
import { connect } from '../connect';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import type { Output } from '../options';
import { formatBytes } from '../output';
import { ProgressLine } from '../progress';
import type { SyncCliOptions } from '../sync-options';

const DIRECTION = { up: 'upload', down: 'download', both: 'both' } as const;

/** How each action starts its line in the plan: the same width, so the paths line up. */
const VERB: Record<SyncItem['action'], string> = {
  upload: 'upload       ',
  download: 'download     ',
  deleteRemote: 'delete there ',
  deleteLocal: 'delete here  ',
};

/**
 * `ferry sync LOCAL URL --direction up|down|both`: the app's Synchronize folders, with its engine
 * and rules (core/sync: exclusions on both sides, links left alone, folders that cannot be read
 * named and never taken for empty, deletions only with --delete and only of what the plan
 * showed). Prints the plan, one line per action with its reason, and a summary; then, unless
 * --dry-run, does it. Deleting on this computer is permanent (no trash here).
 */
export async function sync(
  local: string,
  url: string,
  options: SyncCliOptions,
  out: Output,
): Promise<ExitCode> {
  const localRoot = resolve(local);
  const found = await stat(localRoot).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw usageError(
      found ? `${local} is not a folder.` : `${local} does not exist.`,
      'ferry sync synchronizes a folder here with a folder on the server; create it first.',
    );
  }
  if (options.delete && options.direction === 'both') {
    throw usageError(
      '--delete works with --direction up or down only.',
      'Both ways, a file only on one side is copied to the other, never deleted.',
    );
  }
  if (options.mirror && options.direction === 'both') {
    throw usageError(
      '--mirror works with --direction up or down only.',
      'Both ways, the newer copy always wins.',
    );
  }
  const syncOptions: SyncOptions = {
    direction: DIRECTION[options.direction],
    deleteExtra: options.delete === true,
    compareBy: options.sizeOnly ? 'sizeOnly' : 'timeAndSize',
    recursive: true,
    mirror: options.mirror === true,
  };

  const connection = await connect(url, options, out);
  // The first connection looks and deletes; the comparison and each transfer open their own.
  const browsing = await connection.open();
  const progress = new ProgressLine(!out.json && options.dryRun !== true);
  let totals: TransferTotals | undefined;
  let planned: ((plan: SyncPlanned) => void) | undefined;
  const whenPlanned = new Promise<SyncPlanned>((resolve) => (planned = resolve));
  const emit: EmitEvent = (name, payload) => {
    if (name === 'sync.planned') planned?.(payload as SyncPlanned);
    if (name !== 'transfer.totals') return;
    totals = payload as TransferTotals;
    progress.update(totals);
  };
  const limit = options.limitRate ?? null;
  const queue = new TransferQueue({
    emit,
    connections: () => connection,
    settings: {
      parallelTransfers: options.parallel ?? 2,
      retries: options.retries ?? 3,
      defaultConflictAction: 'overwrite',
      excludedNames: options.exclude ?? [],
      downloadBytesPerSecond: limit,
      uploadBytesPerSecond: limit,
    },
  });
  const { 'local.delete': deleteHere } = createLocalHandlers({ deleteMode: 'permanent' });
  const syncs = new SyncManager({
    emit,
    open: () => connection.open(),
    browsing: () => browsing,
    serverTimeOffset: () => 0,
    excludedNames: async () => options.exclude ?? [],
    enqueue: (request) => queue.enqueue(request),
    deleteLocal: (paths) => deleteHere({ paths }),
  });
  try {
    const remoteRoot = connection.target.path;
    syncs.start({ pageId: 'cli', sessionId: 'cli', localRoot, remoteRoot, options: syncOptions });
    const plan = await whenPlanned;
    if (plan.outcome !== 'done') throw notPlanned(plan);
    printPlan(plan, out);
    if (options.dryRun) {
      if (!out.json) out.info('Dry run: nothing was changed.');
      else
        out.result(
          JSON.stringify({ ok: plan.unreadableCount === 0, dryRun: true, ...shown(plan) }),
        );
      return plan.unreadableCount === 0 ? EXIT.ok : EXIT.transfer;
    }
    const started = performance.now();
    let result: SyncRunResult;
    try {
      result = await syncs.run(
        plan.syncId,
        plan.items.map((item) => item.id),
      );
      await queue.whenIdle();
    } finally {
      progress.finish();
    }
    const seconds = (performance.now() - started) / 1000;
    const where = { localRoot, remoteRoot };
    return report(plan, result, queue.list(), totals, seconds, where, out);
  } finally {
    await syncs.dispose();
    await queue.dispose();
    await browsing.close();
  }
}

function notPlanned(plan: SyncPlanned): FerryError {
  if (plan.outcome === 'limit') {
    return new FerryError(
      'forbidden',
      'These folders hold too much to compare at once (over 20,000 folders, 50,000 differences or 30 levels deep): nothing was changed.',
      'Synchronize a smaller folder.',
    );
  }
  const error = plan.error;
  if (error) return new FerryError(error.code, error.message, error.hint);
  return new FerryError('cancelled', 'The comparison was stopped: nothing was changed.');
}

/** What the plan says, for --json: the items and what was left out, with reasons. */
function shown(plan: SyncPlanned) {
  return {
    items: plan.items.map(({ action, reason, path, kind, files, bytes }) => ({
      action,
      reason,
      path,
      kind,
      files,
      bytes,
    })),
    leftAlone: plan.leftAlone,
    unreadable: plan.unreadable,
    unreadableCount: plan.unreadableCount,
    excluded: plan.excluded,
  };
}

/** One line per action on stdout; what is left alone or could not be read, and a summary. */
function printPlan(plan: SyncPlanned, out: Output): void {
  if (out.json) return;
  for (const item of plan.items) {
    const name = item.kind === 'folder' ? `${item.path}/` : item.path;
    const files = item.kind === 'folder' ? `, ${count(item.files, 'file')}` : '';
    out.result(`${VERB[item.action]}${name} (${REASON_TEXT[item.reason]}${files})`);
  }
  for (const alone of plan.leftAlone) {
    out.info(`left alone: ${alone.path} (${LEFT_ALONE_TEXT[alone.why]})`);
  }
  for (const folder of plan.unreadable) {
    out.warn(`not read: ${folder} — left out with everything in it, never taken for empty`);
  }
  if (plan.unreadableCount > plan.unreadable.length) {
    out.warn(`…and ${plan.unreadableCount - plan.unreadable.length} more folders not read.`);
  }
  out.info(planSummary(plan.items));
}

function planSummary(items: readonly SyncItem[]): string {
  const parts: string[] = [];
  for (const action of ['upload', 'download', 'deleteRemote', 'deleteLocal'] as const) {
    const these = items.filter((item) => item.action === action);
    if (these.length === 0) continue;
    const files = these.reduce((sum, item) => sum + item.files, 0);
    const bytes = these.reduce((sum, item) => sum + item.bytes, 0);
    parts.push(`${count(files, 'file')} ${ACTION_PHRASE[action]} (${formatBytes(bytes)})`);
  }
  return parts.length === 0 ? 'Nothing to do: the folders match.' : `Plan: ${parts.join(', ')}.`;
}

function report(
  plan: SyncPlanned,
  result: SyncRunResult,
  rows: TransferJob[],
  totals: TransferTotals | undefined,
  seconds: number,
  where: { localRoot: string; remoteRoot: string },
  out: Output,
): ExitCode {
  // A row's place below the two folders: its target, on the side it was written to.
  const pathOf = (row: TransferJob) =>
    row.direction === 'upload'
      ? posix.relative(where.remoteRoot, row.target || row.source)
      : relative(where.localRoot, row.target || row.source)
          .split('\\')
          .join('/');
  const files = rows.filter((row) => row.kind === 'file');
  // A folder's own row only sums up its files' failures, unless the folder itself failed.
  const summary = (row: TransferJob) =>
    row.kind === 'folder' && !row.parentId && (row.files?.failed ?? 0) > 0;
  const failed = rows.filter((row) => row.state === 'failed' && !summary(row));
  // Names the exclusion list left out of a folder are no news: the plan left them out too.
  const excluded = (row: TransferJob) => !row.error && row.target === '';
  const skipped = rows.filter((row) => row.state === 'skipped' && !excluded(row));
  const done = (direction: 'upload' | 'download') =>
    files.filter((row) => row.direction === direction && row.state === 'done').length;
  const bytes = totals?.bytes ?? 0;
  // Anything left as it is means the two folders do not match yet: a script must know.
  const ok =
    failed.length === 0 &&
    result.failed.length === 0 &&
    skipped.length === 0 &&
    plan.unreadableCount === 0;
  if (out.json) {
    out.result(
      JSON.stringify({
        ok,
        dryRun: false,
        ...shown(plan),
        uploaded: done('upload'),
        downloaded: done('download'),
        deleted: result.deleted,
        bytes,
        seconds: Math.round(seconds * 1000) / 1000,
        failures: [
          ...failed.map((row) => ({ path: pathOf(row), ...row.error })),
          ...result.failed.map((f) => ({ path: f.path, ...f.error })),
        ],
        skipped: skipped.map((row) => ({
          path: pathOf(row),
          reason: row.error?.message ?? row.note,
        })),
      }),
    );
    return ok ? EXIT.ok : EXIT.transfer;
  }
  for (const row of failed) {
    const hint = row.error?.hint ? ` (${row.error.hint})` : '';
    out.warn(`failed: ${pathOf(row)}: ${row.error?.message ?? 'unknown error'}${hint}`);
  }
  for (const failure of result.failed) {
    const hint = failure.error.hint ? ` (${failure.error.hint})` : '';
    out.warn(`failed: ${failure.error.message}${hint}`);
  }
  for (const row of skipped) {
    out.warn(`skipped: ${pathOf(row)}: ${row.error?.message ?? row.note ?? 'skipped'}`);
  }
  if (plan.unreadableCount > 0) {
    out.warn(
      `Not complete: ${count(plan.unreadableCount, 'folder')} could not be read (named above).`,
    );
  }
  const left = skipped.length + result.failed.length + failed.length;
  if (left > 0)
    out.warn(
      `Not complete: ${count(left, 'item')} left as ${left === 1 ? 'it is' : 'they are'} (see above).`,
    );
  const rate = seconds > 0 && bytes > 0 ? `, ${formatBytes(Math.round(bytes / seconds))}/s` : '';
  const parts = [
    [done('upload'), 'uploaded', 'file'],
    [done('download'), 'downloaded', 'file'],
    [result.deleted, 'deleted', 'item'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, verb, what]) => `${verb} ${count(n, what)}`);
  const text = said.length === 0 ? 'nothing was changed' : said.join(', ');
  out.info(
    `${text.charAt(0).toUpperCase()}${text.slice(1)} (${formatBytes(bytes)}) in ${seconds.toFixed(2)} s${rate}.`,
  );
  return ok ? EXIT.ok : EXIT.transfer;
}

function count(n: number, one: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : `${one}s`}`;
}
