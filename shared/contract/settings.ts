import { z } from 'zod';
import { event, method } from './define';
import { exclusionProblem, MAX_EXCLUSIONS } from '../name-filter';
import { isSpeedLimit, SPEED_UNITS } from '../speed-limit';
import { CONFLICT_ACTIONS, MAX_PARALLEL_TRANSFERS, THEMES, type Settings } from './settings-values';

export {
  CONFLICT_ACTIONS,
  DEFAULT_SETTINGS,
  MAX_PARALLEL_TRANSFERS,
  type ConflictAction,
  type Settings,
} from './settings-values';

export const conflictAction = z.enum(CONFLICT_ACTIONS);

/** A speed limit: a positive number in KiB/s or MiB/s, from 1 KiB/s to 10 GiB/s. */
export const speedLimitShape = z
  .object({ value: z.number(), unit: z.enum(SPEED_UNITS) })
  .strict()
  .refine(isSpeedLimit, { message: 'A speed limit must be from 1 KiB/s to 10,240 MiB/s.' });

/** The user's preferences, checked at the contract (the type is Settings in settings-values.ts). */
export const settingsShape = z.object({
  parallelTransfers: z.number().int().min(1).max(MAX_PARALLEL_TRANSFERS),
  defaultConflictAction: z.enum(['ask', ...CONFLICT_ACTIONS]),
  retries: z.number().int().min(0).max(10),
  confirmBeforeDelete: z.boolean(),
  showHidden: z.boolean(),
  theme: z.enum(THEMES),
  downloadLimit: speedLimitShape.nullable(),
  uploadLimit: speedLimitShape.nullable(),
  downloadLimitKept: speedLimitShape.optional(),
  uploadLimitKept: speedLimitShape.optional(),
  excludedNames: z
    .array(
      z.string().superRefine((pattern, context) => {
        const problem = exclusionProblem(pattern);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    )
    .max(MAX_EXCLUSIONS, `At most ${MAX_EXCLUSIONS} names or patterns.`),
}) satisfies z.ZodType<Settings>;

/** Compiles only while the schema and the Settings type describe the same object. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const settingsShapeMatchesType: Same<z.infer<typeof settingsShape>, Settings> = true;

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
