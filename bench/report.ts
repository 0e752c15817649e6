/** Turns the results into bench/results.md (tables for people) and bench/results.json (raw). */
import { writeFile } from 'node:fs/promises';
import type { CaseRecord } from './cases';
import type { BenchResults } from './results';
import { summarize, type Summary } from './stats';
import { judge, type ToolOutcome } from './targets';
import { uiTransferSection } from './report-ui-transfer';

const MiB = 1024 * 1024;

export function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const range = (s: Summary): string =>
  s.n > 1 ? ` (${formatNumber(s.min)}–${formatNumber(s.max)})` : '';

function cell(outcome: ToolOutcome | undefined, skipped: string | undefined): string {
  if (skipped) return '–';
  if (!outcome) return 'not measured';
  const total = outcome.tool.runs.length;
  if (outcome.failedRuns > 0) {
    const ok = outcome.summary
      ? ` · ${formatNumber(outcome.summary.median)} in ${outcome.summary.n} ok`
      : '';
    return `**FAILED ${outcome.failedRuns}/${total}**${ok}`;
  }
  return outcome.summary
    ? `${formatNumber(outcome.summary.median)}${range(outcome.summary)}`
    : 'not measured';
}

function caseRow(record: CaseRecord, columns: string[], title: string): string {
  const verdict = judge(record);
  const all = [...(verdict.ferry ? [verdict.ferry] : []), ...verdict.peers];
  const cells = columns.map((id) => {
    const tool = record.tools.find((t) => t.tool === id);
    return cell(
      all.find((o) => o.tool.tool === id),
      tool?.skipped ?? (tool ? undefined : 'not in this run'),
    );
  });
  const best = verdict.bestPeer ? `${verdict.bestPeer.tool.tool}` : '–';
  const ratioText = verdict.ratioToBest !== undefined ? `${verdict.ratioToBest.toFixed(2)}×` : '–';
  let target = '';
  if (verdict.target) {
    const ferryRan = verdict.ferry !== undefined;
    const mark =
      verdict.met === undefined
        ? ferryRan
          ? 'not judged (no verified peer)'
          : 'Ferry not measured'
        : verdict.met
          ? '✓ met'
          : '✗ missed';
    const against =
      verdict.target.against !== 'best' && verdict.ratioToTarget !== undefined
        ? ` (${verdict.ratioToTarget.toFixed(2)}×)`
        : '';
    target = `${verdict.target.text}: ${mark}${against}`;
  }
  return `| ${title} | ${record.direction} | ${cells.join(' | ')} | ${best} | ${ratioText} | ${target} |`;
}

function transferTables(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const endpoint of results.endpoints) {
    const records = results.cases.filter((c) => c.endpoint === endpoint.id);
    if (records.length === 0) continue;
    const columns: { id: string; label: string; isFerry: boolean }[] = [];
    for (const record of records) {
      for (const tool of record.tools) {
        const participates = records.some((r) =>
          r.tools.some((t) => t.tool === tool.tool && !t.skipped),
        );
        if (participates && !columns.some((c) => c.id === tool.tool)) {
          columns.push({ id: tool.tool, label: tool.label, isFerry: tool.isFerry });
        }
      }
    }
    columns.sort((a, b) => Number(b.isFerry) - Number(a.isFerry));
    lines.push(`### ${endpoint.title}`, '');
    lines.push(
      `| workload | direction | ${columns.map((c) => (c.isFerry ? `**${c.label}**` : c.label)).join(' | ')} | best peer | Ferry ÷ best peer | target |`,
      `|---|---|${columns.map(() => '---:').join('|')}|---|---:|---|`,
    );
    for (const record of records) {
      const workload = results.workloads.find((w) => w.id === record.workload);
      const title = `${workload?.title ?? record.workload} (${record.unit})`;
      lines.push(
        caseRow(
          record,
          columns.map((c) => c.id),
          title,
        ),
      );
    }
    lines.push('');
  }
  return lines;
}

function fixedCostTable(results: BenchResults): string[] {
  if (results.fixedCost.length === 0) return ['Not measured.', ''];
  const lines = ['| server | tool | 1 KiB download, s | 1 KiB upload, s |', '|---|---|---:|---:|'];
  const seconds = (record: CaseRecord | undefined, tool: string): string => {
    const runs = record?.tools.find((t) => t.tool === tool);
    if (!runs || runs.skipped) return '–';
    const summary = summarize(runs.runs.filter((r) => r.ok).map((r) => r.seconds as number));
    const failed = runs.runs.filter((r) => !r.ok).length;
    const text = summary
      ? `${summary.median.toFixed(2)}${summary.n > 1 ? ` (${summary.min.toFixed(2)}–${summary.max.toFixed(2)})` : ''}`
      : '–';
    return failed > 0 ? `**FAILED ${failed}/${runs.runs.length}** ${text}` : text;
  };
  for (const endpoint of results.endpoints) {
    const down = results.fixedCost.find(
      (c) => c.endpoint === endpoint.id && c.direction === 'download',
    );
    const up = results.fixedCost.find(
      (c) => c.endpoint === endpoint.id && c.direction === 'upload',
    );
    for (const tool of down?.tools ?? []) {
      if (tool.skipped) continue;
      const label = tool.isFerry ? `**${tool.label}**` : tool.label;
      lines.push(
        `| ${endpoint.title} | ${label} | ${seconds(down, tool.tool)} | ${seconds(up, tool.tool)} |`,
      );
    }
  }
  return [...lines, ''];
}

