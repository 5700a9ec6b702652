import { useEffect, useRef } from 'react';
import { useStudio } from '../store/context.js';
import type { Selection } from '../store/types.js';

/**
 * Escape closes the Settings page, back to what was open before it, unless something inside took
 * the key first (a dialog, an editor) or the person is typing in a field (what they typed stays).
 * Native <dialog> elements close on Escape by themselves.
 */
export function useEscapeCloses(): void {
  const selection = useStudio((s) => s.selection);
  const select = useStudio((s) => s.select);
  const before = useRef<Selection>(null);
  const settingsOpen = selection?.kind === 'settings';
  useEffect(() => {
    if (!settingsOpen) {
      before.current = selection;
      return;
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      const typing =
        target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable === true;
      if (typing || target?.closest('dialog[open]')) return;
      select(before.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [settingsOpen, selection, select]);
}
