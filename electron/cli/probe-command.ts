/**
 * `ferry probe HOST [--ports 22,21,990,2222] [--json] [--jump USER@HOST[:PORT]]`: the security
 * check from a terminal (through an SSH jump host: its own SSH port graded too).
 * Exit code 0 when something secure (SFTP or FTPS) answers, 6 when only plain FTP or nothing does;
 * a check that could not run exits as any command would (a refused --jump login 3, its key 4).
 */
import { readFile } from 'node:fs/promises';
import { parsePortList } from '../../shared/contract/probe';
import { FerryError } from '../../shared/errors';
import type { JumpHostSettings } from '../../shared/jump-host';
import type { ProxySettings } from '../../shared/proxy';
import type { SessionLog } from '../core/log';
import type { TrustDecider } from '../core/remote/connect-deps';
import { probeHost, type ProbeOptions } from '../core/probe/probe-host';
import { reportText } from '../core/probe/report-text';
import { exitCodeFor } from './exit-codes';
import { CertPins } from '../core/trust/cert-pins';
import { KnownHosts } from '../core/trust/known-hosts';

export interface ProbeCommandArgs {
  host: string;
  ports?: number[];
  json: boolean;
  /** Ferry's known hosts, to say whether an SSH key is already trusted. */
  knownHostsPath?: string;
  /** Ferry's pinned certificates, to say whether a certificate is already trusted. */
  certPinsPath?: string;
  /** PEM files of extra authorities to trust (as `--ca` does for connections). */
  caPaths?: string[];
  /** --proxy: every port is checked through it (through --jump: the way to the jump host). */
  proxy?: ProxySettings;
  /** --jump: every port is checked through this SSH jump host, logged in to first. */
  jump?: { settings: JumpHostSettings; trust: TrustDecider };
}

export const PROBE_EXIT = { secure: 0, failed: 1, insecure: 6 } as const;

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STANDARD_OUTPUT: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

export async function runProbeCommand(
  args: ProbeCommandArgs,
  output: Output = STANDARD_OUTPUT,
): Promise<number> {
  const options: ProbeOptions = { host: args.host };
  let tunnel: { close(): void } | undefined;
  if (args.proxy) options.proxy = args.proxy;
  if (args.ports && args.ports.length > 0) options.ports = args.ports;
  if (args.knownHostsPath) {
    const knownHosts = new KnownHosts(args.knownHostsPath);
    options.knownHost = (host, port, type, fingerprint) =>
      knownHosts.lookup(host, port, type, fingerprint);
  }
  if (args.certPinsPath) {
    const pins = new CertPins(args.certPinsPath);
    options.isPinned = (host, port, fingerprint) => pins.isPinned(host, port, fingerprint);
  }
  try {
    if (args.caPaths && args.caPaths.length > 0) {
      options.extraCa = await Promise.all(args.caPaths.map((path) => readCa(path)));
    }
    if (args.jump) {
      const { JumpTunnel } = await import('../core/remote/jump/jump-tunnel');
      const server = `${args.host}:${args.ports?.[0] ?? 22}`;
      const jumpTunnel = new JumpTunnel(
        args.jump.settings,
        args.proxy ?? null,
        {
          trust: args.jump.trust,
          log: quietLog(),
          timeoutMs: JUMP_LOGIN_MS,
        },
        server,
      );
      tunnel = jumpTunnel;
      options.jump = { endpoint: args.jump.settings, tunnel: jumpTunnel };
    }
    const report = await probeHost(options);
    output.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
    return report.secureOffered ? PROBE_EXIT.secure : PROBE_EXIT.insecure;
  } catch (error) {
    const info =
      error instanceof FerryError
        ? error
        : new FerryError('internal', 'The security check failed unexpectedly.', 'Try again.');
    output.err(`${info.message}\n${info.hint ? `${info.hint}\n` : ''}`);
    // A host that cannot be found offers nothing secure either (through --jump it is the jump
    // host's name, only looked up here). Else as any command: 3 login, 4 trust, 5 connection.
    if (info.code === 'host_not_found' && !args.jump) return PROBE_EXIT.insecure;
    return exitCodeFor(info);
  } finally {
    tunnel?.close();
  }
}

/** The jump host's login, as `ferry`'s connections allow it by default. */
const JUMP_LOGIN_MS = 15_000;

/** The check prints its report, not the jump login's conversation (secrets never reach it). */
function quietLog(): SessionLog {
  return { write: () => undefined, addSecret: () => undefined };
}

/** For `--ports 22,21,990,2222`: the ports, or a usage error in plain words. */
export function parsePortsOption(text: string): number[] {
  const parsed = parsePortList(text);
  if ('problem' in parsed) {
    throw new FerryError('invalid_input', parsed.problem, 'Write the ports like 22,21,990,2222.');
  }
  return parsed.ports;
}

async function readCa(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FerryError(
      'not_found',
      `The certificate authority file ${path} could not be read.`,
      'Check the path given to --ca.',
      { cause: error },
    );
  }
}
