/**
 * A separator between two panes that a person drags, or moves with the arrow keys (Shift: larger
 * steps; Home/End: the limits). It reports the size of the pane it resizes; `reverse` when that
 * pane is after it (the activity log below, grown by dragging up).
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import './Splitter.css';

export interface SplitterProps {
  label: string;
  orientation: 'vertical' | 'horizontal';
  /** The resized pane's size now, px. */
  value: number;
  min: number;
  max: number;
  reverse?: boolean;
  onChange: (size: number) => void;
}

const STEP = 16;

export function Splitter({ label, orientation, value, min, max, reverse = false, onChange }: SplitterProps) {
  const drag = useRef<{ start: number; size: number } | null>(null);
  const clamp = (size: number) => Math.round(Math.min(max, Math.max(min, size)));
  const coordinate = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onKeyDown = (e: KeyboardEvent) => {
    const grow = orientation === 'vertical' ? 'ArrowRight' : reverse ? 'ArrowUp' : 'ArrowDown';
    const shrink = orientation === 'vertical' ? 'ArrowLeft' : reverse ? 'ArrowDown' : 'ArrowUp';
    const step = e.shiftKey ? STEP * 4 : STEP;
    const next =
      e.key === grow ? value + step : e.key === shrink ? value - step : e.key === 'Home' ? min : e.key === 'End' ? max : null;
    if (next === null) return;
    e.preventDefault();
    onChange(clamp(next));
  };

  return (
    <div
      role="separator"
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { start: coordinate(e), size: value };
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const moved = coordinate(e) - drag.current.start;
        onChange(clamp(drag.current.size + (reverse ? -moved : moved)));
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
    />
  );
}
