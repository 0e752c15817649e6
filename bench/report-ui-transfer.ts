/** The report's table of folder transfers through the UI, beside the CLI's time for the same files. */
import type { CaseRecord } from './cases';
import type { BenchResults } from './results';
import { summarize, type Summary } from './stats';
import type { UiTransferRecord } from './ui-transfer';

const ENDPOINT_TITLES: Record<string, string> = {
  sftp: 'SFTP',
  ftps13: 'FTPS TLS 1.3',
  ftps12: 'FTPS TLS 1.2',
};

const seconds = (s: Summary | undefined): string =>
  s
    ? `${s.median.toFixed(2)} s${s.n > 1 ? ` (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : ''}`
    : '–';

/** The ferry CLI's wall times for the small-files workload, same server and direction. */
function cliSeconds(cases: CaseRecord[], record: UiTransferRecord): Summary | undefined {
  const match = cases.find(
    (c) =>
      c.workload === 'small' && c.endpoint === record.endpoint && c.direction === record.direction,
  );
  const ferry = match?.tools.find((tool) => tool.isFerry);
  return summarize((ferry?.runs ?? []).filter((r) => r.ok).map((r) => r.seconds ?? NaN));
}

export function uiTransferSection(results: BenchResults): string[] {
  const records = results.ui.transfers ?? [];
  if (results.ui.transfersNotMeasured)
    return [`Not measured: ${results.ui.transfersNotMeasured}`, ''];
  if (records.length === 0) return [];
  const lines = [
    "Download button / Upload button → the transfer panel shows the folder done, nothing moving (page in Chromium, `parallelTransfers` as the CLI's `--parallel`). CLI: the `ferry` process's whole wall time for the same tree (Transfers table). Page busy: Chromium main-thread task time during the transfer; long tasks: > 50 ms; app CPU: the browser edition's process (engine + events). The app is connected before the button is pressed (the CLI's time includes its start and login). Every round writes into new folders, removed only when the benchmark ends (as for the CLI rows).",
    '',
    '| server | direction | app | app files/s | CLI | CLI files/s | app ÷ CLI (time) | page busy | long tasks | app CPU |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const failed: string[] = [];
  for (const record of records) {
    const ok = record.runs.filter((r) => r.ok);
    const app = summarize(ok.map((r) => r.seconds ?? NaN));
    const cli = cliSeconds(results.cases, record);
    const busy = summarize(ok.map((r) => r.pageBusySeconds ?? NaN));
    const longCount = summarize(ok.map((r) => r.longTasks ?? NaN));
    const longTime = summarize(ok.map((r) => r.longTaskSeconds ?? NaN));
    const cpu = summarize(ok.map((r) => r.appCpuSeconds ?? NaN));
    const perSecond = (s: Summary | undefined) =>
      s ? Math.round(record.files / s.median).toString() : '–';
    const ratio = app && cli ? `${(app.median / cli.median).toFixed(2)}×` : '–';
    lines.push(
      `| ${ENDPOINT_TITLES[record.endpoint] ?? record.endpoint} | ${record.direction} | ${seconds(app)} | ${perSecond(app)} | ${seconds(cli)} | ${perSecond(cli)} | ${ratio} | ${seconds(busy)} | ${longCount ? `${longCount.median} (${longTime?.median.toFixed(2)} s)` : '–'} | ${seconds(cpu)} |`,
    );
    for (const run of record.runs)
      if (!run.ok)
        failed.push(`${record.endpoint} ${record.direction} round ${run.round}: ${run.failure}`);
  }
  lines.push('');
  if (failed.length > 0) lines.push(...failed.map((f) => `**FAILED** ${f}`), '');
  return lines;
}
