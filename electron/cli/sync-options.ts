import { type Command, InvalidArgumentError } from 'commander';
import {
  exclusion,
  withConnectionOptions,
  withQueueOptions,
  type ConnectionOptions,
} from './options';

/** up: the server is made to match LOCAL; down: LOCAL is made to match the server; both. */
export type SyncWay = 'up' | 'down' | 'both';

export interface SyncCliOptions extends ConnectionOptions {
  direction: SyncWay;
  delete?: boolean;
  dryRun?: boolean;
  sizeOnly?: boolean;
  mirror?: boolean;
  exclude?: string[];
  parallel?: number;
  retries?: number;
  limitRate?: number;
}

function way(value: string): SyncWay {
  if (value === 'up' || value === 'down' || value === 'both') return value;
  throw new InvalidArgumentError(`"${value}" is not a direction: use up, down or both.`);
}

/**
 * `ferry sync`'s options: the app's Synchronize dialog for scripts (the shared/contract/sync
 * names are not imported here: that module loads zod, which every command would pay for).
 */
export function withSyncOptions(command: Command): Command {
  return withQueueOptions(withConnectionOptions(command))
    .requiredOption(
      '--direction <WAY>',
      'up (the server matches LOCAL), down (LOCAL matches the server) or both (the newer copy wins)',
      way,
    )
    .option(
      '--delete',
      'with up or down: also delete what is only on the side being made to match (off by default)',
    )
    .option(
      '--mirror',
      'with up or down: also replace files that are newer on the side being made to match',
    )
    .option('--dry-run', 'print what would be done, and do nothing')
    .option('--size-only', 'files of the same size are the same, whatever their times')
    .option(
      '--exclude <PATTERN>',
      'leave out on both sides (never sent, never deleted) what this name or pattern matches, at any depth: .git, *.tmp, node_modules/; repeatable',
      exclusion,
    );
}
