/** Issue 7's targets, and how one case measures up: Ferry's median against the best peer's. */
import type { CaseRecord, ToolRecord } from './cases';
import { ratio, summarize, type Summary } from './stats';

export interface Target {
  factor: number;
  /** 'best' = the fastest peer that got every run right; otherwise a peer's tool id. */
  against: 'best' | string;
  text: string;
}

export function targetFor(record: Pick<CaseRecord, 'endpoint' | 'workload'>): Target | undefined {
  if (record.workload === 'large') return { factor: 1, against: 'best', text: '≥ 1.0× best peer' };
  if (record.workload !== 'small') return undefined;
  return record.endpoint === 'sftp'
    ? { factor: 3, against: 'openssh-sftp', text: '≥ 3× OpenSSH sftp' }
    : { factor: 1.5, against: 'lftp', text: '≥ 1.5× lftp' };
}

export interface ToolOutcome {
  tool: ToolRecord;
  /** Over the verified runs only. */
  summary?: Summary;
  failedRuns: number;
}

export interface CaseVerdict {
  ferry?: ToolOutcome;
  peers: ToolOutcome[];
  bestPeer?: ToolOutcome;
  /** Ferry ÷ best peer (medians). */
  ratioToBest?: number;
  target?: Target;
  /** Ferry ÷ the target's peer. */
  ratioToTarget?: number;
  /** undefined when it cannot be judged (Ferry not run, or no peer to compare with). */
  met?: boolean;
}

export function outcome(tool: ToolRecord): ToolOutcome {
  const rates = tool.runs.filter((r) => r.ok).map((r) => r.rate as number);
  const summary = summarize(rates);
  return {
    tool,
    failedRuns: tool.runs.filter((r) => !r.ok).length,
    ...(summary ? { summary } : {}),
  };
}

const clean = (o: ToolOutcome): boolean => o.failedRuns === 0 && o.summary !== undefined;

export function judge(record: CaseRecord): CaseVerdict {
  const measured = record.tools.filter((t) => !t.skipped && t.runs.length > 0).map(outcome);
  const ferry = measured.find((o) => o.tool.isFerry);
  const peers = measured.filter((o) => !o.tool.isFerry);
  // A peer that delivered wrong bytes or failed is no yardstick: it does not count as best.
  const bestPeer = peers
    .filter(clean)
    .sort((a, b) => (b.summary as Summary).median - (a.summary as Summary).median)[0];
  const target = targetFor(record);
  const yardstick =
    target === undefined
      ? undefined
      : target.against === 'best'
        ? bestPeer
        : peers.find((p) => p.tool.tool === target.against && clean(p));
  const ferryMedian = ferry && clean(ferry) ? ferry.summary?.median : undefined;
  const ratioToBest = ratio(ferryMedian, bestPeer?.summary?.median);
  const ratioToTarget = ratio(ferryMedian, yardstick?.summary?.median);
  let met: boolean | undefined;
  if (ferry && !clean(ferry))
    met = false; // a fast wrong answer (or a crash) misses every target
  else if (target && ratioToTarget !== undefined) met = ratioToTarget >= target.factor;
  return {
    peers,
    ...(ferry ? { ferry } : {}),
    ...(bestPeer ? { bestPeer } : {}),
    ...(ratioToBest !== undefined ? { ratioToBest } : {}),
    ...(target ? { target } : {}),
    ...(ratioToTarget !== undefined ? { ratioToTarget } : {}),
    ...(met !== undefined ? { met } : {}),
  };
}
