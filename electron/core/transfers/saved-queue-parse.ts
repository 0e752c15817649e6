/**
 * Reading `unfinished-transfers.json` back (its schema, with zod). Apart from the format's
 * helpers so the transfer queue, which the `ferry` command loads too, does not load zod: a
 * bigger heap made every garbage collection of a long transfer dearer (+0.25 s CPU for 256 MiB).
 */
import { z } from 'zod';
import { CONFLICT_ACTIONS } from '../../../shared/contract/settings-values';
import { PROTOCOLS } from '../../../shared/protocols';
import {
  MAX_PATH,
  MAX_SAVED_JOBS,
  SAVED_QUEUE_FORMAT,
  SAVED_QUEUE_VERSION,
  partPathOf,
  targetOf,
  withSafePart,
  type SavedJob,
  type SavedServer,
} from './saved-queue-format';

const text = (max: number) => z.string().min(1).max(max);
const savedJob = z
  .object({
    kind: z.literal('folder').optional(),
    direction: z.enum(['upload', 'download']),
    source: text(MAX_PATH),
    folder: text(MAX_PATH),
    path: z.array(text(1024)).min(1).max(256),
    size: z.number().int().nonnegative().nullable(),
    part: text(300).optional(),
    created: z
      .object({
        size: z.number().int().nonnegative().optional(),
        modified: z.number().int().nonnegative().optional(),
      })
      .strip()
      .optional(),
    resume: z.boolean().optional(),
    decision: z.enum(CONFLICT_ACTIONS).optional(),
    earlier: z
      .object({
        files: z.number().int().nonnegative().max(10_000_000),
        bytes: z.number().int().nonnegative(),
      })
      .optional(),
    // A synchronization's preview of the target: a job whose check cannot be read is dropped.
    seen: z
      .object({
        where: z.enum(['server', 'local']),
        entry: z
          .object({
            size: z.number().int().nonnegative(),
            modified: z.number().finite().nullable(),
          })
          .strip()
          .nullable(),
        precision: z.enum(['exact', 'listing']),
        shifts: z.array(z.number().finite()).min(1).max(8),
      })
      .strip()
      .optional(),
    noLinks: z.literal(true).optional(),
    within: text(MAX_PATH).optional(),
  })
  .strip();
const savedServer = z
  .object({
    site: z.object({ id: text(100), name: z.string().max(500) }).optional(),
    protocol: z.enum(PROTOCOLS),
    host: text(255),
    port: z.number().int().min(1).max(65_535),
    user: z.string().max(255),
    jump: text(600).optional(),
    jobs: z.array(z.unknown()).max(MAX_SAVED_JOBS),
    leftovers: z.array(z.unknown()).max(MAX_SAVED_JOBS).optional(),
    owner: z
      .object({
        host: text(255),
        pid: z.number().int().nonnegative(),
        boot: text(100).optional(),
        started: z.number().int().nonnegative().optional(),
        token: text(100),
      })
      .optional(),
  })
  .strip();
const savedFile = z.object({
  format: z.literal(SAVED_QUEUE_FORMAT),
  version: z.number().int(),
  savedAt: z.number(),
  servers: z.array(savedServer).max(1000),
});

export type ParseResult =
  | { kind: 'ok'; servers: SavedServer[]; dropped: number }
  /** Not readable as this format: the caller sets the file aside. */
  | { kind: 'damaged'; why: string };

/** Reads the file's text; each job's paths are checked again, and unsafe jobs are dropped. */
export function parseSavedQueue(raw: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'damaged', why: 'it is not valid JSON' };
  }
  const file = savedFile.safeParse(json);
  if (!file.success) return { kind: 'damaged', why: 'it is not in the format Ferry writes' };
  if (file.data.version !== SAVED_QUEUE_VERSION) {
    return { kind: 'damaged', why: `it has version ${file.data.version}, this Ferry reads 1` };
  }
  let dropped = 0;
  let kept = 0;
  const servers: SavedServer[] = [];
  for (const server of file.data.servers) {
    const jobs: SavedJob[] = [];
    for (const candidate of server.jobs) {
      const job = savedJob.safeParse(candidate);
      if (job.success && kept < MAX_SAVED_JOBS && targetOf(job.data) !== undefined) {
        jobs.push(withSafePart(job.data));
        kept++;
      } else dropped++;
    }
    const leftovers = (server.leftovers ?? []).flatMap((candidate) => {
      const left = leftoverOf(candidate);
      if (left === undefined) dropped++;
      return left === undefined ? [] : [left];
    });
    const { leftovers: _raw, ...rest } = server;
    if (jobs.length === 0 && leftovers.length === 0) continue;
    servers.push({ ...rest, jobs, ...(leftovers.length > 0 ? { leftovers } : {}) });
  }
  return { kind: 'ok', servers, dropped };
}

/**
 * A discarded upload's temporary file (kept only under a temporary name Ferry gives its target),
 * or the new file it was writing (its target, checked again as a saved job's is).
 */
function leftoverOf(candidate: unknown): SavedJob | undefined {
  const job = savedJob.safeParse(candidate);
  if (!job.success || job.data.direction !== 'upload') return undefined;
  const target = targetOf(job.data);
  if (target === undefined) return undefined;
  if (job.data.part === undefined) return job.data.created === undefined ? undefined : job.data;
  return partPathOf(job.data, target) === undefined ? undefined : job.data;
}