function listingTable(results: BenchResults): string[] {
  if (results.listing.length === 0) return ['Not measured.', ''];
  const lines = [
    '| server | entries | `list()` median (range), s | connect + login median, s | result |',
    '|---|---:|---:|---:|---|',
  ];
  for (const record of results.listing) {
    const title = results.endpoints.find((e) => e.id === record.endpoint)?.title ?? record.endpoint;
    const list = record.list
      ? `${record.list.median.toFixed(3)}${record.list.n > 1 ? ` (${record.list.min.toFixed(3)}–${record.list.max.toFixed(3)})` : ''}`
      : '–';
    const connect = record.connect ? record.connect.median.toFixed(3) : '–';
    lines.push(
      `| ${title} | ${record.entries.toLocaleString('en')} | ${list} | ${connect} | ${record.failure ? `**FAILED**: ${record.failure}` : 'all entries listed'} |`,
    );
  }
  return [...lines, ''];
}

function memoryTable(results: BenchResults): string[] {
  if (results.memory.length === 0)
    return [
      `Not measured${results.memoryNotMeasured ? `: ${results.memoryNotMeasured}` : ''}.`,
      '',
    ];
  const mib = (bytes: number | undefined): string =>
    bytes === undefined ? '–' : `${Math.round(bytes / MiB)} MiB`;
  const lines = [
    '| server | direction | size | peak RSS | baseline (1 KiB transfer) | growth | target: growth < 150 MiB |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  for (const record of results.memory) {
    const title = results.endpoints.find((e) => e.id === record.endpoint)?.title ?? record.endpoint;
    const growth =
      record.peakRssBytes !== undefined && record.baselineRssBytes !== undefined
        ? record.peakRssBytes - record.baselineRssBytes
        : undefined;
    const verdict = record.failure
      ? `**FAILED**: ${record.failure}`
      : growth === undefined
        ? 'not judged'
        : growth < 150 * MiB
          ? '✓ met'
          : '✗ missed';
    lines.push(
      `| ${title} | ${record.direction} | ${mib(record.bytes)} | ${mib(record.peakRssBytes)} | ${mib(record.baselineRssBytes)} | ${mib(growth)} | ${verdict} |`,
    );
  }
  return [...lines, ''];
}

function uiSection(results: BenchResults): string[] {
  const { ui } = results;
  if (ui.notMeasured) return [`Not measured: ${ui.notMeasured}`, ''];
  const lines: string[] = [];
  const shown = summarize(ui.runs.map((r) => r.shownSeconds));
  const lastRow = summarize(ui.runs.map((r) => r.lastRowSeconds));
  if (shown && lastRow) {
    const seconds = (s: Summary): string =>
      `${s.median.toFixed(2)} s${s.n > 1 ? ` (${s.min.toFixed(2)}–${s.max.toFixed(2)})` : ''}`;
    const met = lastRow.median < 1 && !ui.failure;
    lines.push(
      '| entries | double-click → all rows counted, first rows shown | double-click → last row shown after End | target < 1 s |',
      '|---:|---:|---:|---|',
      `| ${ui.entries.toLocaleString('en')} | ${seconds(shown)} | ${seconds(lastRow)} | ${met ? '✓ met' : '✗ missed'} |`,
      '',
    );
  }
  if (ui.failure) lines.push(`**FAILED**: ${ui.failure}`, '');
  return lines;
}

function failures(results: BenchResults): string[] {
  const lines: string[] = [];
  for (const record of [...results.cases, ...results.fixedCost]) {
    for (const tool of record.tools) {
      for (const run of tool.runs) {
        if (!run.ok)
          lines.push(
            `- ${record.endpoint} · ${record.workload} ${record.direction} · ${tool.tool} · round ${run.round}: ${run.failure}`,
          );
      }
    }
  }
  return lines.length > 0 ? ['## Failed runs', '', ...lines, ''] : [];
}

