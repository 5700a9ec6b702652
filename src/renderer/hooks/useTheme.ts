import { useEffect } from 'react';
import type { ThemeSetting } from '../../shared/contract.js';

/** 'system' follows prefers-color-scheme (pure CSS); 'light' and 'dark' pin it via data-theme. */
export function useTheme(theme: ThemeSetting | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}
