/**
 * `npm run bench`: Ferry against the peer tools on real servers (issue 7). See bench/README.md.
 *   --quick        one round, small sizes (smoke check)
 *   --only sftp|ftps
 *   --runs N       rounds per case (default 3)
 *   --out DIR      where results.md/json go (default: bench/ for a full run, a temp folder for --quick)
 *   --no-build     do not rebuild a missing or stale ferry CLI
 *   --skip LIST    comma-separated parts to leave out: transfers, fixed, listing, memory, ui
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServers, type ServerKind } from '../e2e/harness/servers';
import { runTransferCases } from './cases';
import { describeEndpoints, type EndpointId } from './endpoints';
import { ferry, ferryMissing, staleSources } from './ferry';
import { measureFixedCost } from './fixed-cost';
import { newTargetLedger, prepareData, run, type Layout } from './layout';
import { measureListing, prepareListingFolder } from './listing';
import { describeMachine } from './machine';
import { measureMemory } from './memory';
import { PEERS } from './peers';
import { captureOutput, killRunningTools } from './proc';
import { createProgress } from './progress';
import { writeReport, toMarkdown } from './report';
import type { BenchResults, UiRecord } from './results';
import type { Tool } from './tools';
import { measureUi, uiMissing } from './ui';
import { measureUiTransfers } from './ui-transfer';
import { FULL_SIZES, QUICK_SIZES, workloads } from './workloads';
import { benchNotes } from './notes';

const PARTS = ['transfers', 'fixed', 'listing', 'memory', 'ui'] as const;
type Part = (typeof PARTS)[number];

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      runs: { type: 'string' },
      out: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      skip: { type: 'string', default: '' },
    },
  });
  if (values.only !== undefined && !['sftp', 'ftps'].includes(values.only)) {
    throw new Error(`--only takes sftp or ftps, not "${values.only}"`);
  }
  const rounds = values.runs !== undefined ? Number(values.runs) : values.quick ? 1 : 3;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--runs takes a whole number ≥ 1`);
  const skip = values.skip.split(',').filter(Boolean);
  const unknown = skip.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0)
    throw new Error(`--skip knows ${PARTS.join(', ')}, not ${unknown.join(', ')}`);
  return {
    quick: values.quick,
    only: values.only as 'sftp' | 'ftps' | undefined,
    rounds,
    out: values.out,
    build: !values['no-build'],
    parts: PARTS.filter((part) => !skip.includes(part)) as Part[],
  };
}

async function prepareFerry(
  build: boolean,
  note: (text: string) => void,
): Promise<string | undefined> {
  const stale = await staleSources();
  if (build && (stale.length > 0 || (await ferryMissing()))) {
    note(
      `building the ferry CLI (npx electron-vite build)${stale.length > 0 ? `: ${stale.length} sources are newer than out/main/cli.js` : ''}`,
    );
    await run('npx', ['electron-vite', 'build']).catch((error: unknown) =>
      note(`build failed: ${String(error)}`),
    );
  } else if (stale.length > 0) {
    note(
      `WARNING: out/main/cli.js is older than ${stale.length} sources (e.g. ${stale[0]}); numbers are for the built code`,
    );
  }
  return ferryMissing();
}

async function main(): Promise<void> {
  const opts = options();
  const started = performance.now();
  const progress = createProgress(started);
  const repo = join(import.meta.dirname, '..');
  progress.note('checking the peer tools (scripts/provision.sh installs missing ones via apt)');
  await run('bash', [
    join(repo, 'scripts', 'provision.sh'),
    'lftp',
    'sshpass',
    'openssh-client',
    'curl',
  ]);
  const machine = await describeMachine();
  const sizes = opts.quick ? QUICK_SIZES : FULL_SIZES;
  const timeoutMs = opts.quick ? 60_000 : 180_000;

  const notMeasured = await prepareFerry(opts.build, progress.note);
  if (notMeasured) progress.note(`Ferry will not be measured: ${notMeasured}`);
  const tools: Tool[] = [...(notMeasured ? [] : [ferry]), ...PEERS];

  const wanted: EndpointId[] =
    opts.only === 'sftp'
      ? ['sftp']
      : opts.only === 'ftps'
        ? ['ftps13', 'ftps12']
        : ['sftp', 'ftps13', 'ftps12'];
  const kinds: ServerKind[] = [
    ...(wanted.includes('sftp') ? (['sftp'] as const) : []),
    ...(wanted.includes('ftps13') ? (['ftps-explicit', 'ftps-explicit-tls12'] as const) : []),
  ];
  progress.note(`starting servers: ${kinds.join(', ')}`);
  const servers = await startServers(kinds);
  const work = await mkdtemp(join(tmpdir(), 'ferry-bench-'));
  const removeWork = (): void => rmSync(work, { recursive: true, force: true });
  process.on('exit', removeWork);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killRunningTools();
      // The harness stops its servers on the same signal (≤ 3 s); exit runs the removals.
      setTimeout(() => process.exit(130), 3500).unref();
    });
  }
  try {
    const layout: Layout = {
      work,
      data: join(work, 'data'),
      down: join(work, 'down'),
      serverRoot: servers.root,
      targets: newTargetLedger(),
    };
    await mkdir(join(work, 'scratch'), { recursive: true });
    const endpoints = await describeEndpoints(servers, wanted, join(work, 'scratch'));
    const loads = workloads(sizes);
    progress.note(`generating test data in ${work}`);
    const manifests = await prepareData(layout, loads);

    const cases = opts.parts.includes('transfers')
      ? await runTransferCases(endpoints, loads, tools, {
          rounds: opts.rounds,
          timeoutMs,
          layout,
          manifests,
          progress,
        })
      : [];

    const fixedCost = opts.parts.includes('fixed')
      ? await measureFixedCost(endpoints, tools, {
          rounds: opts.rounds,
          timeoutMs,
          layout,
          progress,
        })
      : [];

    const listing = [];
    if (opts.parts.includes('listing')) {
      progress.note(`listing: creating ${sizes.listingEntries.toLocaleString('en')} entries`);
      await prepareListingFolder(servers.root, sizes.listingEntries);
      for (const endpoint of endpoints) {
        const record = await measureListing(endpoint, sizes.listingEntries, opts.rounds);
        progress.note(
          `listing ${endpoint.id}: ${record.failure ?? `list() median ${record.list?.median.toFixed(3)} s`}`,
        );
        listing.push(record);
      }
    }

    let memoryNotMeasured: string | undefined = notMeasured;
    const memory =
      opts.parts.includes('memory') && !notMeasured
        ? await measureMemory(
            ferry,
            // TLS 1.2 stands for FTPS here: the memory of a stream does not depend on the TLS version.
            endpoints.filter((e) => e.id !== 'ftps13'),
            layout,
            sizes.memoryBytes,
            timeoutMs,
            progress,
          )
        : [];
    if (!opts.parts.includes('memory')) memoryNotMeasured = 'left out (--skip memory)';

    const ui: UiRecord = { entries: sizes.listingEntries, runs: [] };
    const sftp = endpoints.find((e) => e.id === 'sftp');
    const uiReason = !opts.parts.includes('ui')
      ? 'left out (--skip ui)'
      : !opts.parts.includes('listing')
        ? 'needs the listing folder (do not --skip listing)'
        : !sftp
          ? 'needs the SFTP server (not with --only ftps)'
          : uiMissing();
    if (uiReason) ui.notMeasured = uiReason;
    else if (sftp) {
      progress.note('UI: opening the large folder in the browser edition (Chromium)');
      const measured = await measureUi(sftp, sizes.listingEntries, opts.rounds);
      ui.runs = measured.runs;
      if (measured.failure) ui.failure = measured.failure;
    }
    const uiTransferReason = !opts.parts.includes('ui') ? 'left out (--skip ui)' : uiMissing();
    if (uiTransferReason) ui.transfersNotMeasured = uiTransferReason;
    else {
      ui.transfers = [];
      for (const endpoint of endpoints) {
        progress.note(
          `UI: 1,000-file folder down and up over ${endpoint.id} in the browser edition`,
        );
        ui.transfers.push(
          ...(await measureUiTransfers(
            endpoint,
            {
              localTree: join(layout.data, 'small'),
              remoteTreeRel: 'src/small',
              uploadParentRel: 'dst',
              serverRoot: servers.root,
              home: join(layout.down, 'ui-home'),
            },
            opts.rounds,
          )),
        );
      }
    }

    machine.loadAverage.end = loadavg()[0] ?? 0;
    const results: BenchResults = {
      date: new Date().toISOString(),
      mode: opts.quick ? 'quick' : 'full',
      rounds: opts.rounds,
      command: [
        'npm run bench',
        ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
      ].join(' '),
      durationSeconds: (performance.now() - started) / 1000,
      machine,
      revision: {
        commit: (await captureOutput('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'])).trim(),
        staleSources: await staleSources(),
      },
      endpoints: endpoints.map((e) => ({ id: e.id, title: e.title })),
      workloads: loads.map((w) => ({
        id: w.id,
        title: w.title,
        files: w.files.length,
        bytes: w.totalBytes,
        unit: w.unit,
      })),
      cases,
      fixedCost,
      listing,
      memory,
      ...(memoryNotMeasured && memory.length === 0 ? { memoryNotMeasured } : {}),
      ui,
      notes: benchNotes({ ferryNotMeasured: notMeasured }),
    };
    const outDir =
      opts.out ?? (opts.quick ? join(tmpdir(), 'ferry-bench-quick') : import.meta.dirname);
    await mkdir(outDir, { recursive: true });
    const markdownPath = join(outDir, 'results.md');
    await writeReport(results, markdownPath, join(outDir, 'results.json'));
    process.stdout.write(`${toMarkdown(results)}\n`);
    progress.note(`wrote ${markdownPath} and results.json`);
  } finally {
    await servers.stop();
    removeWork();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
