import type { EmitEvent, Handlers } from '../../../shared/contract';
import type { SettingsStore } from './settings-store';

export type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.set'>;

/** `settings.get` / `settings.set`; every change is announced as `settings.changed`. */
export function createSettingsHandlers(deps: {
  store: SettingsStore;
  emit: EmitEvent;
}): SettingsHandlers {
  deps.store.onChange((settings) => deps.emit('settings.changed', settings));
  return {
    'settings.get': () => deps.store.get(),
    'settings.set': (patch) => deps.store.update(patch),
  };
}
