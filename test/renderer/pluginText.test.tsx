// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LogLineItem } from '../../src/renderer/components/LogLineItem.js';
import { OverviewTab } from '../../src/renderer/components/OverviewTab.js';
import { PluginText } from '../../src/renderer/components/PluginText.js';
import { PluginRow } from '../../src/renderer/components/PluginRow.js';
import { ProblemsPanel } from '../../src/renderer/components/ProblemsPanel.js';
import { ResponsePane } from '../../src/renderer/components/ResponsePane.js';
import { toBase64 } from './helpers/base64.js';
import { renderStudio } from './helpers/renderStudio.js';
import { plugin } from './helpers/studioData.js';

afterEach(cleanup);

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Plugins and their files are not trusted: whatever they say must appear as text, never as markup. */
describe('text that comes from plugins', () => {
  const hostile = plugin(`evil/${HOSTILE}`, {
    name: HOSTILE,
    state: 'started',
    methods: [HOSTILE],
    sock: `/tmp/${HOSTILE}.sock`,
    activationOutput: HOSTILE,
    warnings: [{ message: HOSTILE, line: 1 }],
    extras: { [HOSTILE]: HOSTILE },
    error: { code: 'BAD_RESPONSE', message: HOSTILE, hint: HOSTILE, at: 1 },
    history: [{ state: 'started', at: 1, reason: HOSTILE }],
    manifestPath: `/tmp/${HOSTILE}.plugin.json`,
    manifest: {
      name: HOSTILE,
      namespace: 'evil',
      command: HOSTILE,
      args: [HOSTILE],
      cwd: HOSTILE,
      env: { [HOSTILE]: HOSTILE },
      autoStart: false,
      restart: 'no',
      stopTimeoutMs: 5000,
      startTimeoutMs: 15000,
    },
    process: {
      state: 'fatal',
      pid: null,
      command: HOSTILE,
      startedAt: null,
      uptimeMs: null,
      restarts: 0,
      recentCrashes: 5,
      lastExit: null,
      nextRestartAt: null,
      cpuPercent: null,
      rssBytes: null,
      message: HOSTILE,
    },
  });

  it('renders as text in the row, the overview and the problems group', () => {
    renderStudio(
      <>
        <PluginRow id={hostile.id} index={0} selected={false} picked={false} focusable onClick={() => {}} />
        <OverviewTab plugin={hostile} />
        <ProblemsPanel />
      </>,
      {
        plugins: { [hostile.id]: hostile },
        problems: { '/p/x.pconf': { path: '/p/x.pconf', fileName: HOSTILE, kind: 'invalid', reason: HOSTILE } },
      },
    );
    expect(document.body.querySelector('img')).toBeNull();
    expect(screen.getAllByText(HOSTILE, { exact: false }).length).toBeGreaterThan(5);
  });

  it('renders as text in the Logs tab, also where the search marks it', () => {
    renderStudio(
      <ol>
        <LogLineItem line={{ seq: 1, at: 1, stream: 'stderr', text: HOSTILE }} search="" />
        <LogLineItem line={{ seq: 2, at: 1, stream: 'stdout', text: HOSTILE }} search="onerror" />
      </ol>,
    );
    expect(document.body.querySelector('img')).toBeNull();
    expect(screen.getByText(HOSTILE)).toBeTruthy();
    expect(screen.getByText('onerror', { selector: 'mark' })).toBeTruthy();
  });

  it('renders as text in a response body, whether JSON or plain', () => {
    const body = JSON.stringify({ [HOSTILE]: HOSTILE });
    renderStudio(
      <>
        <ResponsePane
          result={{
            ok: true,
            status: 200,
            headers: { [HOSTILE]: HOSTILE },
            body: { base64: toBase64(body), size: body.length },
            durationMs: 1,
            curl: HOSTILE,
          }}
          method={HOSTILE}
        />
        <ResponsePane
          result={{ ok: true, status: 200, headers: {}, body: { base64: toBase64(HOSTILE), size: 28 }, durationMs: 1, curl: '' }}
          method="Plain"
        />
      </>,
    );
    expect(document.body.querySelector('img')).toBeNull();
    expect(screen.getAllByText(JSON.stringify(HOSTILE), { exact: false }).length).toBeGreaterThan(0);
    expect(document.body.querySelector('[data-kind="text"]')?.textContent).toBe(HOSTILE);
  });
});

/** Names cannot lie: isolated from what surrounds them, hidden characters shown by their code. */
describe('PluginText', () => {
  it('isolates the text in a <bdi> and marks each hidden character', () => {
    const { container } = render(<PluginText text={'demo/\u202Eohce'} className="row-name" />);
    const bdi = container.querySelector('bdi');
    expect(bdi?.className).toBe('plugin-text row-name');
    expect(bdi?.textContent).toBe('demo/⟨U+202E⟩ohce');
    expect([...container.querySelectorAll('.hidden-char')].map((el) => el.textContent)).toEqual(['⟨U+202E⟩']);
  });

  it('keeps line breaks where asked, and plain text as one text node', () => {
    const { container } = render(
      <>
        <PluginText text={'a\nb\u0007'} lines />
        <PluginText text="echo" />
      </>,
    );
    const [lines, plain] = container.querySelectorAll('bdi');
    expect(lines?.textContent).toBe('a\nb⟨U+0007⟩');
    expect(plain?.childNodes).toHaveLength(1);
    expect(plain?.textContent).toBe('echo');
  });

  it('does not make an element per mark for text full of them', () => {
    const { container } = render(<PluginText text={'\u0000'.repeat(1000)} />);
    expect(container.querySelectorAll('.hidden-char')).toHaveLength(0);
    expect(container.textContent).toBe('⟨U+0000⟩'.repeat(1000));
  });
});
