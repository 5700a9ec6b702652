import { openRegistry } from '../../core/registry/index.js';
import type { PluginSnapshot, ProblemFile } from '../../core/types.js';
import { dirOption, folders, parse } from '../options.js';
import { printUsage, type Command } from '../usage.js';

export const listCommand: Command = {
  name: 'list',
  summary: 'discover plugins, start the non-lazy ones, print them and the problem files',
  usage: `goplug list [--dir DIR]... [--json]

Discovers the .pconf files, starts the plugins that are not LazyLoad (connect + Activate) and prints
each plugin (id, state, lazy, socket, methods, warnings, error) and each problem file with its reason.
--json prints { "plugins": [...], "problems": [...] }.`,
  async run(argv) {
    const { values, help } = parse(argv, { ...dirOption, json: { type: 'boolean' } }, 0);
    if (help) return printUsage(this.usage);
    const registry = await openRegistry({ folders: folders(values) });
    try {
      await registry.whenIdle();
      const plugins = registry.list();
      const problems = registry.problems();
      process.stdout.write(values.json ? JSON.stringify(toJson(plugins, problems), null, 2) + '\n' : toText(plugins, problems));
      return 0;
    } finally {
      await registry.close();
    }
  },
};

function toJson(plugins: PluginSnapshot[], problems: ProblemFile[]) {
  return {
    plugins: plugins.map((p) => ({
      id: p.id,
      namespace: p.namespace,
      name: p.name,
      state: p.state,
      lazyLoad: p.lazyLoad,
      url: p.url,
      sock: p.sock,
      confPath: p.confPath,
      methods: p.methods,
      warnings: p.warnings.map((w) => w.message),
      error: p.error,
      unreachable: p.unreachable,
    })),
    problems,
  };
}

function toText(plugins: PluginSnapshot[], problems: ProblemFile[]): string {
  const lines: string[] = [];
  if (plugins.length === 0) lines.push('no plugins found');
  for (const p of plugins) {
    lines.push(`${p.id}  ${p.state}${p.unreachable ? ' (unreachable)' : ''}${p.lazyLoad ? '  lazy' : ''}`);
    lines.push(`  socket   ${p.sock}`);
    lines.push(`  methods  ${p.methods.join(', ') || '-'}`);
    for (const w of p.warnings) lines.push(`  warning  ${w.message}`);
    if (p.error) lines.push(`  error    ${p.error.code}: ${p.error.message}`);
  }
  if (problems.length > 0) lines.push('', `problems: ${problems.length}`);
  for (const f of problems) {
    const where = f.line !== undefined ? `:${f.line}:${f.column ?? 1}` : '';
    lines.push(`  ${f.fileName}${where}  ${f.kind}: ${f.reason}`);
  }
  return lines.join('\n') + '\n';
}
