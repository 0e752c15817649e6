import { z } from 'zod';
import { event, method } from './define';

export interface AppInfo {
  edition: 'desktop' | 'browser';
  version: string;
  platform: string;
  /** Where local deletes go: the OS trash, or gone for good. */
  deleteMode: 'trash' | 'permanent';
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({})),
  /**
   * Whether the log shows every command and reply of the transfer connections (off: their
   * routine per-file lines are summarised). Sets it when `transferCommands` is given; returns
   * the state either way.
   */
  'log.detail': method<{ transferCommands: boolean }>()(
    z.object({ transferCommands: z.boolean().optional() }),
  ),
};

export const appEvents = {
  /** A line for the log panel; secrets already redacted. */
  'log.line': event<{
    sessionId?: string;
    level: 'info' | 'command' | 'reply' | 'error';
    text: string;
    at: number;
  }>(),
};
