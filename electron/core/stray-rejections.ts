/**
 * A promise that fails with nobody waiting for it is a bug in Ferry, but Node's default answer
 * (end the process) would also end every connection and transfer the user has running. The
 * app's processes report it instead and keep going; the queue and sessions stay as they were.
 */
const INSTALLED = Symbol.for('ferry.reportStrayRejections');

export function reportStrayRejections(): void {
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return; // once per process, however often the module is loaded
  registry[INSTALLED] = true;
  process.on('unhandledRejection', (reason) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    process.stderr.write(
      `Ferry hit an error it did not expect and keeps running. Please report this:\n${withoutPasswords(detail)}\n`,
    );
  });
}

/** An address's password (`sftp://me:secret@host`) is masked: a report gets pasted anywhere. */
function withoutPasswords(text: string): string {
  return text.replace(/([a-z][\w+.-]*:\/\/[^\s:/@]*):[^\s@]*@/giu, '$1:********@');
}
