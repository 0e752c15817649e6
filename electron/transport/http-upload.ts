/**
 * The browser edition's upload door: a page cannot hand a dropped file's path to the server
 * (browsers hide it), so it streams the file here. Each file lands in a staging folder of this
 * launch under the data folder; the page then queues an ordinary upload from there, and the
 * staged copy is deleted once that transfer is over (or when Ferry stops).
 *
 * Same rules as the WebSocket: our Host and Origin only, and this launch's token (as an
 * `Authorization: Bearer` header). Names from the page are data, not paths: every segment is
 * checked, and the result must stay inside the batch folder.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, rmdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EmitEvent, EventPayload } from '../../shared/contract';
import type { TransferState } from '../../shared/contract/transfers';
import type { ErrorInfo } from '../../shared/errors';
import { checkRemoteName, describeUnsafeReason, resolveInside } from '../core/transfers/safe-names';

export interface UploadStagingOptions {
  /** A folder of Ferry's data folder; each launch stages into a random subfolder of it. */
  stagingRoot: string;
  /** The largest file accepted (default 16 GiB). */
  maxFileBytes?: number;
}

export interface UploadEndpointOptions extends UploadStagingOptions {
  /** Host and Origin name this server (the WebSocket's rule). */
  isAllowed(req: IncomingMessage): boolean;
  /** Constant-time comparison with this launch's token. */
  isToken(token: string | undefined): boolean;
  /** Headers every answer carries (CSP, nosniff…). */
  headers: Record<string, string>;
}

export interface UploadEndpoint {
  /** Where this launch's staged files live. */
  readonly launchDir: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Sees every core event, to delete staged files once their transfer is over. */
  observe: EmitEvent;
  /** Deletes everything this launch staged. */
  dispose(): Promise<void>;
}

export const UPLOAD_PATH = '/upload';
const DEFAULT_MAX_FILE_BYTES = 16 * 1024 ** 3;
const MAX_SEGMENTS = 64;
const BATCH_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Left behind by a launch that crashed: deleted when older than this. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
/** A staged source whose job reached one of these is no longer needed (failed may be retried). */
const OVER: ReadonlySet<TransferState> = new Set(['done', 'cancelled', 'skipped']);

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly info: ErrorInfo,
  ) {
    super(info.message);
  }
}

const refusal = (status: number, message: string, hint?: string) =>
  new Refusal(status, {
    code: status === 401 || status === 403 ? 'forbidden' : 'invalid_input',
    message,
    ...(hint === undefined ? {} : { hint }),
  });

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  return match?.[1];
}

/**
 * Why a name from the page cannot be a file name here, or undefined when it can. Only what is
 * dangerous on this system is refused: a Mac user's "a:b.txt" is a fine name on Linux.
 */
export function unsafeUploadName(name: string, platform = process.platform): string | undefined {
  const check = checkRemoteName(name);
  if (check.safe) return undefined;
  const portableOnly = ['reserved-character', 'reserved-name', 'trailing-dot-or-space'];
  if (platform !== 'win32' && portableOnly.includes(check.reason)) return undefined;
  return describeUnsafeReason(check.reason);
}

/** `a/b/c.txt` → its checked segments; refuses anything that is not a plain relative path. */
export function uploadSegments(path: string | null): string[] {
  if (path === null || path === '') throw refusal(400, 'The upload names no file.');
  const segments = path.split('/');
  if (segments.length > MAX_SEGMENTS) {
    throw refusal(400, 'The dropped folder is nested too deeply.', 'Upload a shallower folder.');
  }
  for (const segment of segments) {
    const why = unsafeUploadName(segment);
    if (why !== undefined) {
      throw refusal(
        400,
        `Ferry cannot accept the name "${JSON.stringify(segment).slice(1, -1)}" because ${why}.`,
        'Rename it and drop it again.',
      );
    }
  }
  return segments;
}

