/**
 * Applies the person's look-and-feel settings to the page: the theme (on <html data-theme>) and
 * the time format (util.timeLabel). "system" follows the device: dark when it prefers a dark
 * scheme, high contrast when it asks for more contrast or forces colours, light otherwise.
 */
import { useEffect, useState } from 'react';
import type { Preferences } from '../../protocol/events';
import type { PreferencesStore } from '../../store/preferences';
import { useStore } from '../useStore';
import { setTimeFormat } from '../util';
import './themes.css';

export type AppliedTheme = 'light' | 'dark' | 'contrast';

export function resolveTheme(choice: Preferences['theme'], device: { dark: boolean; moreContrast: boolean }): AppliedTheme {
  if (choice !== 'system') return choice;
  if (device.moreContrast) return 'contrast';
  return device.dark ? 'dark' : 'light';
}

const QUERIES = { dark: '(prefers-color-scheme: dark)', moreContrast: '(prefers-contrast: more), (forced-colors: active)' };

function deviceScheme(): { dark: boolean; moreContrast: boolean } {
  const m = (q: string) => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(q).matches;
  return { dark: m(QUERIES.dark), moreContrast: m(QUERIES.moreContrast) };
}

/** Keeps the page's theme and time format in step with the settings; undone when the session ends. */
export function useAppliedPreferences(preferences: PreferencesStore): void {
  useStore(preferences);
  const { theme, timeFormat } = preferences.get();
  const [device, setDevice] = useState(deviceScheme);
  useEffect(() => {
    if (theme !== 'system' || typeof window.matchMedia !== 'function') return;
    const lists = Object.values(QUERIES).map((q) => window.matchMedia(q));
    const on = () => setDevice(deviceScheme());
    for (const l of lists) l.addEventListener?.('change', on);
    return () => {
      for (const l of lists) l.removeEventListener?.('change', on);
    };
  }, [theme]);
  const applied = resolveTheme(theme, device);
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
  }, [applied]);
  // Set while rendering, so the times drawn in this same render already use it.
  setTimeFormat(timeFormat);
  useEffect(
    () => () => {
      delete document.documentElement.dataset.theme;
      setTimeFormat('24h');
    },
    [],
  );
}
