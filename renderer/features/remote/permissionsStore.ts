/**
 * Each connection tab's permissions change while it runs in the core, and how it ended: the
 * progress a few times a second, Stop, the summary. Kept per tab, apart from the pane, so a
 * switch to another tab and back still shows it.
 */
import { create } from 'zustand';
import type {
  PermissionsFinished,
  PermissionsProgress,
} from '../../../shared/contract/permissions';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError, on } from '../../api';
import { pageId } from '../../transport/pageId';
import type { PermissionsChoice } from './PermissionsDialog';
import { worthTelling } from './permissionsWords';

export interface PermissionsJob {
  jobId?: string;
  /** Shown as a progress dialog while it runs (a recursive or large change); else only its summary. */
  showsProgress: boolean;
  progress?: PermissionsProgress;
  finished?: PermissionsFinished;
  /** The change could not start. */
  error?: ErrorInfo;
  stopping?: boolean;
}

interface State {
  byTab: Readonly<Record<string, PermissionsJob>>;
}

export const usePermissionsJobs = create<State>(() => ({ byTab: {} }));

/** More chosen items than this take long enough (over FTP) to show their progress. */
const MANY_ITEMS = 20;

/** What to do when a job ends (the pane lists its folder again), by job. */
const whenDone = new Map<string, () => void>();
/** Events of a job whose id the start call has not returned yet. */
const early = new Map<string, PermissionsFinished>();

function change(tabId: string, next: (job: PermissionsJob) => PermissionsJob | undefined): void {
  usePermissionsJobs.setState((s) => {
    const job = s.byTab[tabId];
    if (!job) return s;
    const updated = next(job);
    const byTab = { ...s.byTab };
    if (updated) byTab[tabId] = updated;
    else delete byTab[tabId];
    return { byTab };
  });
}

function tabOf(jobId: string): string | undefined {
  const { byTab } = usePermissionsJobs.getState();
  return Object.entries(byTab).find(([, job]) => job.jobId === jobId)?.[0];
}

function finish(tabId: string, end: PermissionsFinished): void {
  whenDone.get(end.jobId)?.();
  whenDone.delete(end.jobId);
  // A small change that went as asked needs no words: the list shows the new modes.
  change(tabId, (job) =>
    job.showsProgress || worthTelling(end) ? { ...job, finished: end } : undefined,
  );
}

let watching = false;
function watchEvents(): void {
  if (watching) return;
  watching = true;
  on('permissions.progress', (progress) => {
    const tabId = tabOf(progress.jobId);
    if (tabId) change(tabId, (job) => ({ ...job, progress }));
  });
  on('permissions.finished', (end) => {
    const tabId = tabOf(end.jobId);
    if (tabId) finish(tabId, end);
    else early.set(end.jobId, end);
  });
}

export const permissionsActions = {
  async start(
    tabId: string,
    sessionId: string,
    paths: string[],
    choice: PermissionsChoice,
    done: () => void,
  ): Promise<void> {
    watchEvents();
    usePermissionsJobs.setState((s) => ({
      byTab: {
        ...s.byTab,
        [tabId]: { showsProgress: choice.recursive || paths.length > MANY_ITEMS },
      },
    }));
    try {
      const { jobId } = await call('permissions.start', {
        pageId: pageId(),
        sessionId,
        paths,
        ...choice,
      });
      whenDone.set(jobId, done);
      change(tabId, (job) => ({ ...job, jobId }));
      const ended = early.get(jobId);
      early.delete(jobId);
      if (ended) finish(tabId, ended);
    } catch (error) {
      change(tabId, (job) => ({ ...job, error: describeError(error) }));
    }
  },

  stop(tabId: string): void {
    const jobId = usePermissionsJobs.getState().byTab[tabId]?.jobId;
    if (!jobId) return;
    change(tabId, (job) => ({ ...job, stopping: true }));
    void call('permissions.stop', { jobId }).catch(() => undefined);
  },

  /** The summary was read. */
  dismiss(tabId: string): void {
    change(tabId, (job) => (job.finished || job.error ? undefined : job));
  },
};
