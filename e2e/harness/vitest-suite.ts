/**
 * The harness's servers for one Vitest suite (a file, or a describe block): `harnessForSuite`
 * starts them before the suite's tests and stops them after, and (given a prefix) makes a scratch
 * folder on local disk and removes it. Call it at the top of the suite; read `servers` and
 * `scratch` inside hooks and tests, where they exist. Hooks the suite adds later run after the
 * start and, on the way out, before the stop (Vitest runs "after" hooks last-registered first),
 * so a suite may still close its own sessions first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startServers, type ServerKind, type TestServers } from './servers';

export interface Harness {
  /** The started servers (only inside hooks and tests). */
  readonly servers: TestServers;
  /** An empty local folder of this file's own (only when `harnessForSuite` was given a prefix). */
  readonly scratch: string;
}

/** Starts `kinds` for this file and, with `scratchPrefix`, a scratch folder. */
export function harnessForSuite(kinds: readonly ServerKind[], scratchPrefix?: string): Harness {
  let servers: TestServers | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    servers = await startServers([...kinds]);
    if (scratchPrefix !== undefined) scratch = await mkdtemp(join(tmpdir(), scratchPrefix));
  });
  afterAll(async () => {
    await servers?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  return {
    get servers() {
      if (!servers) throw new Error('The harness servers are there only inside hooks and tests.');
      return servers;
    },
    get scratch() {
      if (!scratch) throw new Error('No scratch folder: pass harnessForSuite a prefix for one.');
      return scratch;
    },
  };
}
