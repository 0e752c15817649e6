/**
 * The many-small-files transfer in the UI: the browser edition in Debian's Chromium
 * (Playwright) downloads and uploads a folder tree with the panes' Download / Upload buttons,
 * timed from the click until the transfer panel says everything finished. Beside the time it
 * records the page's main-thread busy time (Chromium's task time, and long tasks over 50 ms) and
 * the CPU the app's own process spent, since events to the page can cost more than the bytes.
 * Every file that moved is checked by SHA-256 against its source.
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { startFerryApp, type FerryAppProcess } from '../e2e/app-server';
import { compareManifests, hashTree } from './data';
import type { Endpoint, EndpointId } from './endpoints';
import { FERRY_PARALLEL } from './ferry';
import { giveToTestUser, run } from './layout';
import { startAppProfile } from './ui-app-profile';

const TIMEOUT_MS = 180_000;

export interface UiTransferRun {
  round: number;
  /** Click on Download / Upload → the panel shows nothing moving and the folder done. */
  seconds?: number;
  /** Chromium main-thread task time during the transfer (CDP `TaskDuration`). */
  pageBusySeconds?: number;
  /** Long tasks (> 50 ms) observed in the page during the transfer: count and total time. */
  longTasks?: number;
  longTaskSeconds?: number;
  /** CPU (user + system) of the app's process (engine, events, WebSocket) during the transfer. */
  appCpuSeconds?: number;
  ok: boolean;
  failure?: string;
}

export interface UiTransferRecord {
  endpoint: EndpointId;
  direction: 'download' | 'upload';
  files: number;
  runs: UiTransferRun[];
}

/** Where the tree is: a local folder (upload source) and the same tree on the server. */
export interface UiTransferSetup {
  localTree: string;
  /** Harness-relative folder holding the tree on the server (download source). */
  remoteTreeRel: string;
  /** Harness-relative folder under which upload targets are made (owned by the test user). */
  uploadParentRel: string;
  /** The harness root on disk (to hand new upload folders to the test user). */
  serverRoot: string;
  /**
   * The app's HOME, where downloads land; the benchmark removes it when it ends. Nothing received
   * is removed between runs (see freshTargets in layout.ts: on this machine's ext4, creating files
   * right after removing a 1,000-file tree costs every run ~0.4 s of kernel time).
   */
  home: string;
}

interface PageGlobals {
  __longTasks: Array<{ start: number; duration: number }>;
  PerformanceObserver: new (cb: (list: { getEntries(): PerfEntry[] }) => void) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  performance: { now(): number };
  document: { querySelector(selector: string): { textContent: string | null } | null };
}
interface PerfEntry {
  startTime: number;
  duration: number;
}

/** User + system CPU seconds of a process, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** The app's process: the child of this process running out/main/web.js. */
async function appPid(): Promise<number | undefined> {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes('web.js')) return Number(name);
    } catch {
      // The process ended meanwhile.
    }
  }
  return undefined;
}

