import { type Command, InvalidArgumentError } from 'commander';
import {
  NAME_ENCODINGS,
  type NameEncoding,
  nameEncodingFromWords,
} from '../../shared/name-encodings';
import { exclusionProblem } from '../../shared/name-filter';
import { type JumpHostEndpoint, parseJumpAddress } from '../../shared/jump-host';
import { type ProxyEndpoint, parseProxyAddress } from '../../shared/proxy';
import { parseRate } from '../../shared/speed-limit';
import type { SessionLog } from '../core/log';

/** How to reach and trust a server (secrets only through the environment or a prompt). */
export interface ConnectionOptions {
  passwordEnv?: string;
  identity?: string;
  passphraseEnv?: string;
  knownHosts?: string;
  acceptNewHostKey?: boolean;
  ca?: string[];
  trustCert?: string;
  insecurePlainFtp?: boolean;
  timeout?: number;
  json?: boolean;
  verbose?: boolean;
  /** --proxy: where to connect through (its password only from the environment or a prompt). */
  proxy?: ProxyEndpoint;
  proxyPasswordEnv?: string;
  /** --jump: an SSH jump host to connect through (its secrets only from the environment or a prompt). */
  jump?: JumpHostEndpoint;
  jumpPasswordEnv?: string;
  jumpKey?: string;
  jumpPassphraseEnv?: string;
  /** --encoding: how an FTP server writes file names (absent: UTF-8 where the server takes it). */
  encoding?: NameEncoding;
}

export interface TransferOptions extends ConnectionOptions {
  recursive?: boolean;
  parallel?: number;
  retries?: number;
  onConflict?: string;
  /** Bytes per second for all the command's transfers together (--limit-rate). */
  limitRate?: number;
  /** Names and patterns a folder transfer leaves out (--exclude, repeatable). */
  exclude?: string[];
  /** put: after the upload, keep sending what changes in the folder until Ctrl+C (--watch). */
  watch?: boolean;
}

/** Where a command's words go: results to stdout, everything else to stderr. */
export interface Output {
  json: boolean;
  result(text: string): void;
  info(text: string): void;
  warn(text: string): void;
  log: SessionLog;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function integer(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      // Commander reports this one as a usage error (exit 2), naming the option and the value.
      throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** A speed as curl's --limit-rate takes it (see parseRate), in bytes per second. */
export function rate(value: string): number {
  const parsed = parseRate(value);
  if ('problem' in parsed) throw new InvalidArgumentError(parsed.problem);
  return parsed.bytesPerSecond;
}

/** One --exclude pattern, refused at once when it could not be used. */
export function exclusion(value: string, previous: string[] = []): string[] {
  const problem = exclusionProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return [...previous, value];
}

/** A --proxy address, refused at once when it is not one. */
export function proxyAddress(value: string): ProxyEndpoint {
  const parsed = parseProxyAddress(value);
  if ('problem' in parsed) throw new InvalidArgumentError(parsed.problem);
  return parsed;
}

/** A --jump host, refused at once when it is not one. */
function jumpAddress(value: string): JumpHostEndpoint {
  const parsed = parseJumpAddress(value);
  if ('problem' in parsed) throw new InvalidArgumentError(parsed.problem);
  return parsed;
}

/** An --encoding name, refused at once when Ferry does not know it. */
function nameEncoding(value: string): NameEncoding {
  const known = nameEncodingFromWords(value);
  if (known) return known;
  throw new InvalidArgumentError(
    `"${value}" is not an encoding Ferry knows; use one of: ${NAME_ENCODINGS.join(', ')}.`,
  );
}

/** --jump and its login (the connecting commands, and `probe`). */
export function withJumpOptions(command: Command): Command {
  return command
    .option(
      '--jump <USER@HOST[:PORT]>',
      'connect through this SSH jump host (as ssh -J), for servers reachable only from there',
      jumpAddress,
    )
    .option(
      '--jump-password-env <NAME>',
      "read the jump host's password from environment variable NAME (default: FERRY_JUMP_PASSWORD)",
    )
    .option('--jump-key <FILE>', 'SSH private key for the jump host')
    .option(
      '--jump-passphrase-env <NAME>',
      "read the jump host key's passphrase from environment variable NAME",
    );
}

/** The options every command that connects understands. */
export function withConnectionOptions(command: Command): Command {
  command
    .option(
      '--password-env <NAME>',
      'read the password from environment variable NAME (default: FERRY_PASSWORD)',
    )
    .option('--identity <FILE>', 'SSH private key for sftp://')
    .option('--passphrase-env <NAME>', "read the key's passphrase from environment variable NAME")
    .option('--known-hosts <FILE>', "known-hosts store (default: Ferry's own)")
    .option(
      '--accept-new-host-key',
      'trust and remember an unknown SSH host key (never a changed one)',
    )
    .option(
      '--ca <FILE>',
      'also trust this certificate authority (PEM) for FTPS; repeatable',
      collect,
    )
    .option(
      '--trust-cert <SHA256>',
      'trust exactly this server certificate (its SHA-256 fingerprint)',
    )
    .option('--insecure-plain-ftp', 'allow ftp:// although it sends everything unencrypted')
    .option(
      '--proxy <URL>',
      'connect through this proxy: socks5://[user@]host:port or http://[user@]host:port',
      proxyAddress,
    )
    .option(
      '--proxy-password-env <NAME>',
      "read the proxy user's password from environment variable NAME (default: FERRY_PROXY_PASSWORD)",
    );
  return withJumpOptions(command)
    .option(
      '--encoding <NAME>',
      'how an ftp:// or ftps:// server writes file names: utf-8, windows-1252, shift_jis… (default: auto)',
      nameEncoding,
    )
    .option('--timeout <SECONDS>', 'time to connect and log in', integer(1, 600, '--timeout'), 15)
    .option('--json', 'machine-readable output on stdout')
    .option('-v, --verbose', 'show the conversation with the server (passwords masked)');
}

/** How the transfer queue runs: transfers at once, retries, speed limit (put, get, sync). */
export function withQueueOptions(command: Command): Command {
  return command
    .option('--parallel <N>', 'transfers at once (1-10)', integer(1, 10, '--parallel'), 2)
    .option('--retries <N>', 'retries after a network error', integer(0, 10, '--retries'), 3)
    .option(
      '--limit-rate <RATE>',
      'at most this many bytes per second for all files together: 500K, 2M (K = KiB, M = MiB)',
      rate,
    );
}

export function withTransferOptions(command: Command): Command {
  return withQueueOptions(
    withConnectionOptions(command).option(
      '-r, --recursive',
      'transfer folders with everything inside',
    ),
  )
    .option(
      '--exclude <PATTERN>',
      'leave out of folder transfers what this name or pattern matches, at any depth: .git, *.tmp, node_modules/ (/ = folders only); repeatable',
      exclusion,
    )
    .option(
      '--on-conflict <ACTION>',
      'when the target exists: overwrite, newer (overwrite if newer), resume, rename or skip',
      'overwrite',
    );
}
