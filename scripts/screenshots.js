#!/usr/bin/env node
/**
 * `npm run screenshots`: the README's pictures of GoPlug Studio. Builds, then runs the sample
 * plugins (`goplug demo`) and the web mode (`goplug serve`) on a temp folder, drives Chromium
 * (the one chromiumLaunch.js picks) through playwright-core, and saves 1280×800 PNGs to
 * docs/screenshots/ (or to $GOPLUG_SHOTS_DIR, to look at them without replacing the README's), and
 * the layout at 900×700, 1280×800 and 1920×1080. Stopping demo/echo
 * (stopped-outside.png) comes after the pictures that use it. The Logs picture needs plugins the
 * Studio launched itself (it shows only
 * their output), so a second `goplug serve` launches the Node samples from launch manifests in
 * another folder. Everything it starts is stopped, also when a step fails.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromiumExecutable, launchChromium } from './chromiumLaunch.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = process.env.GOPLUG_SHOTS_DIR || join(ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const STEP_MS = 15_000;

/**
 * The samples the second Studio launches from their manifests (Python may be missing: left out),
 * with the state each settles in: demo/kv is LazyLoad, so its process runs (Ready) but the host
 * starts it only when it is first used.
 */
const LAUNCHED = { echo: 'Started', clock: 'Started', kv: 'Ready' };

/** A problem file for the Problems group: LazyLoad as a string, which Go cannot decode. */
const PROBLEM_FILE = ['{', '  "Name": "billing",', '  "NameSpace": "acme",', '  "Sock": "/run/acme/billing.sock",', '  "LazyLoad": "yes"', '}', ''].join('\n');

/** `node bin/goplug.js ...` in its own process group, so that stopping it ends what it started. */
function goplug(args, env) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'goplug.js'), ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async waitFor(find, what) {
      const giveUp = Date.now() + 30_000;
      for (;;) {
        const found = find(output);
        if (found) return found;
        if (child.exitCode !== null || Date.now() > giveUp) throw new Error(`goplug ${args[0]}: no ${what}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const late = setTimeout(() => killGroup(child.pid), 5_000);
      await exited;
      clearTimeout(late);
      killGroup(child.pid);
    },
  };
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

async function take(page, name) {
  await page.mouse.move(0, (page.viewportSize()?.height ?? VIEWPORT.height) - 1);
  // Let transitions and the virtual list settle.
  await page.waitForTimeout(400);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

/** A plugin's row: its accessible name starts with its id, then state, Lazy and methods. */
function pluginRow(page, id) {
  return page.getByRole('row', { name: new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(,|$)`) });
}

/** The pid on a launched plugin's row once it is in `state`, with a process other than `previous`. */
async function launchedPid(page, id, state, previous) {
  let text = '';
  for (const giveUp = Date.now() + 30_000; Date.now() < giveUp; await page.waitForTimeout(100)) {
    text = await pluginRow(page, id).innerText();
    const pid = text.startsWith(state) ? Number(/pid (\d+)/.exec(text)?.[1]) : 0;
    if (pid && pid !== previous) return pid;
  }
  throw new Error(`${id} was not ${state} with a new process within 30 s; its row reads: ${text}`);
}

async function openPlugin(page, id, tab) {
  await pluginRow(page, id).click();
  await page.getByRole('region', { name: id, exact: true }).getByRole('tab', { name: tab, exact: true }).click();
}

async function send(page, method, body) {
  await page.getByRole('combobox', { name: 'Method', exact: true }).fill(method);
  await page.getByRole('textbox', { name: 'Request body', exact: true }).fill(body);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('region', { name: 'Response', exact: true }).getByText(`/${method}`, { exact: true }).waitFor();
}

