import { useState } from 'react';
import { plainFtpServerKey, type SiteDraft } from '../../../shared/contract/sites';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError } from '../../api';
import { hasPlainFtpConsent, rememberPlainFtpConsent } from '../connect/plainFtpConsent';

export type TestState = { running: true } | { running: false; ok?: string; error?: ErrorInfo };

export interface TestInput {
  site: SiteDraft;
  password?: string;
  passphrase?: string;
}

/**
 * The form's "Test connection". Plain FTP asks first, as quick connect does: the password would
 * travel in clear text, so the user agrees once per server for this run of Ferry.
 */
export function useConnectionTest() {
  const [test, setTest] = useState<TestState>({ running: false });
  const [askPlainFtp, setAskPlainFtp] = useState<TestInput>();

  async function run(input: TestInput) {
    const { site } = input;
    const acknowledged = site.protocol === 'ftp' && hasPlainFtpConsent(plainFtpServerKey(site));
    setTest({ running: true });
    try {
      const result = await call('sites.test', {
        ...input,
        ...(acknowledged ? { plainFtpAcknowledged: true } : {}),
      });
      const banner = result.serverBanner ? ` (${result.serverBanner})` : '';
      setTest({
        running: false,
        ok: `The connection works: logged in, home folder ${result.home}${banner}.`,
      });
    } catch (e) {
      setTest({ running: false, error: describeError(e) });
    }
  }

  return {
    test,
    /** Runs the test, or first asks about plain FTP (see `askPlainFtp`). */
    start(input: TestInput) {
      const { site } = input;
      if (site.protocol === 'ftp' && !hasPlainFtpConsent(plainFtpServerKey(site))) {
        setAskPlainFtp(input);
        return;
      }
      void run(input);
    },
    /** The host waiting for the plain-FTP answer, if any. */
    askPlainFtp: askPlainFtp?.site.host.trim(),
    acceptPlainFtp() {
      if (!askPlainFtp) return;
      const { site } = askPlainFtp;
      rememberPlainFtpConsent(plainFtpServerKey(site));
      setAskPlainFtp(undefined);
      void run(askPlainFtp);
    },
    cancelPlainFtp: () => setAskPlainFtp(undefined),
  };
}
