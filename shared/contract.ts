/**
 * The single list of what the renderer may ask and what the main process may tell.
 * Each feature keeps its part in shared/contract/<feature>.ts; this file only joins them.
 */
import type { z } from 'zod';
import { appEvents, appMethods } from './contract/app';
import { bookmarkMethods } from './contract/bookmarks';
import type { EventSpec, MethodSpec } from './contract/define';
import { editorMethods } from './contract/editor';
import { keepUpEvents, keepUpMethods } from './contract/keepup';
import { localMethods } from './contract/local';
import { loginEvents, loginMethods } from './contract/login';
import { moveEvents, moveMethods } from './contract/move';
import { permissionsEvents, permissionsMethods } from './contract/permissions';
import { probeEvents, probeMethods } from './contract/probe';
import { proxyMethods } from './contract/proxy';
import { remoteEvents, remoteMethods } from './contract/remote';
import { searchEvents, searchMethods } from './contract/search';
import { settingsEvents, settingsMethods } from './contract/settings';
import { sitesEvents, sitesMethods } from './contract/sites';
import { syncEvents, syncMethods } from './contract/sync';
import { transfersEvents, transfersMethods } from './contract/transfers';
import { trustMethods } from './contract/trust';

export const methods = {
  ...appMethods,
  ...localMethods,
  ...remoteMethods,
  ...moveMethods,
  ...editorMethods,
  ...searchMethods,
  ...permissionsMethods,
  ...syncMethods,
  ...keepUpMethods,
  ...transfersMethods,
  ...sitesMethods,
  ...bookmarkMethods,
  ...probeMethods,
  ...settingsMethods,
  ...proxyMethods,
  ...trustMethods,
  ...loginMethods,
};

export const events = {
  ...appEvents,
  ...remoteEvents,
  ...searchEvents,
  ...permissionsEvents,
  ...syncEvents,
  ...keepUpEvents,
  ...transfersEvents,
  ...sitesEvents,
  ...probeEvents,
  ...settingsEvents,
  ...loginEvents,
  ...moveEvents,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (before defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (after validation). */
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> =
  Methods[M] extends MethodSpec<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> =
  (typeof events)[E] extends EventSpec<infer P> ? P : never;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Where the core's events go; each transport supplies one. */
export type EmitEvent = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** The core's implementation of every method. */
export type Handlers = {
  [M in MethodName]: (input: MethodArgs<M>) => Promise<MethodOutput<M>>;
};

/** The IPC channel names; only transports and the preload use them. */
export const IPC_INVOKE_CHANNEL = 'ferry:invoke';
export const IPC_EVENT_CHANNEL = 'ferry:event';