async function taskDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function connect(page: Page, endpoint: Endpoint): Promise<void> {
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption(endpoint.protocol);
  await page.getByRole('textbox', { name: 'Host' }).fill(endpoint.host);
  await page.getByRole('textbox', { name: 'Port' }).fill(String(endpoint.port));
  await page.getByRole('textbox', { name: 'User' }).fill(endpoint.user);
  await page.getByRole('textbox', { name: 'Password' }).fill(endpoint.password);
  await page.getByRole('textbox', { name: 'Password' }).press('Enter');
  const question =
    endpoint.protocol === 'sftp'
      ? page.getByRole('dialog', { name: 'Is this the right server?' })
      : page.getByRole('dialog', { name: 'The server’s certificate is not trusted' });
  await question.waitFor({ timeout: 30_000 });
  if (endpoint.protocol === 'sftp') {
    const text = (await question.textContent()) ?? '';
    if (!text.includes(endpoint.hostKeyFingerprint))
      throw new Error('the host key shown is not the harness key');
  }
  await question.getByRole('button', { name: 'Connect once' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected to' }).waitFor({ timeout: 30_000 });
}

/** Polls `check` until it holds (cheap Playwright reads, not a busy loop). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen in 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function goTo(page: Page, pane: 'Local files' | 'Remote files', path: string) {
  const region = page.getByRole('region', { name: pane });
  const grid = region.getByRole('grid', { name: pane });
  const bar = region.getByRole('textbox', { name: 'Folder path' });
  const settled = async () => (await grid.getAttribute('aria-busy')) === 'false';
  // The folder the pane shows (its last breadcrumb), not the path bar: the bar keeps what was
  // typed even when that folder did not open.
  const shown = () => region.locator('[aria-current="location"]').getAttribute('title');
  // After the first listing: it would otherwise replace the folder typed here.
  await until(async () => (await bar.inputValue()) !== '' && (await settled()), `${pane} listing`);
  await bar.fill(path);
  await bar.press('Enter');
  await until(
    async () => (await shown()) === path && (await settled()),
    `${pane} at ${path}`,
  ).catch(async (error: unknown) => {
    const alert = region.getByRole('alert');
    const why = (await alert.count()) > 0 ? ` (the pane says: ${await alert.textContent()})` : '';
    throw new Error(`${failureText(error)}: it shows ${await shown()}${why}`);
  });
  return grid;
}

/** Resolves when the panel counts `finished` finished rows and nothing queued or moving. */
async function waitForAllDone(page: Page, finished: number): Promise<void> {
  await page.waitForFunction(
    ({ want }) => {
      // Inline DOM reads: no helper functions (the bundler would wrap them in a helper the page lacks).
      const { document } = globalThis as unknown as PageGlobals;
      return (
        document.querySelector('#transfer-filter-current')?.textContent ===
          'Queued and active (0)' &&
        document.querySelector('#transfer-filter-finished')?.textContent === `Finished (${want})`
      );
    },
    { want: finished },
    { polling: 20, timeout: Number(process.env.FERRY_UI_BENCH_TIMEOUT ?? TIMEOUT_MS) },
  );
}

async function failedCount(page: Page): Promise<string> {
  return (await page.locator('#transfer-filter-failed').textContent()) ?? '';
}

async function oneRun(
  page: Page,
  cdp: CDPSession,
  pid: number | undefined,
  click: () => Promise<void>,
  finished: number,
): Promise<Omit<UiTransferRun, 'round' | 'ok'>> {
  const pageStart = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).performance.now(),
  );
  const busyBefore = await taskDuration(cdp);
  const cpuBefore = pid ? await cpuSeconds(pid) : undefined;
  const profileDir = process.env.FERRY_UI_BENCH_PROFILE;
  if (profileDir) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const appProfileDir = process.env.FERRY_UI_BENCH_APP_PROFILE;
  const appProfile = appProfileDir && pid ? await startAppProfile(pid, appProfileDir) : undefined;
  const started = performance.now();
  await click();
  await waitForAllDone(page, finished);
  const seconds = (performance.now() - started) / 1000;
  await appProfile?.stop();
  if (profileDir) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    await writeFile(join(profileDir, `page-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  const busyAfter = await taskDuration(cdp);
  const cpuAfter = pid ? await cpuSeconds(pid) : undefined;
  const tasks = await page.evaluate(
    (from) => (globalThis as unknown as PageGlobals).__longTasks.filter((t) => t.start >= from),
    pageStart,
  );
  return {
    seconds,
    pageBusySeconds: busyAfter - busyBefore,
    longTasks: tasks.length,
    longTaskSeconds: tasks.reduce((sum, t) => sum + t.duration, 0) / 1000,
    ...(cpuBefore !== undefined && cpuAfter !== undefined
      ? { appCpuSeconds: cpuAfter - cpuBefore }
      : {}),
  };
}

async function openPage(browser: Browser, app: FerryAppProcess) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    const web = globalThis as unknown as PageGlobals;
    web.__longTasks = [];
    new web.PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        web.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(app.url);
  return { page, cdp };
}

function failureText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** Downloads then uploads the tree `rounds` times each through one app and page per endpoint. */
export async function measureUiTransfers(
  endpoint: Endpoint,
  setup: UiTransferSetup,
  rounds: number,
): Promise<UiTransferRecord[]> {
  const expected = await hashTree(setup.localTree);
  const treeName = basename(setup.localTree);
  const download: UiTransferRecord = {
    endpoint: endpoint.id,
    direction: 'download',
    files: expected.size,
    runs: [],
  };
  const upload: UiTransferRecord = { ...download, direction: 'upload', runs: [] };
  const dataDir = await mkdtemp(join(tmpdir(), 'ferry-ui-bench-'));
  // The same number of connections as the CLI gets, so the two times compare.
  await writeFile(
    join(dataDir, 'settings.json'),
    JSON.stringify({ parallelTransfers: FERRY_PARALLEL }),
  );
  const app = await startFerryApp({ dataDir, home: setup.home });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  let finished = 0;
  try {
    await measureRounds();
  } catch (error) {
    // The app, the browser or the connection failed before or between rounds.
    for (const record of [download, upload])
      if (record.runs.length < rounds)
        record.runs.push({ round: 0, ok: false, failure: failureText(error) });
  } finally {
    await browser.close();
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return [download, upload];

  async function measureRounds(): Promise<void> {
    const pid = await appPid();
    const { page, cdp } = await openPage(browser, app);
    await connect(page, endpoint);
    for (let round = 1; round <= rounds; round++) {
      const target = join(app.home, `ui-down-${endpoint.id}-${round}`);
      await mkdir(target);
      try {
        await goTo(page, 'Local files', target);
        const parentRel = dirname(setup.remoteTreeRel).replace(/^\.$/, '');
        const remoteParent = endpoint.remotePath(parentRel).replace(/(.)\/$/, '$1');
        const remote = await goTo(page, 'Remote files', remoteParent);
        await remote.getByRole('gridcell', { name: treeName, exact: true }).click();
        const measured = await oneRun(
          page,
          cdp,
          pid,
          () =>
            page
              .getByRole('region', { name: 'Remote files' })
              .getByRole('button', { name: 'Download to this computer' })
              .click(),
          ++finished,
        );
        const wrong = compareManifests(expected, await hashTree(join(target, treeName)));
        const failed = await failedCount(page);
        const failure =
          wrong.length > 0
            ? `wrong bytes: ${wrong.slice(0, 3).join('; ')}`
            : failed !== 'Failed (0)'
              ? failed
              : undefined;
        download.runs.push({ round, ...measured, ok: !failure, ...(failure ? { failure } : {}) });
      } catch (error) {
        if (process.env.FERRY_UI_BENCH_SHOTS)
          await page.screenshot({ path: join(process.env.FERRY_UI_BENCH_SHOTS, 'down.png') });
        download.runs.push({ round, ok: false, failure: failureText(error) });
      }
      await run('sync', []);

      const upRel = `${setup.uploadParentRel}/ui-up-${endpoint.id}-${round}`;
      await mkdir(endpoint.diskPath(upRel), { recursive: true });
      await giveToTestUser(setup.serverRoot, [upRel]);
      try {
        const local = await goTo(page, 'Local files', dirname(setup.localTree));
        await goTo(page, 'Remote files', endpoint.remotePath(upRel));
        await local.getByRole('gridcell', { name: treeName, exact: true }).click();
        const measured = await oneRun(
          page,
          cdp,
          pid,
          () =>
            page
              .getByRole('region', { name: 'Local files' })
              .getByRole('button', { name: 'Upload to server' })
              .click(),
          ++finished,
        );
        const wrong = compareManifests(
          expected,
          await hashTree(endpoint.diskPath(`${upRel}/${treeName}`)),
        );
        const failure =
          wrong.length > 0 ? `wrong bytes: ${wrong.slice(0, 3).join('; ')}` : undefined;
        upload.runs.push({ round, ...measured, ok: !failure, ...(failure ? { failure } : {}) });
      } catch (error) {
        if (process.env.FERRY_UI_BENCH_SHOTS)
          await page.screenshot({ path: join(process.env.FERRY_UI_BENCH_SHOTS, 'up.png') });
        upload.runs.push({ round, ok: false, failure: failureText(error) });
      }
      await run('sync', []);
    }
  }
}
