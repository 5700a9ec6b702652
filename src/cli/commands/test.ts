/**
 * `goplug test`: runs collection files against the plugins in the folders, as a plugin author's
 * contract tests in CI. Every file is checked before anything runs, so a typo costs no plugin
 * start; the plugins it had to start are stopped at the end (the Go host's unload).
 */
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readCollectionFile } from '../../core/collections/collectionFile.js';
import type { Collection } from '../../core/collections/collectionSchema.js';
import { describeDifference } from '../../core/collections/runResults.js';
import { junitXml, type SuiteReport } from '../../core/collections/junitReport.js';
import type { PluginRegistry } from '../../core/registry/index.js';
import { runCollection, stopStarted, type RequestResult, type RunTarget } from '../../core/collections/runner.js';
import { writeFileAtomic } from '../../core/files/atomicWrite.js';
import { DEFAULT_WIRE } from '../../core/wire/limits.js';
import { printable } from '../../core/text/safeText.js';
import { countOf } from '../../core/text/units.js';
import { dirOption, folders, parse, positiveInt } from '../options.js';
import { withRegistry } from '../registrySession.js';
import { printUsage, UsageError, type Command } from '../usage.js';

export const testCommand: Command = {
  name: 'test',
  summary: 'run collections of saved requests and check the answers (exit 1 on a failure)',
  usage: `goplug test FILE... [--dir DIR]... [--junit OUT.xml] [--timeout MS] [--wait MS]

Runs each collection file (*.collection.json, see docs/COLLECTIONS.md) against the plugins in the
folders: a plugin that is not started yet (a lazy one) is started for it and stopped at the end.
Prints one line per request: PASS or FAIL, its time, and for a failure what differed. --timeout
is the deadline of a request without its own timeoutMs (default ${DEFAULT_WIRE.timeoutMs} ms). --wait waits up to
MS for the plugins the files name to appear in the folders (started in the background just
before, they write their .pconf once they listen). --junit writes a JUnit XML report for CI.
Exits 0 when every request passed, 1 when one failed (or Ctrl-C/SIGTERM cut the run short: what
it started is stopped first), 2 on a usage mistake or an invalid file (the error names the file,
line and column; nothing is run then).`,
  async run(argv) {
    const { values, positionals, help } = parse(
      argv,
      { ...dirOption, junit: { type: 'string' }, timeout: { type: 'string' }, wait: { type: 'string' } },
      'any',
    );
    if (help) return printUsage(this.usage);
    if (positionals.length === 0) throw new UsageError('name at least one collection file');
    const timeoutMs = positiveInt(values.timeout, '--timeout') ?? DEFAULT_WIRE.timeoutMs;
    const waitMs = positiveInt(values.wait, '--wait') ?? 0;
    const files: Array<{ file: string; collection: Collection }> = [];
    const invalid: string[] = [];
    for (const file of positionals) {
      const read = await readCollectionFile(resolve(file), file);
      if (read.ok) files.push({ file, collection: read.collection });
      else invalid.push(read.message);
    }
    if (invalid.length > 0) {
      for (const message of invalid) process.stderr.write(`goplug test: ${message}\n`);
      return 2;
    }
    // Ctrl-C or a CI job's cancel (SIGTERM): the call in flight is cut short, and what the run
    // started is still stopped before the command exits.
    const interrupt = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => interrupt.abort(signal);
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    let suites: SuiteReport[];
    try {
      suites = await withRegistry(folders(values), async (registry) => {
        const named = [...new Set(files.flatMap((f) => f.collection.requests.map((r) => r.plugin)))];
        await waitForPlugins(registry, named, waitMs, interrupt.signal);
        return runFiles(registry, files, timeoutMs, interrupt.signal);
      });
    } finally {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    }
    const results = suites.flatMap((s) => s.run.results);
    const failed = results.filter((r) => !r.passed).length;
    const planned = files.reduce((n, f) => n + f.collection.requests.length, 0);
    const cancelled = interrupt.signal.aborted ? `; ${String(interrupt.signal.reason)}: ${planned - results.length} not run` : '';
    process.stdout.write(
      `${results.length - failed} passed, ${failed} failed (${countOf(results.length, 'request')} in ${countOf(suites.length, 'collection')}${cancelled})\n`,
    );
    if (values.junit !== undefined) {
      await writeFileAtomic(resolve(values.junit), junitXml(suites), { mode: 0o644 });
      process.stdout.write(`JUnit report: ${printable(values.junit)}\n`);
    }
    return failed > 0 || interrupt.signal.aborted ? 1 : 0;
  },
};

/**
 * Lists the folders again until every plugin in `ids` is there, for `waitMs` at most; says on
 * stderr what it waits for. What is still missing then fails its requests as not discovered.
 */
async function waitForPlugins(registry: PluginRegistry, ids: string[], waitMs: number, signal: AbortSignal): Promise<void> {
  const missing = () => ids.filter((id) => registry.get(id) === undefined);
  if (waitMs === 0 || missing().length === 0) return;
  process.stderr.write(`goplug test: waiting up to ${waitMs} ms for ${printable(missing().join(', '))}\n`);
  const deadline = Date.now() + waitMs;
  while (missing().length > 0 && Date.now() < deadline && !signal.aborted) {
    await sleep(Math.min(WAIT_POLL_MS, deadline - Date.now()), undefined, { signal }).catch(() => undefined);
    await registry.rescan();
  }
}

/** How often --wait lists the folders again (the registry of a CLI command does not watch them). */
const WAIT_POLL_MS = 100;

/** Runs the files in order on one registry; a plugin started for the run is started once and stopped at the end. */
async function runFiles(
  registry: RunTarget,
  files: ReadonlyArray<{ file: string; collection: Collection }>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<SuiteReport[]> {
  const started = new Set<string>();
  const reports: SuiteReport[] = [];
  try {
    for (const { file, collection } of files) {
      if (signal.aborted) break;
      const timestamp = new Date();
      const onResult = (result: RequestResult) => process.stdout.write(resultLine(collection.name, result) + '\n');
      const run = await runCollection(registry, collection, { timeoutMs, onResult, started, signal });
      reports.push({ file, run, timestamp });
    }
  } finally {
    await stopStarted(registry, started);
  }
  return reports;
}

/** `PASS  echo smoke › upper  3 ms` or `FAIL ... 3 ms  status: expected 200, got 500; ...` (all printable). */
export function resultLine(collection: string, result: RequestResult): string {
  const head = `${result.passed ? 'PASS' : 'FAIL'}  ${printable(collection)} › ${printable(result.name)}  ${formatMs(result.durationMs)}`;
  if (result.passed) return head;
  return `${head}  ${result.differences.map(describeDifference).join('; ')}`;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
