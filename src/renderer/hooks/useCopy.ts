import { useCallback, useEffect, useRef, useState } from 'react';
import { copyText } from '../lib/clipboard.js';

/** Copies text and reports 'copied' or 'failed' for a moment, so the button can say so. */
export function useCopy(): [state: 'idle' | 'copied' | 'failed', copy: (text: string) => void] {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback((text: string) => {
    void copyText(text).then((ok) => {
      setState(ok ? 'copied' : 'failed');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setState('idle'), 1500);
    });
  }, []);
  return [state, copy];
}
