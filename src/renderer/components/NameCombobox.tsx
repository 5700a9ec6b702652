/**
 * A text field that offers names as you type (the ARIA combobox pattern, list autocomplete): the
 * names containing what is typed, each with its description, chosen with the arrow keys and
 * Enter or with the mouse; Escape closes the list. Names and descriptions come from a plugin,
 * so they are shown through PluginText (a <datalist> would show their bidi characters raw).
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { DescribedName } from '../../shared/contract.js';
import { PluginText } from './PluginText.js';
import './NameCombobox.css';

/** The list is for choosing, not browsing: past this many matches, typing narrows it. */
const MAX_SHOWN = 200;

export interface NameComboboxProps {
  label: string;
  placeholder: string;
  value: string;
  options: readonly DescribedName[];
  onInput(text: string): void;
  onChoose(item: DescribedName): void;
  className?: string;
}

export function NameCombobox({
  label,
  placeholder,
  value,
  options,
  onInput,
  onChoose,
  className,
}: NameComboboxProps) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  /** The option the arrow keys are on; -1: none yet. */
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => {
    const typed = value.trim().toLowerCase();
    // The name already chosen lists them all: the field is then a way to switch.
    const exact = options.some((o) => o.name === value.trim());
    const found =
      typed === '' || exact ? options : options.filter((o) => o.name.toLowerCase().includes(typed));
    return found.slice(0, MAX_SHOWN);
  }, [options, value]);
  const shown = open && matches.length > 0;
  const current = Math.min(active, matches.length - 1);

  const choose = (item: DescribedName) => {
    onChoose(item);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (matches.length === 0) return;
      setOpen(true);
      // From no option active (the list just opened), Down goes to the first and Up to the last.
      const from = shown ? current : -1;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(from < 0 ? (step === 1 ? 0 : matches.length - 1) : (from + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' && shown && !e.ctrlKey && !e.metaKey) {
      const item = matches[current];
      if (item) {
        e.preventDefault();
        choose(item);
      }
    } else if (e.key === 'Escape' && shown) {
      // Closing the list is all Escape does here; it does not reach the console's own Escape.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className={`combobox${className ? ` ${className}` : ''}`}>
      <input
        className="input mono"
        role="combobox"
        aria-label={label}
        aria-expanded={shown}
        aria-controls={shown ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={shown && current >= 0 ? `${listId}-${current}` : undefined}
        placeholder={placeholder}
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          onInput(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          setOpen(true);
          setActive(-1);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {shown && (
        <ul className="combobox-list" role="listbox" id={listId} aria-label={label}>
          {matches.map((item, i) => (
            <li
              // A plugin may list a name twice: the place keeps the keys apart.
              key={`${i}:${item.name}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className="combobox-option"
              // Keeps the focus in the field, so that the click below still finds the list open.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(item)}
            >
              <PluginText className="mono combobox-name" text={item.name} />
              {item.description !== undefined && (
                <PluginText className="muted combobox-description" text={item.description} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
