/**
 * Pages that come and go (each browser tab a page) leave nothing behind in the keep-up manager
 * once they have been gone longer than a reload takes: the browser edition may run for weeks.
 */
import { expect, it } from 'vitest';
import { KeepUpManager } from './keep-up-manager';

const unused = (): never => {
  throw new Error('not used by a page with no keep-up');
};

it('forgets a page gone for good once its time to come back has passed', async () => {
  const manager = new KeepUpManager({
    emit: () => undefined,
    browsing: unused,
    excludedNames: unused,
    enqueue: unused,
    job: unused,
    cancel: unused,
    log: () => undefined,
    pageAwayMs: 5,
  });
  for (let i = 0; i < 50; i++) manager.closePage(`page-gone-${i}`);
  await new Promise((resolve) => setTimeout(resolve, 60));
  const away = (manager as unknown as { away: Map<string, unknown> }).away;
  expect(away.size).toBe(0);
  manager.dispose();
});
