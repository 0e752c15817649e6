/**
 * The typed client of the contract. Components call `call('local.list', { path })` and get the
 * method's output, or an ApiError carrying the coded error.
 */
import type {
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../shared/contract';
import type { ErrorCode, ErrorInfo } from '../shared/errors';
import type { Bridge } from './transport/bridge';
import { connectWebSocket, takeTokenFromLocation } from './transport/websocket';

export class ApiError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly hint?: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    if (info.hint !== undefined) this.hint = info.hint;
  }
}

function pickBridge(): Bridge {
  if (window.ferry) return window.ferry;
  const token = takeTokenFromLocation() ?? sessionStorage.getItem('ferry.token') ?? '';
  return connectWebSocket(token);
}

let bridge: Bridge | undefined;
function getBridge(): Bridge {
  bridge ??= pickBridge();
  return bridge;
}

/** Connects at start-up, so the token leaves the address bar before anything else runs. */
export function initApi(): void {
  getBridge();
}

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await getBridge().invoke(method, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value as MethodOutput<M>;
}

export function on<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return getBridge().on(event, listener as (payload: unknown) => void);
}

/** What happened and what to do, in one line (where a notice has room for only one). */
export function errorInWords(error: unknown): string {
  const { message, hint } = describeError(error);
  return hint === undefined ? message : `${message} ${hint}`;
}

/** Turns anything caught into words for the user. */
export function describeError(error: unknown): ErrorInfo {
  if (error instanceof ApiError) {
    return error.hint === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, hint: error.hint };
  }
  return { code: 'internal', message: 'Something went wrong.', hint: 'Try again.' };
}
