/**
 * Fitting free text into the sites file's limits, and saying in plain words which value did not
 * fit. Limits count UTF-16 code units, as zod's `max` does.
 */
import type { z } from 'zod';

/** `text` cut to at most `max` units with an ellipsis, never splitting a surrogate pair. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  host: 'host',
  user: 'user',
  port: 'port',
  keyFile: 'key file',
  localDir: 'local folder',
  remoteDir: 'remote folder',
  notes: 'notes',
  transferConcurrency: 'number of parallel transfers',
  serverTimeOffsetMinutes: 'server time offset',
  syncBrowsing: 'synchronized browsing',
  auth: 'login kind',
  proxyMode: 'proxy',
  proxyHost: 'proxy host',
  proxyPort: 'proxy port',
  proxyUser: 'proxy user',
  nameEncoding: 'file name encoding',
};

/** "host is longer than 255 characters", "name is empty", "remote folder is not valid". */
export function fieldProblem(issue: z.core.$ZodIssue): string {
  const key = issue.path.findLast((p): p is string => typeof p === 'string') ?? 'value';
  const field = FIELD_WORDS[key] ?? key;
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `${field} is longer than ${issue.maximum} characters`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `${field} is empty`;
  return `${field} is not valid`;
}
