import { isMethodName, methods, type Handlers } from '../../shared/contract';
import { toErrorInfo, type Result } from '../../shared/errors';

/**
 * The one path every call takes, whatever the transport: known method, valid input,
 * then the core; errors come back as values (Electron passes only an Error's message).
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown,
  onInternalError?: (method: string, error: unknown) => void,
): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return {
      ok: false,
      error: {
        code: 'unknown_method',
        message: `"${String(method)}" is not something Ferry can do.`,
      },
    };
  }
  const parsed = methods[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return {
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Ferry could not accept that request${where}: ${issue?.message ?? 'invalid input'}.`,
      },
    };
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    const info = toErrorInfo(error);
    if (info.code === 'internal') onInternalError?.(method, error);
    return { ok: false, error: info };
  }
}
