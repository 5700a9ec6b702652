import { writableFolderWarning } from '../../core/launcher/manifestTrust.js';
import { openRegistry } from '../../core/registry/index.js';
import type { PluginSnapshot, ProblemFile } from '../../core/types.js';
import { printable } from '../../core/text/safeText.js';
import { dirOption, folders, parse } from '../options.js';
import { terminalJson } from '../terminalJson.js';
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
      const warnings: string[] = [];
      for (const dir of registry.folders) {
        const warning = await writableFolderWarning(dir);
        if (warning !== undefined) warnings.push(warning);
      }
      process.stdout.write(
        values.json
          ? terminalJson({ ...toJson(plugins, problems), folderWarnings: warnings }, 2) + '\n'
          : toText(plugins, problems, warnings),
      );
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

function toText(plugins: PluginSnapshot[], problems: ProblemFile[], folderWarnings: string[]): string {
  const lines = folderWarnings.map((w) => `warning: ${w}`);
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
  // Every field above may carry text from a .pconf, a file name or a plugin.
  return lines.map(printable).join('\n') + '\n';
}
