import { Command, CommanderError } from 'commander';
import { dirname, join } from 'node:path';
import { FerryError } from '../../shared/errors';
import { EXIT, exitCodeFor, usageError, type ExitCode } from './exit-codes';
import type { JumpHostEndpoint } from '../../shared/jump-host';
import type { ProxyEndpoint } from '../../shared/proxy';
import type { ProbeCommandArgs } from './probe-command';
import {
  proxyAddress,
  withConnectionOptions,
  withJumpOptions,
  withTransferOptions,
  type ConnectionOptions,
  type Output,
  type TransferOptions,
} from './options';
import type { ChmodOptions } from './commands/chmod';
import type { FindOptions } from './commands/find';
import { withSyncOptions, type SyncCliOptions } from './sync-options';
import { withFindOptions } from './find-options';
import { createOutput } from './output';

interface ProbeOptions {
  ports?: string;
  knownHosts?: string;
  ca: string[];
  json?: boolean;
  proxy?: ProxyEndpoint;
  proxyPasswordEnv?: string;
  jump?: JumpHostEndpoint;
  jumpPasswordEnv?: string;
  jumpKey?: string;
  jumpPassphraseEnv?: string;
  acceptNewHostKey?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const URLS =
  'URLs: sftp://, ftpes:// (FTPS explicit), ftps:// (FTPS implicit), ftp:// — user@host:port/path';

/** Runs one command and turns whatever it threw into words and an exit code. */
async function attempt(
  options: ConnectionOptions,
  work: (out: Output) => Promise<ExitCode>,
): Promise<ExitCode> {
  const out = createOutput(options.json === true, options.verbose === true);
  try {
    return await work(out);
  } catch (error) {
    const code = exitCodeFor(error);
    const info =
      error instanceof FerryError
        ? error.toInfo()
        : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
    out.warn(`ferry: ${info.message}`);
    if ('hint' in info && info.hint) out.warn(`  ${info.hint}`);
    if (out.json) out.result(JSON.stringify({ ok: false, error: info }));
    return code;
  }
}

/** Parses `argv` and runs the command; resolves with the exit code. */
export async function runCli(argv: string[]): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('ferry')
    .description(`Move files over SFTP and FTPS, with the engine of the Ferry app.\n${URLS}`)
    .exitOverride()
    .showHelpAfterError('(ferry --help shows every command and option)');

  withConnectionOptions(
    program.command('ls').argument('<URL>').description('list a folder (or show a file)'),
  ).action(async (url: string, opts: ConnectionOptions) => {
    const { ls } = await import('./commands/remote-ops');
    exitCode = await attempt(opts, (out) => ls(url, opts, out));
  });

  withTransferOptions(
    program.command('get').argument('<URL>').argument('<LOCAL>').description('download'),
  ).action(async (url: string, local: string, opts: TransferOptions) => {
    const { get } = await import('./commands/get');
    exitCode = await attempt(opts, (out) => get(url, local, opts, out));
  });

  // Commander allows a variadic argument only last: LOCAL... URL arrive as one list.
  withTransferOptions(
    program
      .command('put')
      .argument('<LOCAL...>')
      .usage('[options] LOCAL... URL')
      .description('upload')
      .option(
        '--watch',
        'with -r and one folder: then keep sending what changes in it (new and changed files), until Ctrl+C',
      ),
  ).action(async (paths: string[], opts: TransferOptions) => {
    exitCode = await attempt(opts, async (out) => {
      const url = paths.at(-1);
      if (paths.length < 2 || url === undefined) {
        throw usageError(
          'put needs a local file or folder and a server address.',
          'ferry put [-r] LOCAL... URL',
        );
      }
      const { put } = await import('./commands/put');
      return put(paths.slice(0, -1), url, opts, out);
    });
  });

  withFindOptions(
    withConnectionOptions(
      program
        .command('find')
        .argument('<URL>')
        .description('list what matches below a server folder, one path per line'),
    ),
  ).action(async (url: string, opts: FindOptions) => {
    const { find } = await import('./commands/find');
    exitCode = await attempt(opts, (out) => find(url, opts, out));
  });

  withSyncOptions(
    program
      .command('sync')
      .argument('<LOCAL>')
      .argument('<URL>')
      .description(
        'make a server folder and a folder here match (as the app’s Synchronize): prints the plan, then does it',
      ),
  ).action(async (local: string, url: string, opts: SyncCliOptions) => {
    const { sync } = await import('./commands/sync');
    exitCode = await attempt(opts, (out) => sync(local, url, opts, out));
  });

