/**
 * Contract handlers for transport tests: each records what reached it and answers with
 * `behaviour(method, input)`. The transports are the unit under test, not the core.
 */
import { METHOD_NAMES, type Handlers } from '../../shared/contract';

export interface HandlerCall {
  method: string;
  input: unknown;
}

export function recordingHandlers(
  behaviour: (method: string, input: unknown) => unknown = () => 'done',
): { calls: HandlerCall[]; handlers: Handlers } {
  const calls: HandlerCall[] = [];
  const entries = METHOD_NAMES.map((method) => [
    method,
    async (input: unknown) => {
      calls.push({ method, input });
      return behaviour(method, input);
    },
  ]);
  return { calls, handlers: Object.fromEntries(entries) as Handlers };
}
