import { z } from 'zod';
import type { Listing } from '../types';
import { method } from './define';

const path = z.string().min(1).max(4096);
/** A single path segment: no separators, not "." or "..". */
export const entryName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'A name cannot contain / or \\');

export const localMethods = {
  'local.home': method<string>()(z.object({})),
  'local.list': method<Listing>()(z.object({ path })),
  'local.mkdir': method<string>()(z.object({ parent: path, name: entryName })),
  'local.rename': method<string>()(z.object({ path, newName: entryName })),
  /** Moves to the OS trash in the desktop app; deletes permanently in the browser edition. */
  'local.delete': method<void>()(z.object({ paths: z.array(path).min(1).max(10_000) })),
};
