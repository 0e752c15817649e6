/**
 * Connects whose replies a reload lost: the page asks the core what became of them, once it
 * has its tabs back and whenever the core says a connect failed. A failure is shown as a failed
 * connect always is (tabsStore's showFailedConnect); one that opened is already among the tabs
 * (tabsReload.ts); one still under way (its question asked again) is asked about later.
 */
import { call } from '../../api';
import { pageId } from '../../transport/pageId';
import { forgetConnects, interruptedConnects } from './connectsInFlight';
import { tabActions } from './tabsStore';

export async function showMissedConnects(): Promise<void> {
  const waiting = interruptedConnects();
  if (waiting.length === 0) return;
  const outcomes = await call('remote.connectOutcomes', {
    pageId: pageId(),
    connectIds: waiting.slice(-50).map((pending) => pending.connectId),
  }).catch(() => undefined);
  if (!outcomes) return;
  const settled = outcomes.filter((outcome) => outcome.state !== 'pending');
  forgetConnects(settled.map((outcome) => outcome.connectId));
  for (const { connectId, error } of settled) {
    const pending = waiting.find((p) => p.connectId === connectId);
    if (!pending || !error) continue;
    const { endpoint, site } = pending;
    tabActions.showFailedConnect(site ? { endpoint, site } : { endpoint }, error);
  }
}