  withConnectionOptions(
    program
      .command('chmod')
      .argument('<MODE>')
      .argument('<URL>')
      .option('-R, --recursive', 'also everything inside a folder')
      .option('--files-only', 'with -R: change files, not folders')
      .option('--folders-only', 'with -R: change folders, not files')
      .option('--add-x', 'folders get x wherever they get r (644 -R --add-x: folders 755)')
      .description('change permissions (octal, like 644), of a folder and what is inside with -R'),
  ).action(async (mode: string, url: string, opts: ChmodOptions) => {
    const { chmod } = await import('./commands/chmod');
    exitCode = await attempt(opts, (out) => chmod(mode, url, opts, out));
  });

  withConnectionOptions(
    program
      .command('rm')
      .argument('<URL>')
      .option('-r, --recursive', 'delete a folder with everything inside')
      .description('delete a file (or, with -r, a folder)'),
  ).action(async (url: string, opts: ConnectionOptions & { recursive?: boolean }) => {
    const { rm } = await import('./commands/remote-ops');
    exitCode = await attempt(opts, (out) => rm(url, opts, out));
  });

  withConnectionOptions(
    program.command('mkdir').argument('<URL>').description('create a folder (and its parents)'),
  ).action(async (url: string, opts: ConnectionOptions) => {
    const { mkdir } = await import('./commands/remote-ops');
    exitCode = await attempt(opts, (out) => mkdir(url, opts, out));
  });

  withJumpOptions(program.command('probe'))
    .argument('<HOST>')
    .option('--ports <LIST>', 'ports to check (default 22,21,990)')
    .option('--known-hosts <FILE>', "Ferry's known hosts (to say whether a key is trusted)")
    .option('--ca <FILE>', 'trust this certificate authority too (repeatable)', collect, [])
    .option('--json', 'machine-readable output')
    .option(
      '--proxy <URL>',
      'check through this proxy: socks5://[user@]host:port or http://[user@]host:port',
      proxyAddress,
    )
    .option('--proxy-password-env <NAME>', "the proxy user's password from this variable")
    .option('--accept-new-host-key', "trust and remember the --jump host's unknown SSH key")
    .description('check which secure ways in a host offers, and grade them (exit 6: none)')
    .action(async (host: string, opts: ProbeOptions) => {
      const { runProbeCommand } = await import('./probe-command');
      const { dataDir, proxySettings, refuseJumpLoginWithoutJump } = await import('./connect');
      const { parsePortList } = await import('../../shared/contract/probe');
      let ports: number[] | undefined;
      if (opts.ports !== undefined) {
        const parsed = parsePortList(opts.ports);
        if ('problem' in parsed) {
          console.error(`ferry: ${parsed.problem}`);
          exitCode = EXIT.usage;
          return;
        }
        ports = parsed.ports;
      }
      // What is missing to log in to the proxy or the jump host is said in words, with a hint.
      exitCode = await attempt({ json: opts.json === true }, async () => {
        const folder = await dataDir();
        const proxy = opts.proxy && (await proxySettings(opts.proxy, opts));
        const knownHostsPath = opts.knownHosts ?? join(folder, 'known-hosts.json');
        // Through a jump host: Ferry logs in there (its key checked as for any connection).
        if (!opts.jump) refuseJumpLoginWithoutJump(opts);
        const jump = opts.jump && (await probeJump(opts.jump, opts, knownHostsPath, folder));
        return (await runProbeCommand({
          ...(proxy ? { proxy } : {}),
          ...(jump ? { jump } : {}),
          host,
          json: opts.json === true,
          knownHostsPath,
          certPinsPath: join(folder, 'pinned-certificates.json'),
          caPaths: opts.ca,
          ...(ports ? { ports } : {}),
        })) as ExitCode;
      });
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; everything else commander refused is a usage error.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}

/** What `probe --jump` needs to log in to the jump host: its login and how to trust its key. */
async function probeJump(
  endpoint: JumpHostEndpoint,
  opts: ProbeOptions,
  knownHostsPath: string,
  folder: string,
): Promise<NonNullable<ProbeCommandArgs['jump']>> {
  const { jumpSettings } = await import('./connect');
  const { cliTrust } = await import('./cli-trust');
  const { canPrompt } = await import('./prompt');
  const { KnownHosts } = await import('../core/trust/known-hosts');
  const { CertPins } = await import('../core/trust/cert-pins');
  const { mkdir } = await import('node:fs/promises');
  // A jump host key accepted here is remembered there, as a connection's would be.
  await mkdir(dirname(knownHostsPath), { recursive: true, mode: 0o700 });
  return {
    settings: await jumpSettings(endpoint, opts),
    trust: cliTrust({
      knownHosts: new KnownHosts(knownHostsPath),
      pins: new CertPins(join(folder, 'pinned-certificates.json')),
      acceptNewHostKey: opts.acceptNewHostKey === true,
      interactive: canPrompt(),
      say: (line) => void process.stderr.write(`${line}\n`),
    }),
  };
}
