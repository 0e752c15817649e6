import type { TrustPrompt } from '../../../shared/contract/remote';
import type { TransferJob } from '../../../shared/contract/transfers';
import { createApp, type AppOptions, type FerryApp } from '../app';
import { recorder } from './testing';

/**
 * The app as the browser edition serves it, on `dataDir` (with any `more` options), answering
 * every trust question "trust once" (as a user who checked the harness's key would), with its
 * events recorded.
 */
export function appTrustingOnce(
  dataDir: string,
  more: Partial<Omit<AppOptions, 'dataDir' | 'emit'>> = {},
): {
  app: FerryApp;
  events: ReturnType<typeof recorder>;
} {
  const events = recorder();
  const app = createApp({
    edition: 'browser',
    dataDir,
    version: 'test',
    emit: events.emit,
    ...more,
  });
  // Questions come only once something connects, after this listener is in place.
  events.on('trust.prompt', (prompt: TrustPrompt) => {
    setTimeout(
      () =>
        void app.handlers['trust.respond']({
          promptId: prompt.promptId,
          decision: 'trust-once',
        }),
    );
  });
  return { app, events };
}

/** The transfer `jobId` once `done` holds for it, asked every 50 ms; fails after `timeoutMs`. */
export async function jobWhen(
  app: FerryApp,
  jobId: string,
  done: (job: TransferJob) => boolean,
  timeoutMs = 20_000,
): Promise<TransferJob> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    const job = (await app.handlers['transfers.list']({})).find((j) => j.id === jobId);
    if (job && done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`transfer ${jobId} did not get there`);
}