export function createUploadEndpoint(options: UploadEndpointOptions): UploadEndpoint {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const launchDir = join(options.stagingRoot, randomBytes(12).toString('base64url'));
  /** Top-level jobs whose source is staged here: job id → staged path. */
  const staged = new Map<string, string>();
  let prepared: Promise<void> | undefined;

  const prepare = () =>
    (prepared ??= (async () => {
      await mkdir(options.stagingRoot, { recursive: true, mode: 0o700 });
      await removeStale(options.stagingRoot);
      await mkdir(launchDir, { recursive: true, mode: 0o700 });
    })());

  function answer(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...options.headers,
    });
    res.end(JSON.stringify(body));
  }

  async function receive(req: IncomingMessage): Promise<{ path: string }> {
    if (req.method !== 'POST') throw refusal(405, 'Uploads are sent with POST.');
    if (!options.isAllowed(req)) throw refusal(403, 'Forbidden.');
    if (!options.isToken(bearerToken(req.headers.authorization))) {
      throw refusal(401, 'This page is not allowed to upload.', 'Open Ferry from its own link.');
    }
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const batch = query.get('batch') ?? '';
    if (!BATCH_ID.test(batch)) throw refusal(400, 'The upload names no valid batch.');
    const segments = uploadSegments(query.get('path'));
    const kind = query.get('kind') ?? 'file';
    if (kind !== 'file' && kind !== 'folder') throw refusal(400, 'Unknown kind of upload.');

    await prepare();
    const batchDir = join(launchDir, batch);
    const target = resolveInside(batchDir, segments);
    const top = resolveInside(batchDir, segments.slice(0, 1));
    if (target === undefined || top === undefined) throw refusal(400, 'Unsafe name.');

    if (kind === 'folder') {
      await mkdir(target, { recursive: true, mode: 0o700 }).catch(conflictOr500);
      return { path: top };
    }
    const declared = declaredLength(req, maxFileBytes);
    await mkdir(join(target, '..'), { recursive: true, mode: 0o700 }).catch(conflictOr500);
    await streamTo(req, target, declared);
    return { path: top };
  }

  return {
    launchDir,
    async handle(req, res) {
      try {
        answer(res, 201, await receive(req));
      } catch (error) {
        const known =
          error instanceof Refusal
            ? error
            : refusal(500, 'Ferry could not keep the dropped file.', 'Try again.');
        // An unread body would be read as the next request: close the connection instead.
        res.setHeader('Connection', 'close');
        answer(res, known.status, { error: known.info });
        if (!req.complete) req.resume();
      }
    },
    observe: (event, payload) => {
      if (event === 'transfer.updated') {
        for (const job of (payload as EventPayload<'transfer.updated'>).jobs) {
          if (job.parentId !== undefined || !isInside(launchDir, job.source)) continue;
          staged.set(job.id, job.source);
          if (OVER.has(job.state)) discard(job.id);
        }
      } else if (event === 'transfer.removed') {
        for (const id of (payload as EventPayload<'transfer.removed'>).jobIds) discard(id);
      }
    },
    dispose: async () => {
      staged.clear();
      await rm(launchDir, { recursive: true, force: true });
    },
  };

  function discard(jobId: string): void {
    const path = staged.get(jobId);
    if (path === undefined) return;
    staged.delete(jobId);
    void rm(path, { recursive: true, force: true })
      // The batch folder goes once its last staged item has gone.
      .then(() => rmdir(join(path, '..')))
      .catch(() => undefined);
  }
}

function declaredLength(req: IncomingMessage, max: number): number {
  const header = req.headers['content-length'];
  if (header === undefined) throw refusal(411, 'The upload did not say how large it is.');
  const length = Number(header);
  if (!Number.isSafeInteger(length) || length < 0) throw refusal(400, 'Bad Content-Length.');
  if (length > max) {
    throw refusal(
      413,
      `The file is larger than Ferry accepts from a browser (${Math.floor(max / 1024 ** 2)} MiB).`,
      'Use the desktop app, or copy the file into a folder and upload it from the local pane.',
    );
  }
  return length;
}

/** Streams the body into a new file (never over an existing one); removes it on any failure. */
async function streamTo(req: IncomingMessage, target: string, declared: number): Promise<void> {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > declared) done(refusal(400, 'The upload is longer than it said.'));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw refusal(409, 'A file of that name was already dropped in this batch.');
    }
    await rm(target, { force: true });
    if (error instanceof Refusal) throw error;
    throw refusal(400, 'The upload was interrupted.', 'Drop the file again.');
  }
  if (received !== declared) {
    await rm(target, { force: true });
    throw refusal(400, 'The upload was interrupted.', 'Drop the file again.');
  }
}

function conflictOr500(error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    throw refusal(409, 'A file and a folder of the same name were dropped.');
  }
  throw error;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}

/** Deletes staging folders of earlier launches that ended without cleaning up (a crash). */
async function removeStale(root: string): Promise<void> {
  const names = await readdir(root).catch(() => []);
  const now = Date.now();
  await Promise.all(
    names.map(async (name) => {
      const path = join(root, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_AFTER_MS)
        await rm(path, { recursive: true, force: true });
    }),
  );
}
