/**
 * `goplug serve`: GoPlug Studio in the browser (web mode). Runs the Studio service and the
 * loopback web server until SIGINT/SIGTERM, then closes the service, which stops only the
 * sample processes it started.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, defaultPluginFolder } from '../../core/defaults.js';
import { printable } from '../../core/text/safeText.js';
import { StudioService } from '../../service/studioService.js';
import { startWebServer } from '../../web/server.js';
import { dirOption, parse } from '../options.js';
import { untilSignal } from '../signals.js';
import { UsageError } from '../usage.js';

const USAGE = `usage: goplug serve [--dir DIR]... [--port N] [--data-dir DIR]

Serves GoPlug Studio on http://127.0.0.1 (this computer only) and prints one line with the
address to open; the address carries a random token that every API call must present.
A launch manifest's command runs only once approved: Approve in the page prints a one-time
code here, to type in the page (or run goplug trust MANIFEST).
Stops on Ctrl-C or SIGTERM.

  --dir DIR         plugin folder to watch (repeatable). Given: saved as the Studio's folders.
                    Not given: the saved folders, else $GOPLUG_PLUGIN_DIR, else ~/.goplug/plugins
                    (created, mode 0700, if missing).
  --port N          port on 127.0.0.1 (default 0: any free port)
  --data-dir DIR    where settings, console history and approved commands are kept
                    (default ~/.goplug/studio)
  --static-dir DIR  the built Studio window to serve (default: out/renderer in the package)
  -h, --help        this text`;

const options = {
  ...dirOption,
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'static-dir': { type: 'string' },
} as const;

export async function runServe(argv: string[]): Promise<number> {
  let values;
  let port: number;
  try {
    const parsed = parse(argv, options, 0);
    if (parsed.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    values = parsed.values;
    port = portNumber(values.port);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`goplug serve: ${err.message}\n\n${USAGE}\n`);
    return 2;
  }

  const staticDir = resolve(values['static-dir'] ?? join(packageRoot(), 'out', 'renderer'));
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write(
      `goplug serve: the Studio window is not built (no ${join(staticDir, 'index.html')}).\n` +
        '  Run `npm run build:app` in the goplug-studio package, then try again.\n',
    );
    return 1;
  }
  const defaultFolder = defaultPluginFolder();
  if (values.dir === undefined) await mkdir(defaultFolder, { recursive: true, mode: 0o700 });

  const service = await StudioService.create({
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    defaultFolder,
    platform: { kind: 'web', canPickFolder: false, canReveal: false },
    // Approval in web mode: the page asks, the code shows here, where only the person sees it.
    platformHandlers: {
      showApprovalCode: (code, request) =>
        process.stdout.write(
          `${printable(`Approval code for ${request.id} (${request.path}): ${code}`)}\n  it approves: ${request.commandLine}\n`,
        ),
    },
  });
  try {
    if (values.dir !== undefined) {
      const changed = await service.call('updateSettings', {
        folders: values.dir.map((dir) => resolve(dir)),
      });
      if (!changed.ok) throw new Error(`${changed.error.message} (${changed.error.hint})`);
    }
    const snapshot = await service.call('getSnapshot', {});
    if (snapshot.ok)
      for (const notice of snapshot.value.notices) process.stderr.write(`goplug serve: ${notice}\n`);
    const web = await startWebServer(service, { port, staticDir });
    // Listening for signals before the line is out: whoever reads it may stop us at once.
    const stopped = untilSignal();
    process.stdout.write(`GoPlug Studio: ${web.url}\n`);
    await stopped;
    await web.close();
    return 0;
  } catch (err) {
    process.stderr.write(`goplug serve: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await service.close();
  }
}

function portNumber(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new UsageError(`--port needs a number from 0 to 65535, got "${text}"`);
  return port;
}

/** The nearest folder above this file with a package.json: the repository, or the installed package. */
function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return here;
  }
}
