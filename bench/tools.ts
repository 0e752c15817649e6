/** What every benchmarked tool (a peer or Ferry) is given, and what it hands back. */
import type { Endpoint } from './endpoints';
import type { Invocation } from './proc';
import type { Workload } from './workloads';

export type Direction = 'upload' | 'download';

export interface TransferTask {
  endpoint: Endpoint;
  direction: Direction;
  workload: Workload;
  /** Upload: the local file or folder to send. Download: where it must arrive (does not exist yet; its parent does). */
  localPath: string;
  /** The server-side file or folder, relative to the harness root (e.g. 'src/small', 'dst/run-7/large.bin'). Upload targets do not exist yet; their parent does. */
  remoteRel: string;
  /** A private folder for batch files and configs. */
  scratch: string;
  /** Workload files (relative to the workload root), for tools that cannot walk folders themselves. */
  relativeFiles: string[];
}

export interface Tool {
  id: string;
  /** Column header, with the settings that matter (cipher, parallelism). */
  label: string;
  isFerry: boolean;
  /** Why this tool sits this case out (shown in the table), or undefined when it takes part. */
  skipReason(task: Pick<TransferTask, 'endpoint' | 'direction' | 'workload'>): string | undefined;
  invocation(task: TransferTask): Promise<Invocation>;
}
