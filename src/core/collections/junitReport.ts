/**
 * A JUnit XML report of collection runs, the form CI systems (GitHub Actions reporters, GitLab,
 * Jenkins) read: one <testsuite> per collection, one <testcase> per request, a <failure> with what
 * differed. Plugin output lands in it, so every text is escaped, and characters XML 1.0 cannot
 * hold at all (most controls, lone surrogates) are written as visible \uXXXX escapes.
 */
import { describeDifference } from './runResults.js';
import type { CollectionRun, RequestResult } from './runner.js';

export interface SuiteReport {
  /** The collection file, as given. */
  file: string;
  run: CollectionRun;
  /** When the run began. */
  timestamp: Date;
}

export function junitXml(suites: readonly SuiteReport[]): string {
  const count = (pick: (r: RequestResult) => boolean) =>
    suites.reduce((n, s) => n + s.run.results.filter(pick).length, 0);
  const tests = count(() => true);
  const failures = count((r) => !r.passed);
  const seconds = suites.reduce((t, s) => t + s.run.durationMs, 0) / 1000;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="goplug test" tests="${tests}" failures="${failures}" errors="0" time="${seconds.toFixed(3)}">`,
    ...suites.flatMap(suiteXml),
    '</testsuites>',
    '',
  ].join('\n');
}

function suiteXml({ file, run, timestamp }: SuiteReport): string[] {
  const failures = run.results.filter((r) => !r.passed).length;
  const attributes = [
    `name="${xmlText(run.name)}"`,
    `tests="${run.results.length}"`,
    `failures="${failures}"`,
    'errors="0"',
    `skipped="0"`,
    `time="${(run.durationMs / 1000).toFixed(3)}"`,
    `timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, '')}"`,
    `file="${xmlText(file)}"`,
  ];
  return [`  <testsuite ${attributes.join(' ')}>`, ...run.results.flatMap(caseXml), '  </testsuite>'];
}

function caseXml(result: RequestResult): string[] {
  const open =
    `    <testcase name="${xmlText(result.name)}" classname="${xmlText(`${result.plugin}.${result.method}`)}"` +
    ` time="${(result.durationMs / 1000).toFixed(3)}"`;
  if (result.passed) return [`${open}/>`];
  const lines = result.differences.map(describeDifference);
  return [
    `${open}>`,
    `      <failure message="${xmlText(lines[0] ?? 'failed')}" type="${xmlText(result.differences[0]?.check ?? 'failure')}">${xmlText(lines.join('\n'))}</failure>`,
    '    </testcase>',
  ];
}

/** What XML 1.0 cannot hold, even escaped: most controls, U+FFFE/U+FFFF and lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an attribute or element content: markup escaped, characters XML cannot hold made visible. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
