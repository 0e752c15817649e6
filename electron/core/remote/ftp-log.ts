import type { SessionLog } from '../log';

/** basic-ftp's own remarks worth showing; everything else it logs (e.g. raw listings) is noise. */
const INFO_PREFIXES = [
  'Connected to',
  'Login security',
  'Control socket is using',
  'Uploading to',
  'Downloading from',
];

/**
 * Turns basic-ftp's verbose log (`> COMMAND`, `< reply`, remarks) into session log lines.
 * basic-ftp already writes `PASS ###`; SessionLog masks PASS and registered secrets again.
 */
export function ftpLogHook(log: SessionLog): (message: string) => void {
  return (message: string) => {
    if (message.startsWith('> ')) {
      log.write('command', message.slice(2));
    } else if (message.startsWith('< ')) {
      const reply = message.slice(2).replace(/\r?\n$/, '');
      if (reply.length > 0) log.write('reply', reply.replace(/\r\n/g, '\n'));
    } else if (INFO_PREFIXES.some((prefix) => message.startsWith(prefix))) {
      log.write('info', message);
    }
  };
}
