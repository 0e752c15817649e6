/**
 * What one command costs before any real data moves: each tool fetching and sending a 1 KiB
 * file (process start-up, connect, TLS or SSH handshake, login, one tiny transfer, exit).
 */
import { runTransferCases, type CaseOptions, type CaseRecord } from './cases';
import type { Endpoint } from './endpoints';
import { prepareData } from './layout';
import type { Tool } from './tools';
import { singleFile } from './workloads';

export async function measureFixedCost(
  endpoints: Endpoint[],
  tools: Tool[],
  options: Omit<CaseOptions, 'manifests'>,
): Promise<CaseRecord[]> {
  const tiny = singleFile('tiny', 1024);
  const manifests = await prepareData(options.layout, [tiny]);
  return runTransferCases(endpoints, [tiny], tools, { ...options, manifests });
}
