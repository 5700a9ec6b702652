/** The `goplug` command line: dispatches to one command, maps failures to exit codes. */
import { isGoPlugError } from '../core/errors.js';
import { printable } from '../core/text/safeText.js';
import { callCommand } from './commands/call.js';
import { demoCommand } from './commands/demo.js';
import { describeCommand } from './commands/describe.js';
import { inspectCommand } from './commands/inspect.js';
import { pingCommand, startCommand, stopCommand } from './commands/lifecycle.js';
import { listCommand } from './commands/list.js';
import { trustCommand } from './commands/trust.js';
import { runServe } from './commands/serve.js';
import { testCommand } from './commands/test.js';
import { upCommand } from './commands/up.js';
import { watchCommand } from './commands/watch.js';
import { UsageError, type Command } from './usage.js';

const serveCommand: Command = {
  name: 'serve',
  summary: 'serve GoPlug Studio in the browser on 127.0.0.1 (web mode)',
  usage: 'goplug serve --help',
  run: runServe,
};

const commands: Command[] = [
  listCommand,
  callCommand,
  describeCommand,
  testCommand,
  pingCommand,
  startCommand,
  stopCommand,
  watchCommand,
  inspectCommand,
  upCommand,
  trustCommand,
  demoCommand,
  serveCommand,
];

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'goplug: run, inspect and call GoPlug plugins',
    '',
    'usage: goplug COMMAND [options]      (goplug COMMAND --help for more)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'The plugin folder is --dir (may repeat), else $GOPLUG_PLUGIN_DIR, else ~/.goplug/plugins.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`goplug: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`goplug ${name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (isGoPlugError(err)) {
      // Messages carry plugin and file text: nothing in them may drive the terminal.
      process.stderr.write(
        `goplug ${name}: ${err.code}: ${printable(err.message)}\n  ${printable(err.hint)}\n`,
      );
      return 1;
    }
    process.stderr.write(`goplug ${name}: ${printable(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}
