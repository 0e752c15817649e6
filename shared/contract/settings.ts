import { z } from 'zod';
import { event, method } from './define';

export const CONFLICT_ACTIONS = [
  'overwrite',
  'overwrite-if-newer',
  'resume',
  'rename',
  'skip',
] as const;
export const conflictAction = z.enum(CONFLICT_ACTIONS);
export type ConflictAction = z.infer<typeof conflictAction>;

export const MAX_PARALLEL_TRANSFERS = 10;

/** The user's preferences. */
export const settingsShape = z.object({
  parallelTransfers: z.number().int().min(1).max(MAX_PARALLEL_TRANSFERS),
  /** What to do when a transfer's target exists: ask, or apply one action silently. */
  defaultConflictAction: z.enum(['ask', ...CONFLICT_ACTIONS]),
  /** Automatic retries after a network error (0 = none). */
  retries: z.number().int().min(0).max(10),
  confirmBeforeDelete: z.boolean(),
  showHidden: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof settingsShape>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  parallelTransfers: 2,
  defaultConflictAction: 'ask',
  retries: 3,
  confirmBeforeDelete: true,
  showHidden: false,
  theme: 'system',
});

/** A change to some settings: only the fields given are touched. */
export const settingsPatch = settingsShape.partial().strict();

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({})),
  /** Changes the given fields; returns the settings as now stored. */
  'settings.set': method<Settings>()(settingsPatch),
};

export const settingsEvents = {
  /** Settings changed (in this window or another one). */
  'settings.changed': event<Settings>(),
};
