import type { z } from 'zod';

/** A method the renderer may call: a zod schema for its input, a phantom type for its output. */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Never set at run time; carries the output type. */
  readonly output?: O;
}

/** An event the main process may emit; carries its payload type only. */
export interface EventSpec<P> {
  readonly payload?: P;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });
}

export function event<P>(): EventSpec<P> {
  return {};
}
