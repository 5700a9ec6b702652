/**
 * Plugin-supplied text is never markup. A plugin whose NameSpace, Name, Url, extra .pconf keys,
 * method names, Activate output, response bodies, response headers and notifications all carry
 * HTML and script, plus a problem file with such a name, are shown in every view of the Studio;
 * nothing of it may become an element or run, and all of it must read literally.
 *
 * The page bypasses its Content-Security-Policy here: the CSP alone would stop inline scripts and
 * handlers, and this test is about the rendering itself never turning text into markup.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attributeNow, launchStudio, poll, textNow, type StudioSession } from '../helpers/studioBrowser.js';
import { row } from '../helpers/studioUi.js';

/** Each sets window.__xss (and carries data-xss) if it ever becomes markup. */
const XSS = {
  img: '<img src=x data-xss onerror="window.__xss=1">',
  script: '</script><script data-xss>window.__xss=2</script>',
  svg: '<svg data-xss onload="window.__xss=3"></svg>',
  breakout: '"><iframe data-xss srcdoc="<script>parent.__xss=4</script>"></iframe>',
  style: '<style data-xss>body{display:none}</style><b data-xss onmouseover="window.__xss=5">hover</b>',
  details: '<details data-xss open ontoggle="window.__xss=6">',
} as const;

const NAMESPACE = XSS.img;
const NAME = XSS.script;
const ID = `${NAMESPACE}/${NAME}`;
const METHODS = ['Text', 'Json', XSS.svg, XSS.details];
const PROBLEM_FILE = `${XSS.img.replaceAll('"', "'")}.pconf`;

let studio: StudioSession;
let plugin: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  studio = await launchStudio();
  plugin = await startHostilePlugin(studio.pluginDir);
  await writeFile(join(studio.pluginDir, PROBLEM_FILE), `{"Name": ${JSON.stringify(XSS.breakout)},`);
}, 180_000);

afterAll(async () => {
  await studio?.close();
  await plugin?.close();
}, 60_000);

/** A hand-written GoPlug plugin (node:http on a Unix socket) whose every answer is hostile. */
async function startHostilePlugin(dir: string): Promise<{ close(): Promise<void> }> {
  const sock = join(dir, 'hostile.sock');
  let notified = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      switch (req.url) {
        case '/Activate':
          // Go appends the activator's raw output right after the method array.
          return void res.end(`${JSON.stringify([...METHODS, '', '', '', ''])}${XSS.style}`);
        case '/Ping':
          return void res.end(body);
        case '/Text':
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('X-Evil', XSS.img);
          res.setHeader('X-Breakout', XSS.breakout);
          return void res.end(`${XSS.script}${XSS.svg}`);
        case '/Json':
          return void res.end(JSON.stringify({ [XSS.img]: XSS.script, list: [XSS.details, XSS.breakout] }));
        case '/RegisterCallback':
          // One hostile notification; later polls wait (until the host hangs up).
          if (notified) return;
          notified = true;
          return void res.end(XSS.svg);
        default:
          res.statusCode = 404;
          return void res.end(`404 page not found: ${XSS.img}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  await writeFile(
    join(dir, 'hostile.pconf'),
    JSON.stringify({
      Name: NAME,
      NameSpace: NAMESPACE,
      Url: `javascript:window.__xss=7//${XSS.breakout}`,
      Sock: sock,
      LazyLoad: false,
      Note: XSS.svg,
      [XSS.style]: XSS.breakout,
    }),
  );
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Nothing hostile became an element or ran, and no dialog opened. */
async function expectNoMarkup(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  expect(await page.evaluate('document.querySelectorAll("[data-xss]").length')).toBe(0);
  expect(dialogs).toEqual([]);
}