async function shoot(browser, url, pluginDir) {
  const light = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  light.setDefaultTimeout(STEP_MS);
  const page = await light.newPage();
  await page.goto(url);
  await page.getByRole('switch', { name: 'Toggle demo/echo', exact: true }).waitFor();

  await openPlugin(page, 'demo/echo', 'Overview');
  await take(page, 'plugins');

  // demo/kv loads lazily: the first request starts it.
  await openPlugin(page, 'demo/kv', 'Console');
  await send(page, 'Set', '{"key": "greeting", "value": {"text": "hello", "lang": "en"}}');
  await send(page, 'List', '');
  await send(page, 'Get', '{"key": "greeting"}');
  await take(page, 'console');

  await openPlugin(page, 'demo/echo', 'pconf');
  await page.getByRole('region', { name: 'pconf', exact: true }).getByText('Reachable').waitFor();
  // The file's view is loaded on first use: shoot it, not its placeholder. Go writes one line: show it laid out.
  await page.getByRole('textbox', { name: 'Contents of demoecho.pconf', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Formatted', exact: true }).click();
  await page.getByRole('textbox', { name: 'Formatted demoecho.pconf', exact: true }).waitFor();
  await take(page, 'pconf');

  await writeFile(join(pluginDir, 'acme-billing.pconf'), PROBLEM_FILE);
  const problems = page.getByRole('region', { name: 'Problems', exact: true });
  await problems.getByRole('button', { name: /acme-billing\.pconf/ }).click();
  await page.getByRole('region', { name: 'pconf', exact: true }).getByRole('list', { name: 'Issues' }).waitFor();
  await take(page, 'problem');
  await light.close();

  const dark = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
  dark.setDefaultTimeout(STEP_MS);
  const night = await dark.newPage();
  await night.goto(url);
  await openPlugin(night, 'demo/clock', 'Callbacks');
  await night.getByRole('combobox', { name: 'Callback name', exact: true }).fill('tick');
  await night.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const ticks = night.getByRole('list', { name: 'Notifications of tick' }).getByRole('listitem');
  await ticks.nth(4).waitFor();
  await ticks.last().getByRole('button').click();
  await take(night, 'dark');
  await dark.close();
}

/**
 * The same window at three sizes: the console with an answer (its Copy body in view at 900×700),
 * and at 1280×800 the list with several plugins picked, grouped by folder, with the filter's help.
 */
async function shootLayouts(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  await openPlugin(page, 'demo/echo', 'Console');
  await send(page, 'Echo', '{"greeting": "hello", "list": [1, 2, 3]}');
  for (const viewport of [
    { width: 900, height: 700 },
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await take(page, `layout-${viewport.width}`);
  }
  await page.setViewportSize({ width: 900, height: 700 });
  await openPlugin(page, 'demo/echo', 'pconf');
  await page.getByRole('textbox', { name: 'Contents of demoecho.pconf', exact: true }).waitFor();
  await take(page, 'layout-900-pconf');

  await page.setViewportSize(VIEWPORT);
  await page.getByRole('combobox', { name: 'Group by' }).selectOption('folder');
  await pluginRow(page, 'demo/clock').click();
  await pluginRow(page, 'demo/kv').click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: /Filter help/ }).click();
  await take(page, 'list-picked');
  await context.close();
}

/** The problem file of `shoot` fixed in the page: a slip while typing, marked at its line and column. */
async function shootPconfEdit(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('region', { name: 'Problems', exact: true }).getByRole('button', { name: /acme-billing\.pconf/ }).click();
  const pconf = page.getByRole('region', { name: 'pconf', exact: true });
  await pconf.getByRole('button', { name: 'Edit the file', exact: true }).click();
  const editor = pconf.getByRole('textbox', { name: 'Edit acme-billing.pconf', exact: true });
  await editor.fill(PROBLEM_FILE.replace('"yes"', 'ture'));
  await pconf.getByRole('list', { name: 'Issues' }).getByText(/invalid JSON/).waitFor();
  await take(page, 'pconf-edit');
  await context.close();
}

/**
 * A plugin started elsewhere (by `goplug demo`), after a stop from the Studio: the stop asked
 * first, and the plugin stays listed as Stopped with how it ran and how to start it again.
 */
async function shootStoppedOutside(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  await openPlugin(page, 'demo/echo', 'Overview');
  await page.getByRole('switch', { name: 'Toggle demo/echo', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop demo/echo?' });
  await dialog.getByRole('button', { name: 'Stop', exact: true }).click();
  await pluginRow(page, 'demo/echo').getByText('Stopped').waitFor();
  const detail = page.getByRole('region', { name: 'demo/echo', exact: true });
  await detail.getByText('gone: these are its last values').waitFor();
  await take(page, 'stopped-outside');
  await context.close();
}

/** The console of demo/echo after a slow Delay was cancelled: the response and the history say so, the body shown. */
async function shootCancelled(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  await openPlugin(page, 'demo/echo', 'Console');
  await send(page, 'Upper', 'hello from the console');
  await page.getByRole('combobox', { name: 'Method', exact: true }).fill('Delay');
  await page.getByRole('textbox', { name: 'Request body', exact: true }).fill('600000');
  await page.getByRole('textbox', { name: 'Timeout (s)', exact: true }).fill('900');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel request', exact: true }).click();
  const history = page.getByRole('region', { name: 'History', exact: true });
  await history.getByText('Cancelled', { exact: true }).waitFor();
  await history.getByRole('button', { name: 'Body of Delay', exact: true }).click();
  await take(page, 'console-cancelled');
  await context.close();
}

/** The Logs tab of demo/echo, launched by the Studio and killed twice: it comes back each time. */
async function shootLogs(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  for (const [name, state] of Object.entries(LAUNCHED)) await launchedPid(page, `demo/${name}`, state);
  await openPlugin(page, 'demo/echo', 'Logs');
  // Each start prints two "ready on" lines: the plugin's own (stdout) and the supervisor's note.
  const output = page.getByRole('list', { name: 'Output of demo/echo', exact: true });
  const ready = output.getByRole('listitem').filter({ hasText: 'ready on' });
  await ready.nth(1).waitFor();
  let pid;
  for (const crash of [1, 2]) {
    pid = await launchedPid(page, 'demo/echo', 'Started', pid);
    process.kill(pid, 'SIGKILL');
    await ready.nth(2 * crash + 1).waitFor();
  }
  await launchedPid(page, 'demo/echo', 'Started', pid);
  // CPU and memory join the row with the supervisor's samples of the new process.
  await pluginRow(page, 'demo/echo').getByText(/%.*MiB/).waitFor();
  await take(page, 'logs');
  await context.close();
}

/**
 * The console on a plugin that describes itself: demo/kv's Set chosen from the method list, its
 * example filled in and sent, its description shown. demo/kv was started by the first request of
 * shoot().
 */
async function shootDescribed(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  await openPlugin(page, 'demo/kv', 'Console');
  const method = page.getByRole('combobox', { name: 'Method', exact: true });
  await method.click();
  await page.getByRole('listbox', { name: 'Method' }).getByRole('option').filter({ hasText: /^Set/ }).click();
  await page.getByLabel('Method description').waitFor();
  await page.getByRole('textbox', { name: 'Request body', exact: true }).getByText('"greeting"').waitFor();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('region', { name: 'Response', exact: true }).getByTitle('HTTP status 200').waitFor();
  await take(page, 'console-described');
  await context.close();
}

/**
 * Launch manifests for the Node samples in `dir`, approved as a person would in a terminal
 * (`goplug trust`), so the Studio on `dataDir` starts them as soon as it reads them.
 */
async function writeManifests(dir, dataDir, env) {
  const files = [];
  for (const name of Object.keys(LAUNCHED)) {
    const entry = join(ROOT, 'dist', 'demo', `${name}.js`);
    const manifest = { name, namespace: 'demo', command: 'node', args: [entry], restart: 'on-failure' };
    files.push(join(dir, `demo${name}.plugin.json`));
    await writeFile(files.at(-1), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  }
  const trust = [join(ROOT, 'bin', 'goplug.js'), 'trust', ...files, '--data-dir', dataDir];
  await promisify(execFile)(process.execPath, trust, { cwd: ROOT, env, timeout: 30_000 });
}

/** `goplug serve` on a plugin folder; resolves to the Studio's address once it prints it. */
function serve(pluginDir, dataDir, env, running) {
  const proc = goplug(['serve', '--dir', pluginDir, '--port', '0', '--data-dir', dataDir], env);
  running.push(proc);
  return proc.waitFor((out) => /^GoPlug Studio: (\S+)$/m.exec(out)?.[1], 'address line');
}

/** A saved collection, written as a person keeps it next to the plugins, run from the Collections page. */
const DEMO_COLLECTION = {
  name: 'demo contract',
  requests: [
    { name: 'upper', plugin: 'demo/echo', method: 'Upper', body: 'hi', expect: { status: 200, body: 'HI' } },
    { name: 'echo JSON', plugin: 'demo/echo', method: 'Echo', body: { id: 7, tags: ['a', 'b'] }, expect: { json: { tags: ['a', 'b'] }, maxMs: 500 } },
    { name: 'set colour', plugin: 'demo/kv', method: 'Set', body: { key: 'colour', value: 'teal' }, expect: { json: { value: 'teal' } } },
    { name: 'get colour', plugin: 'demo/kv', method: 'Get', body: { key: 'colour' }, expect: { body: { key: 'colour', value: 'teal' } } },
    { name: 'unknown key', plugin: 'demo/kv', method: 'Get', body: { key: 'nope' }, expect: { status: 404 } },
  ],
};

async function shootCollectionRun(browser, url, pluginDir) {
  await writeFile(join(pluginDir, 'demo.collection.json'), JSON.stringify(DEMO_COLLECTION, null, 2) + '\n');
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Collections', exact: true }).click();
  const collections = page.getByRole('region', { name: 'Collections', exact: true });
  await collections.getByRole('button', { name: 'Run collection', exact: true }).click();
  await collections.getByRole('status').filter({ hasText: /passed, \d+ failed/ }).waitFor();
  await take(page, 'collection-run');
  await context.close();
}

async function main() {
  for (const script of ['build:node', 'build:app']) {
    console.log(`npm run ${script}`);
    await promisify(execFile)('npm', ['run', script], { cwd: ROOT, timeout: 180_000 });
  }
  await mkdir(OUT, { recursive: true });
  const home = await mkdtemp(join(tmpdir(), 'gp-shots-'));
  const pluginDir = join(home, 'plugins');
  await mkdir(pluginDir, { mode: 0o700 });
  // A clean Studio: nothing of the user's own ~/.goplug is read or written.
  const { GOPLUG_PLUGIN_DIR: _ignored, ...env } = { ...process.env, HOME: home };
  const running = [];
  let browser;
  try {
    const demo = goplug(['demo', '--dir', pluginDir], env);
    running.push(demo);
    const samples = ['echo', 'clock', 'kv', 'hello-py'];
    await demo.waitFor(
      (out) => samples.every((name) => out.includes(`ready demo/${name} `) || out.includes(`skipped demo/${name}:`)),
      'line per sample',
    );
    const url = await serve(pluginDir, join(home, 'data'), env, running);
    console.log(`Chromium: ${(await chromiumExecutable()).label}`);
    browser = await launchChromium();
    await shoot(browser, url, pluginDir);
    await shootLayouts(browser, url);
    await shootPconfEdit(browser, url);
    await shootDescribed(browser, url);
    await shootCancelled(browser, url);
    await shootCollectionRun(browser, url, pluginDir);
    // Stops demo/echo for good (goplug demo does not start a plugin that exited cleanly): last.
    await shootStoppedOutside(browser, url);

    const launchDir = join(home, 'launch', 'plugins');
    await mkdir(launchDir, { recursive: true, mode: 0o700 });
    const launchData = join(home, 'launch', 'data');
    await writeManifests(launchDir, launchData, env);
    await shootLogs(browser, await serve(launchDir, launchData, env, running));
  } finally {
    await browser?.close();
    for (const proc of running.reverse()) await proc.stop();
    await rm(home, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`screenshots: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
