import { formatInspection, inspectPconf } from '../../core/pconf/index.js';
import { parse } from '../options.js';
import { terminalJson } from '../terminalJson.js';
import { printUsage, type Command } from '../usage.js';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'show a .pconf: fields with defaults, warnings, errors with line and column, socket status',
  usage: `goplug inspect FILE [--json]

Parses the file as the registry would and prints the fields (defaults marked), unknown keys, warnings,
errors with line and column, the file's facts and the socket's status. Exits 1 when it is not a valid
.pconf.`,
  async run(argv) {
    const { values, positionals, help } = parse(argv, { json: { type: 'boolean' } }, 1);
    if (help) return printUsage(this.usage);
    const inspection = await inspectPconf(positionals[0]!);
    process.stdout.write(values.json ? terminalJson(inspection, 2) + '\n' : formatInspection(inspection) + '\n');
    return inspection.result?.ok ? 0 : 1;
  },
};