describe('plugin-supplied text in the Studio', () => {
  let page: Page;
  const dialogs: string[] = [];
  const detail = () => page.getByRole('region', { name: ID, exact: true });
  const tab = (name: string) => detail().getByRole('tab', { name, exact: true }).click();
  const literally = async (where: Locator, ...texts: string[]) => {
    for (const text of texts) await poll(() => textNow(where)).toContain(text);
  };

  beforeAll(async () => {
    page = await studio.open({
      bypassCSP: true,
      beforeLoad: (p) =>
        p.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        }),
    });
  });

  it('the list and the Problems group show names and file names as text', async () => {
    const toggle = page.getByRole('switch', { name: `Toggle ${ID}`, exact: true });
    await poll(() => attributeNow(toggle, 'aria-checked')).toBe('true');
    await literally(page.getByRole('treegrid', { name: 'Plugins' }), NAME);
    // The group header shows the namespace (in capitals, by CSS).
    await literally(page.getByRole('treegrid', { name: 'Plugins' }), NAMESPACE.toUpperCase());
    await literally(page.getByRole('region', { name: 'Problems' }), PROBLEM_FILE);
    await expectNoMarkup(page, dialogs);
  });

  it('the Overview shows identity, methods, Activate output and extra keys as text', async () => {
    await row(page, ID).click();
    await tab('Overview');
    await literally(detail(), NAME, NAMESPACE, XSS.breakout, XSS.svg, XSS.details, XSS.style);
    const methods = detail().getByRole('region', { name: 'Methods' });
    for (const method of METHODS) await methods.getByRole('button', { name: method, exact: true }).waitFor();
    await expectNoMarkup(page, dialogs);
  });

  it('the console shows hostile response bodies and headers as text', async () => {
    await tab('Console');
    const response = page.getByRole('region', { name: 'Response', exact: true });
    const send = async (method: string) => {
      await page.getByRole('combobox', { name: 'Method', exact: true }).fill(method);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await response.getByTitle('HTTP status 200').waitFor();
      await poll(() => response.innerText()).toContain(`/${method}`);
    };
    await send('Text');
    await literally(response, XSS.script + XSS.svg);
    await response.getByRole('tab', { name: 'Headers', exact: true }).click();
    await literally(response, XSS.img, XSS.breakout);
    await send('Json');
    await response.getByRole('tab', { name: 'Body', exact: true }).click();
    await literally(response, JSON.stringify(XSS.img), JSON.stringify(XSS.script), JSON.stringify(XSS.details));
    await expectNoMarkup(page, dialogs);
  });

  it('a notification with a hostile body is previewed and expanded as text', async () => {
    await tab('Callbacks');
    await page.getByRole('combobox', { name: 'Callback name', exact: true }).fill(XSS.img);
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const list = page.getByRole('list', { name: `Notifications of ${XSS.img}` });
    await literally(list, XSS.svg);
    await list.getByRole('button').first().click();
    await poll(async () => (await textNow(list)).split(XSS.svg).length - 1).toBe(2);
    await expectNoMarkup(page, dialogs);
  });

  it('the pconf inspector shows the raw file and the parsed fields as text', async () => {
    await tab('pconf');
    const pconf = page.getByRole('region', { name: 'pconf', exact: true });
    await literally(pconf.getByRole('table').first(), NAME, NAMESPACE);
    await literally(pconf, JSON.stringify(XSS.svg), JSON.stringify(XSS.breakout), XSS.style);
    // The raw file is JSON: its strings show with their escapes, e.g. \" and \u003c stay as written.
    const raw = pconf.getByRole('textbox', { name: 'Contents of hostile.pconf' });
    await literally(raw, JSON.stringify(NAME).slice(1, -1), 'javascript:window.__xss=7');
    await expectNoMarkup(page, dialogs);
  });

  it('a problem file with a hostile name and content is inspected as text', async () => {
    await page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: new RegExp(PROBLEM_FILE.slice(0, 12)) }).click();
    const pconf = page.getByRole('region', { name: 'pconf', exact: true });
    await literally(pconf, PROBLEM_FILE, JSON.stringify(XSS.breakout).slice(1, -1));
    await literally(page.getByRole('heading', { level: 2 }), PROBLEM_FILE);
    await expectNoMarkup(page, dialogs);
    // Laid out, and in the editor with its live check: still text.
    await pconf.getByRole('button', { name: 'Formatted', exact: true }).click();
    await literally(pconf.getByRole('textbox', { name: `Formatted ${PROBLEM_FILE}` }), JSON.stringify(XSS.breakout).slice(1, -1));
    await pconf.getByRole('button', { name: 'Edit the file', exact: true }).click();
    const editor = pconf.getByRole('textbox', { name: `Edit ${PROBLEM_FILE}` });
    await literally(editor, JSON.stringify(XSS.breakout).slice(1, -1));
    await editor.fill(`{"Name": ${JSON.stringify(XSS.img)}, "Sock": ${JSON.stringify(XSS.svg)},`);
    await poll(() => textNow(pconf.getByRole('list', { name: 'Issues' }))).toContain('unexpected end of JSON');
    await literally(editor, JSON.stringify(XSS.img).slice(1, -1));
    await expectNoMarkup(page, dialogs);
    await pconf.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('the activity log names the hostile plugin as text', async () => {
    await literally(page.getByRole('region', { name: 'Activity log' }), ID);
    await expectNoMarkup(page, dialogs);
  });
});
