import { call, describeError, on } from '../../api';
import { watchPaneSettings } from './paneSettings';
import { adopt, applyTheme, useSettings } from './settingsStore';

let started = false;

/** Loads the settings, applies them (theme, panes), and follows changes; once per page. */
export function startSettings(): void {
  if (started) return;
  started = true;
  applyTheme(useSettings.getState().settings.theme);
  on('settings.changed', adopt);
  watchPaneSettings();
  void call('settings.get', {})
    .then(adopt)
    .catch((error: unknown) => useSettings.setState({ loadError: describeError(error) }));
}
