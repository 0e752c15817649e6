/**
 * Runs every transfer case: each tool in turn, in an order that rotates from case to case and
 * round to round (no tool always first or last), with fresh target folders for each run and every
 * byte checked after it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from './data';
import type { Endpoint, EndpointId } from './endpoints';
import { arrivalPath, entryName, freshTargets, verifyArrival, type Layout } from './layout';
import { runProcess } from './proc';
import type { Progress } from './progress';
import type { Direction, Tool, TransferTask } from './tools';
import type { Workload, WorkloadId } from './workloads';

const MiB = 1024 * 1024;

export interface RunRecord {
  round: number;
  /** Whole-process wall time. */
  seconds?: number;
  /** MiB/s or files/s, per the workload's unit; only for verified runs. */
  rate?: number;
  ok: boolean;
  /** Why the run failed (exit status and output, timeout, or wrong bytes). */
  failure?: string;
}

export interface ToolRecord {
  tool: string;
  label: string;
  isFerry: boolean;
  skipped?: string;
  runs: RunRecord[];
}

export interface CaseRecord {
  endpoint: EndpointId;
  workload: WorkloadId;
  direction: Direction;
  unit: Workload['unit'];
  files: number;
  bytes: number;
  tools: ToolRecord[];
}

export interface CaseOptions {
  rounds: number;
  timeoutMs: number;
  layout: Layout;
  manifests: Map<string, Manifest>;
  progress: Progress;
}

const DIRECTIONS: readonly Direction[] = ['download', 'upload'];

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function describeFailure(
  result: Awaited<ReturnType<typeof runProcess>>,
  timeoutMs: number,
): string {
  if (result.timedOut) return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  const status = result.signal ? `killed by ${result.signal}` : `exit status ${result.exitCode}`;
  const lastLines = result.outputTail.split('\n').slice(-3).join(' | ').slice(0, 300);
  return lastLines ? `${status}: ${lastLines}` : status;
}

export function rateOf(workload: Workload, seconds: number): number {
  return workload.unit === 'files/s'
    ? workload.files.length / seconds
    : workload.totalBytes / MiB / seconds;
}

export async function runTransferCases(
  endpoints: Endpoint[],
  workloads: Workload[],
  tools: Tool[],
  options: CaseOptions,
): Promise<CaseRecord[]> {
  const { progress } = options;
  const cases: {
    endpoint: Endpoint;
    workload: Workload;
    direction: Direction;
    record: CaseRecord;
  }[] = [];
  for (const endpoint of endpoints) {
    for (const workload of workloads) {
      for (const direction of DIRECTIONS) {
        const toolRecords = tools.map((tool) => {
          const skipped = tool.skipReason({ endpoint, direction, workload });
          return {
            tool: tool.id,
            label: tool.label,
            isFerry: tool.isFerry,
            runs: [],
            ...(skipped ? { skipped } : {}),
          };
        });
        const record: CaseRecord = {
          endpoint: endpoint.id,
          workload: workload.id,
          direction,
          unit: workload.unit,
          files: workload.files.length,
          bytes: workload.totalBytes,
          tools: toolRecords,
        };
        cases.push({ endpoint, workload, direction, record });
      }
    }
  }
  const totalRuns =
    cases.reduce((sum, c) => sum + c.record.tools.filter((t) => !t.skipped).length, 0) *
    options.rounds;
  progress.setTotal(totalRuns);

  // Rounds outermost: a slow patch of the machine hits every case a little, not one case a lot.
  for (let round = 1; round <= options.rounds; round++) {
    for (const [index, { endpoint, workload, direction, record }] of cases.entries()) {
      const order = rotate(tools, round - 1 + index);
      for (const tool of order) {
        const toolRecord = record.tools.find((t) => t.tool === tool.id) as ToolRecord;
        if (toolRecord.skipped) continue;
        const what = `${endpoint.id} ${workload.id} ${direction} ${tool.id} (round ${round}/${options.rounds})`;
        if (toolRecord.runs.some((r) => r.failure?.startsWith('timed out'))) {
          toolRecord.runs.push({
            round,
            ok: false,
            failure: 'not run: timed out in an earlier round',
          });
          progress.step(what, 'skipped (timed out before)');
          continue;
        }
        toolRecord.runs.push(
          await runOnce(tool, { endpoint, workload, direction }, round, options, false),
        );
        const last = toolRecord.runs.at(-1) as RunRecord;
        progress.step(
          what,
          last.ok
            ? `${(last.seconds as number).toFixed(2)} s${workload.id === 'tiny' ? '' : `  ${(last.rate as number).toFixed(1)} ${workload.unit}`}`
            : `FAILED: ${last.failure}`,
        );
      }
    }
  }
  return cases.map((c) => c.record);
}

/** One verified run of one tool: clean, transfer, check every byte. */
export async function runOnce(
  tool: Tool,
  where: { endpoint: Endpoint; workload: Workload; direction: Direction },
  round: number,
  options: Pick<CaseOptions, 'layout' | 'manifests' | 'timeoutMs'>,
  sampleMemory: boolean,
): Promise<RunRecord & { peakRssBytes?: number }> {
  const { endpoint, workload, direction } = where;
  const { layout } = options;
  const targets = await freshTargets(layout, workload);
  const name = entryName(workload);
  const scratch = join(layout.work, 'scratch', tool.id);
  await mkdir(join(scratch, 'home'), { recursive: true });
  const task: TransferTask = {
    endpoint,
    direction,
    workload,
    localPath: join(direction === 'download' ? targets.down : layout.data, name),
    remoteRel: direction === 'download' ? `src/${name}` : `${targets.dstRel}/${name}`,
    scratch,
    relativeFiles: workload.files.map((f) => f.path),
  };
  const invocation = await tool.invocation(task);
  // A private HOME: no user config of root's changes a tool's behaviour, and nothing is left there.
  invocation.env = { HOME: join(scratch, 'home'), ...invocation.env };
  const result = await runProcess(invocation, { timeoutMs: options.timeoutMs, sampleMemory });
  const memory = result.peakRssBytes !== undefined ? { peakRssBytes: result.peakRssBytes } : {};
  if (result.timedOut || result.exitCode !== 0) {
    return {
      round,
      seconds: result.seconds,
      ok: false,
      failure: describeFailure(result, options.timeoutMs),
      ...memory,
    };
  }
  const expected = options.manifests.get(workload.id) as Manifest;
  const problems = await verifyArrival(
    arrivalPath(targets, endpoint, workload, direction),
    workload,
    expected,
  );
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
    return {
      round,
      seconds: result.seconds,
      ok: false,
      failure: `wrong result: ${shown}${more}`,
      ...memory,
    };
  }
  return {
    round,
    seconds: result.seconds,
    rate: rateOf(workload, result.seconds),
    ok: true,
    ...memory,
  };
}
