import { useEffect } from 'react';
import type { ThemeSetting } from '../../shared/contract.js';

const systemDark = (): MediaQueryList | undefined => window.matchMedia?.('(prefers-color-scheme: dark)');

/**
 * Puts the effective theme on <html data-theme>: the pinned one, or the OS's for 'system'. The
 * stylesheet then keys its palette on data-theme alone, so the dark palette is written once.
 */
export function applyTheme(theme: ThemeSetting | undefined): void {
  const pinned = theme === 'light' || theme === 'dark' ? theme : undefined;
  document.documentElement.dataset.theme = pinned ?? (systemDark()?.matches ? 'dark' : 'light');
}

/** Keeps data-theme in step with the setting and, for 'system', with the OS as it changes. */
export function useTheme(theme: ThemeSetting | undefined): void {
  useEffect(() => {
    applyTheme(theme);
    const query = systemDark();
    if (theme === 'light' || theme === 'dark' || !query) return;
    const follow = () => applyTheme(theme);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [theme]);
}
