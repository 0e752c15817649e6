/**
 * Vitest lifecycles for tests on real things. `harnessForSuite` gives a suite (a file, or a
 * describe block) the harness's servers: it starts them before the suite's tests and stops them
 * after, and (given a prefix) makes a scratch folder on local disk and removes it. `scratchForSuite`
 * and `scratchPerTest` give the suite, or each test, an empty local folder of its own. Call them at the top of the suite; read what
 * they return inside hooks and tests, where it exists. Hooks the suite adds later run after these
 * start and, on the way out, before they stop (Vitest runs "after" hooks last-registered first),
 * so a suite may still close its own sessions and files first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
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
    if (scratchPrefix !== undefined) scratch = await makeScratch(scratchPrefix);
  });
  afterAll(async () => {
    await servers?.stop();
    if (scratch) await removeScratch(scratch);
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

/** An empty local folder for the suite's tests, made before them, removed after them. */
export function scratchForSuite(prefix: string): { readonly path: string } {
  let path: string | undefined;
  beforeAll(async () => {
    path = await makeScratch(prefix);
  });
  afterAll(async () => {
    if (path) await removeScratch(path);
  });
  return {
    get path() {
      if (!path) throw new Error('The scratch folder is there only inside tests and their hooks.');
      return path;
    },
  };
}

/** An empty local folder for each test of the suite, made before the test, removed after it. */
export function scratchPerTest(prefix: string): { readonly path: string } {
  let path: string | undefined;
  beforeEach(async () => {
    path = await makeScratch(prefix);
  });
  afterEach(async () => {
    if (path) await removeScratch(path);
    path = undefined;
  });
  return {
    get path() {
      if (!path) throw new Error('The scratch folder is there only inside tests and their hooks.');
      return path;
    },
  };
}

const makeScratch = (prefix: string): Promise<string> => mkdtemp(join(tmpdir(), prefix));
const removeScratch = (path: string): Promise<void> => rm(path, { recursive: true, force: true });
