/** The shape of bench/results.json: everything measured, raw, plus what it was measured on. */
import type { CaseRecord } from './cases';
import type { EndpointId } from './endpoints';
import type { ListingRecord } from './listing';
import type { Machine } from './machine';
import type { UiRun } from './ui';
import type { UiTransferRecord } from './ui-transfer';
import type { WorkloadId } from './workloads';

export interface MemoryRecord {
  endpoint: EndpointId;
  direction: 'upload' | 'download';
  bytes: number;
  /** Peak RSS of the ferry process moving `bytes`. */
  peakRssBytes?: number;
  /** Peak RSS of the same command moving a 1 KiB file: start-up, connection, libraries. */
  baselineRssBytes?: number;
  seconds?: number;
  failure?: string;
}

export interface UiRecord {
  entries: number;
  /** Per round: double-click on the folder → rows shown, and → last row on screen after End. */
  runs: UiRun[];
  notMeasured?: string;
  failure?: string;
  /** The 1,000-file tree downloaded and uploaded with the panes' buttons, per server. */
  transfers?: UiTransferRecord[];
  transfersNotMeasured?: string;
}

export interface BenchResults {
  date: string;
  mode: 'full' | 'quick';
  rounds: number;
  command: string;
  durationSeconds: number;
  machine: Machine;
  /** The commit measured, and sources newer than the built CLI (numbers are for the build). */
  revision: { commit: string; staleSources: string[] };
  endpoints: { id: EndpointId; title: string }[];
  workloads: { id: WorkloadId; title: string; files: number; bytes: number; unit: string }[];
  cases: CaseRecord[];
  /** The same tools moving one 1 KiB file: what a command costs before data moves. */
  fixedCost: CaseRecord[];
  listing: ListingRecord[];
  memory: MemoryRecord[];
  memoryNotMeasured?: string;
  ui: UiRecord;
  notes: string[];
}
