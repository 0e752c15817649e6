/**
 * Runs one local handler and prints its result as JSON. Tests start this script as an
 * unprivileged user, because root (which runs our tests) ignores file permissions.
 */
import { toErrorInfo } from '../../../../shared/errors';
import { createLocalHandlers, type LocalHandlers } from '../local-fs';

async function main(): Promise<void> {
  const [method, input] = JSON.parse(process.argv[2] ?? '[]') as [keyof LocalHandlers, unknown];
  const handlers = createLocalHandlers({ deleteMode: 'permanent' });
  const handler = handlers[method] as (input: unknown) => Promise<unknown>;
  try {
    process.stdout.write(JSON.stringify({ ok: true, value: await handler(input) }));
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: toErrorInfo(error) }));
  }
}

void main();
