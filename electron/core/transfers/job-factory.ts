import { randomUUID } from 'node:crypto';
import type { TransferJob, TransferState } from '../../../shared/contract/transfers';
import type { FerryError } from '../../../shared/errors';
import type { FileEntry } from '../../../shared/types';
import type { Batch, FileFacts, FileJob, FolderJob, WalkTask } from './types';

interface RowFields {
  name: string;
  source: string;
  target: string;
}

function newRow(batch: Batch, kind: 'file' | 'folder', fields: RowFields, parent?: FolderJob) {
  const row: TransferJob = {
    id: randomUUID(),
    sessionId: batch.sessionId,
    direction: batch.direction,
    kind,
    name: fields.name,
    source: fields.source,
    target: fields.target,
    state: 'queued',
    bytes: 0,
    total: null,
    speed: 0,
    eta: null,
    attempts: 0,
  };
  if (parent) row.parentId = parent.row.id;
  return row;
}

export function makeFileJob(
  batch: Batch,
  fields: RowFields & {
    parent?: FolderJob;
    /** Null: a file whose size is only known on the way (a link). */
    facts?: FileFacts | null;
    targetEntry?: FileEntry | null;
    sourceEntry?: FileEntry;
    siblingNames?: ReadonlySet<string>;
  },
): FileJob {
  const job: FileJob = {
    type: 'file',
    row: newRow(batch, 'file', fields, fields.parent),
    batch,
    resumable: false,
  };
  if (fields.parent) job.parent = fields.parent;
  if (fields.facts === null) {
    job.sourceFacts = { size: 0, modified: null, mode: null };
  } else if (fields.facts) {
    job.sourceFacts = fields.facts;
    job.row.total = fields.facts.size;
  }
  if (fields.targetEntry !== undefined) job.targetEntry = fields.targetEntry;
  if (fields.sourceEntry) job.sourceEntry = fields.sourceEntry;
  if (fields.siblingNames) job.siblingNames = fields.siblingNames;
  return job;
}

export function makeFolderJob(batch: Batch, fields: RowFields): FolderJob {
  const row = newRow(batch, 'folder', fields);
  row.total = 0;
  row.files = { total: 0, done: 0, failed: 0, skipped: 0, walking: true };
  return { type: 'folder', row, batch, pendingWalks: 0, children: [] };
}

/** Turns a job whose source turned out to be a folder into a folder job with the same row. */
export function fileJobToFolder(job: FileJob): FolderJob {
  const row = job.row;
  row.kind = 'folder';
  row.total = 0;
  row.bytes = 0;
  row.files = { total: 0, done: 0, failed: 0, skipped: 0, walking: true };
  const folder: FolderJob = {
    type: 'folder',
    row,
    batch: job.batch,
    pendingWalks: 0,
    children: [],
  };
  if (job.seenTarget) folder.seenTarget = job.seenTarget;
  if (job.localRoot) folder.localRoot = job.localRoot;
  return folder;
}

/** A row that moves no bytes: a skipped name, or a subfolder that could not be walked. */
export function makeLeafJob(
  batch: Batch,
  fields: RowFields & {
    parent?: FolderJob;
    state: TransferState;
    error?: FerryError;
    note?: string;
    kind?: 'file' | 'folder';
    walk?: WalkTask;
  },
): FileJob {
  const job = makeFileJob(batch, fields);
  job.row.state = fields.state;
  if (fields.kind) job.row.kind = fields.kind;
  if (fields.error) job.row.error = fields.error.toInfo();
  if (fields.note) job.row.note = fields.note;
  if (fields.walk) job.walk = fields.walk;
  job.row.finishedAt = Date.now();
  return job;
}
