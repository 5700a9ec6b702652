/**
 * Settings: watched folders, launch manifests, .pconf extension, auto-discover, request timeout
 * and size limit, theme.
 */
import type { Settings, ThemeSetting } from '../../shared/contract.js';
import { formatBytes } from '../lib/format.js';
import { useActions, useStudio } from '../store/context.js';
import { FolderInput } from './FolderInput.js';
import { ManifestsSection } from './ManifestsSection.js';
import { SettingField } from './SettingField.js';
import { Switch } from './Switch.js';
import './SettingsPage.css';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function integerIn(min: number, max: number, unit: string) {
  return (text: string): Parsed<number> => {
    const n = Number(text.trim());
    return Number.isInteger(n) && n >= min && n <= max
      ? { ok: true, value: n }
      : { ok: false, message: `Enter a whole number of ${unit} from ${min} to ${max}.` };
  };
}

function parseExtension(text: string): Parsed<string> {
  const value = text.trim();
  return /^\.[A-Za-z0-9_-]{1,32}$/.test(value)
    ? { ok: true, value }
    : { ok: false, message: 'A dot and 1-32 letters, digits, _ or -, e.g. .pconf' };
}

function parseUids(text: string): Parsed<number[]> {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const uids = parts.map(Number);
  return uids.every((n) => Number.isInteger(n) && n >= 0)
    ? { ok: true, value: uids }
    : { ok: false, message: 'Numeric user ids separated by commas, e.g. 1000, 1001' };
}

function Folders({ settings }: { settings: Settings }) {
  const actions = useActions();
  const remove = (folder: string) => void actions.updateSettings({ folders: settings.folders.filter((f) => f !== folder) });
  return (
    <fieldset className="settings-group">
      <legend>Watched folders</legend>
      {settings.folders.length === 0 ? (
        <p className="muted">No folder is watched: add one to see its plugins.</p>
      ) : (
        <ul className="folder-rows">
          {settings.folders.map((folder) => (
            <li key={folder}>
              <span className="mono">{folder}</span>
              <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove folder ${folder}`} onClick={() => remove(folder)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <FolderInput />
    </fieldset>
  );
}

export function SettingsPage() {
  const settings = useStudio((s) => s.settings);
  const select = useStudio((s) => s.select);
  const actions = useActions();
  if (!settings) return <p className="muted pad">Loading settings…</p>;
  const save = (patch: Partial<Settings>) => actions.updateSettings(patch);

  return (
    <section className="settings" aria-label="Settings">
      <div className="detail-header">
        <h2 className="detail-title">Settings</h2>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => select(null)}>
          Close settings
        </button>
      </div>
      <div className="settings-body">
        <Folders settings={settings} />
        <ManifestsSection folders={settings.folders} />

        <fieldset className="settings-group">
          <legend>Discovery</legend>
          <SettingField
            key={`ext:${settings.confExtension}`}
            label="Plugin file extension"
            help="Files with this extension in the watched folders are read as plugin descriptions."
            initial={settings.confExtension}
            parse={parseExtension}
            save={(confExtension) => save({ confExtension })}
            mono
          />
          <div className="setting setting-inline">
            <Switch
              checked={settings.autoDiscover}
              label="Auto-discover"
              onChange={(on) => void actions.setAutoDiscover(on)}
            />
            <span>Auto-discover: pick up plugin files as they appear, change or disappear.</span>
          </div>
          <div className="setting setting-inline">
            <Switch
              checked={settings.watchByPolling}
              label="Watch by polling"
              onChange={(on) => void save({ watchByPolling: on })}
            />
            <span>
              Watch by polling: look at the folders every second instead of waiting for the system to say
              what changed. For folders on network mounts, which send no such news.
            </span>
          </div>
        </fieldset>

        <fieldset className="settings-group">
          <legend>Requests</legend>
          <SettingField
            key={`timeout:${settings.requestTimeoutMs}`}
            label="Default timeout (ms)"
            help="How long a console request may take before it fails with TIMEOUT."
            initial={String(settings.requestTimeoutMs)}
            parse={integerIn(1, 3_600_000, 'milliseconds')}
            save={(requestTimeoutMs) => save({ requestTimeoutMs })}
            inputMode="numeric"
          />
          <SettingField
            key={`size:${settings.maxResponseBytes}`}
            label="Response size limit (bytes)"
            help={`Larger answers fail with TOO_LARGE. Now ${formatBytes(settings.maxResponseBytes)}.`}
            initial={String(settings.maxResponseBytes)}
            parse={integerIn(1, 2 ** 31, 'bytes')}
            save={(maxResponseBytes) => save({ maxResponseBytes })}
            inputMode="numeric"
          />
        </fieldset>

        <fieldset className="settings-group">
          <legend>Security</legend>
          <SettingField
            key={`owners:${settings.allowedSocketOwners.join(',')}`}
            label="Other socket owners to trust (uids)"
            help="Sockets owned by your own user are always accepted; others only when listed here."
            initial={settings.allowedSocketOwners.join(', ')}
            parse={parseUids}
            save={(allowedSocketOwners) => save({ allowedSocketOwners })}
            mono
          />
        </fieldset>

        <fieldset className="settings-group">
          <legend>Appearance</legend>
          <div className="setting">
            <label htmlFor="theme-select">Theme</label>
            <select
              id="theme-select"
              className="input"
              value={settings.theme}
              onChange={(e) => void save({ theme: e.target.value as ThemeSetting })}
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </div>
        </fieldset>
      </div>
    </section>
  );
}
