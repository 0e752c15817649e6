/**
 * The user's preferences as the main process stores them; `settings.changed` keeps every
 * window in step. The theme is applied at once, and cached so a reload does not flash.
 */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/contract/settings';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError } from '../../api';
import './theme.css';

interface SettingsState {
  /** What is stored; the defaults until the first answer arrives. */
  settings: Settings;
  /** The stored settings could not be read (the dialog says so). */
  loadError: ErrorInfo | null;
}

export const useSettings = create<SettingsState>(() => ({
  settings: { ...DEFAULT_SETTINGS, theme: cachedTheme() },
  loadError: null,
}));

const THEME_KEY = 'ferry.theme';

function cachedTheme(): Settings['theme'] {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** `system` follows the OS (styles.css's color-scheme); light and dark override it (theme.css). */
export function applyTheme(theme: Settings['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // private mode: only the flash on reload comes back
  }
}

export function adopt(settings: Settings): void {
  useSettings.setState({ settings, loadError: null });
  applyTheme(settings.theme);
}

/** Stores the given fields; answers an error to show, or null. */
export async function saveSettings(patch: Partial<Settings>): Promise<ErrorInfo | null> {
  try {
    adopt(await call('settings.set', patch));
    return null;
  } catch (error) {
    return describeError(error);
  }
}
