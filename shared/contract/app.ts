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
