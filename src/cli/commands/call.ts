import { readFile } from 'node:fs/promises';
import { dirOption, folders, parse, positiveInt } from '../options.js';
import { ensureStarted, withRegistry } from '../registrySession.js';
import { printUsage as usage, UsageError, type Command } from '../usage.js';

export const callCommand: Command = {
  name: 'call',
  summary: 'call a method of a plugin and print the response body',
  usage: `goplug call [--dir DIR]... ID METHOD [--data STR | --data-file FILE] [--timeout MS]

Starts the plugin first when needed (lazy plugins too), sends POST /METHOD with the body and
prints the response body raw on stdout. Exits 1 on a non-200 answer or a typed error.`,
  async run(argv) {
    const { values, positionals, help } = parse(
      argv,
      { ...dirOption, data: { type: 'string' }, 'data-file': { type: 'string' }, timeout: { type: 'string' } },
      2,
    );
    if (help) return usage(this.usage);
    if (values.data !== undefined && values['data-file'] !== undefined) {
      throw new UsageError('give --data or --data-file, not both');
    }
    const [id, method] = positionals as [string, string];
    const timeoutMs = positiveInt(values.timeout, '--timeout');
    const body = values['data-file'] !== undefined ? await readFile(values['data-file']) : values.data;
    return withRegistry(
      folders(values),
      async (registry) => {
        await ensureStarted(registry, id);
        const response = await registry.execute(id, method, body, { timeoutMs });
        process.stdout.write(response.body);
        if (response.status !== 200) {
          process.stderr.write(`goplug: ${id} answered ${method} with HTTP ${response.status}\n`);
          return 1;
        }
        return 0;
      },
      { timeoutMs },
    );
  },
};
