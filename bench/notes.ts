/** The notes printed under the tables: the choices that shape the numbers, said once. */
import { FERRY_PARALLEL } from './ferry';
import { LFTP_PARALLEL, SSH_CIPHER } from './peers';

export function benchNotes(context: { ferryNotMeasured?: string }): string[] {
  return [
    ...(context.ferryNotMeasured
      ? [`**Ferry was not measured in this run:** ${context.ferryNotMeasured}.`]
      : []),
    `Ferry runs as \`node bin/ferry.mjs get|put [-r] URL PATH --parallel ${FERRY_PARALLEL}\` with the password in an environment variable, the test CA via \`--ca\` and the harness host key pre-seeded in Ferry’s own known-hosts store (\`--known-hosts\`); \`NODE_EXTRA_CA_CERTS\` is removed from its environment. bin/ferry.mjs raises V8’s interrupt budget 8× for the command (a short run spent ~¼ of its CPU in the optimizing compiler); the desktop app’s long-lived main process keeps V8’s defaults, and the UI rows measure the app itself.`,
    `OpenSSH \`sftp\` runs in batch mode through \`sshpass\` (\`-o BatchMode=no -b FILE\`), cipher ${SSH_CIPHER} (the fastest here with AES-NI, and what ssh2 negotiates on such CPUs), default request pipelining (64 × 32 KiB); the host key is checked against a known_hosts file (StrictHostKeyChecking=yes).`,
    `lftp runs \`get\`/\`put\` for the single file and \`mirror --parallel=${LFTP_PARALLEL}\` / \`mirror -R --parallel=${LFTP_PARALLEL}\` for trees (4 beat 1 and 8 here), FTPS with \`ftp:ssl-force\`, \`ssl-protect-data\` and the test CA; over SFTP it runs OpenSSH \`ssh\` with the same cipher and known_hosts. Retries are capped at 3 (1 s apart) so a failing case ends.`,
    'curl runs only the single file (`--ssl-reqd --cacert`): it has no recursive mode, and fed 1,000 file URLs it managed 2.5 files/s downloading (398 s, TLS 1.2), 16 files/s uploading over TLS 1.2 and failed with `522` over TLS 1.3 on this vsftpd — minutes per round for a foregone result.',
    'Every tool gets a private HOME, so no user configuration of the account running the benchmark changes its behaviour.',
    'Files are read from and written to the page cache (same disk for both sides, nothing dropped between runs): these are protocol and client costs, not disk speed.',
    'The machine is shared with other work (see the load average): single runs can be off by a factor of two; medians of alternating runs are the figures to compare, ranges say how sure they are.',
    '“Listing” times the core’s own `list()` (electron/core/remote connectors imported directly), not the CLI; connect + login is shown beside it.',
    'Memory: peak RSS of the `ferry` process tree, sampled every 20 ms from /proc (VmHWM of the process, and the summed VmRSS of its tree), for a 1 KiB transfer (baseline) and for the large one; growth = the difference.',
  ];
}
