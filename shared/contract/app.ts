import { z } from 'zod';
import { event, method } from './define';

export interface AppInfo {
  edition: 'desktop' | 'browser';
  version: string;
  platform: string;
  /** Where local deletes go: the OS trash, or gone for good. */
  deleteMode: 'trash' | 'permanent';
}

/** A line for the log panel; secrets already redacted. */
export interface LogLine {
  sessionId?: string;
  level: 'info' | 'command' | 'reply' | 'error';
  text: string;
  at: number;
  /** The line's number since Ferry started (set by the core's log history, electron/core). */
  seq?: number;
}

export type NumberedLogLine = LogLine & { seq: number };

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
  /**
   * The recent log lines (at most the last 500), oldest first, numbered above `after` when it
   * is given: a page that (re)loads shows the lines logged before it listened.
   */
  'log.recent': method<NumberedLogLine[]>()(
    z.object({ after: z.number().int().min(0).optional() }),
  ),
};

export const appEvents = {
  /** A line for the log panel; secrets already redacted. */
  'log.line': event<LogLine>(),
};
