/**
 * A text setting that is saved when the field loses focus or on Enter, after a check that says
 * inline what is wrong. The parent remounts it (key) when the stored value changes elsewhere.
 */
import { useId, useState } from 'react';
import './SettingField.css';

export interface SettingFieldProps<T> {
  label: string;
  help?: string;
  initial: string;
  /** The value to save, or an error message. */
  parse: (text: string) => { ok: true; value: T } | { ok: false; message: string };
  save: (value: T) => Promise<boolean>;
  inputMode?: 'text' | 'numeric';
  mono?: boolean;
}

export function SettingField<T>({ label, help, initial, parse, save, inputMode = 'text', mono = false }: SettingFieldProps<T>) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const commit = () => {
    if (text === initial) return setError(null);
    const parsed = parse(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    setSaving(true);
    void save(parsed.value).finally(() => setSaving(false));
  };

  return (
    <div className="setting">
      <label htmlFor={id}>{label}</label>
      <div className="setting-control">
        <input
          id={id}
          className={`input${mono ? ' mono' : ''}`}
          inputMode={inputMode}
          value={text}
          aria-invalid={error !== null}
          aria-describedby={`${id}-help`}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') {
              setText(initial);
              setError(null);
            }
          }}
        />
        {saving && <span className="muted">Saving…</span>}
      </div>
      <p id={`${id}-help`} className={error ? 'setting-help text-error' : 'setting-help muted'}>
        {error ?? help}
      </p>
    </div>
  );
}