/** One row per workload and direction, one column per server: Ferry, best peer, ratio, target. */
export function summaryTable(results: BenchResults): string[] {
  const endpoints = results.endpoints.filter((e) => results.cases.some((c) => c.endpoint === e.id));
  const short: Record<string, string> = {
    sftp: 'SFTP',
    ftps13: 'FTPS, TLS 1.3',
    ftps12: 'FTPS, TLS 1.2',
  };
  const lines = [
    `| workload | direction | ${endpoints.map((e) => `${short[e.id] ?? e.id}: Ferry / best peer`).join(' | ')} |`,
    `|---|---|${endpoints.map(() => '---').join('|')}|`,
  ];
  const seen = new Set<string>();
  for (const record of results.cases) {
    const key = `${record.workload} ${record.direction}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const workload = results.workloads.find((w) => w.id === record.workload);
    const cells = endpoints.map((endpoint) => {
      const match = results.cases.find(
        (c) =>
          c.endpoint === endpoint.id &&
          c.workload === record.workload &&
          c.direction === record.direction,
      );
      if (!match) return '–';
      const verdict = judge(match);
      const ferry = verdict.ferry;
      const ferryText = !ferry
        ? 'not measured'
        : ferry.failedRuns > 0
          ? `**FAILED ${ferry.failedRuns}/${ferry.tool.runs.length}**`
          : formatNumber(ferry.summary?.median ?? 0);
      const peerText = verdict.bestPeer
        ? `${formatNumber(verdict.bestPeer.summary?.median ?? 0)} ${verdict.bestPeer.tool.tool}`
        : '–';
      const ratioText =
        verdict.ratioToBest !== undefined ? ` = ${verdict.ratioToBest.toFixed(2)}×` : '';
      const mark = verdict.met === undefined ? '' : verdict.met ? ' ✓' : ' ✗';
      return `${ferryText} / ${peerText}${ratioText}${mark}`;
    });
    lines.push(
      `| ${workload?.title ?? record.workload} (${record.unit}) | ${record.direction} | ${cells.join(' | ')} |`,
    );
  }
  return [...lines, ''];
}

export function toMarkdown(results: BenchResults): string {
  const { machine } = results;
  const minutes = `${Math.floor(results.durationSeconds / 60)} min ${Math.round(results.durationSeconds % 60)} s`;
  const load = `${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end?.toFixed(1) ?? '?'} at the end`;
  return [
    '# Ferry speed benchmark',
    '',
    `Measured ${results.date} with \`${results.command}\` (${results.mode}, ${results.rounds} round${results.rounds === 1 ? '' : 's'}), ${minutes}.`,
    '',
    `**Machine:** ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, ${machine.kernel}, Node ${machine.node}; 1-minute load average ${load}.`,
    '',
    `**Tools:** ${Object.values(machine.tools).join('; ')}.`,
    '',
    `**Ferry:** commit ${results.revision.commit}, the built \`out/main/cli.js\`${results.revision.staleSources.length > 0 ? ` (${results.revision.staleSources.length} source files were newer than the build: ${results.revision.staleSources.slice(0, 3).join(', ')}${results.revision.staleSources.length > 3 ? ', …' : ''})` : ''}.`,
    '',
    "**Method:** loopback (127.0.0.1), servers from the test harness (`e2e/harness`). Every figure is the wall time of the whole process — start-up, connect, login, transfer — as a user would wait for it. Median of the verified runs, range (min–max) in brackets. Tools take turns in an order that rotates from case to case and round to round; every run writes into fresh target folders and writes are `sync`ed before it starts (received trees are removed only at the end: on this machine's ext4, removing 1,000 files right before a run slowed every tool's next run by ~0.4 s); after every run each file's size and SHA-256 are checked, and a run with wrong bytes counts as **FAILED** (a failed peer does not count as best peer). MiB/s = 2²⁰ bytes per second.",
    '',
    '## Summary',
    '',
    'Medians; ✓/✗ = issue 7’s target for that row (single file: ≥ 1.0× the best peer; 1,000 small files: ≥ 3× OpenSSH sftp over SFTP, ≥ 1.5× lftp over FTPS).',
    '',
    ...summaryTable(results),
    '## Transfers',
    '',
    ...transferTables(results),
    '## Fixed cost of one command (1 KiB file, whole process)',
    '',
    ...fixedCostTable(results),
    '## Listing a large remote folder (core time)',
    '',
    ...listingTable(results),
    '## Memory of the `ferry` process during a large transfer',
    '',
    ...memoryTable(results),
    '## Large folder in the UI (browser edition)',
    '',
    ...uiSection(results),
    '## Folder transfer in the UI (browser edition, the small-files tree)',
    '',
    ...uiTransferSection(results),
    ...failures(results),
    '## Notes',
    '',
    ...results.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

export async function writeReport(
  results: BenchResults,
  markdownPath: string,
  jsonPath: string,
): Promise<void> {
  await writeFile(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(markdownPath, toMarkdown(results));
}
