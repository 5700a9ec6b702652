/** The plain-text table printed on stdout. */
import type { BenchReport, Figure } from './result.js';

export function formatTable(report: BenchReport): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(`GoPlug benchmarks (${report.mode}) - ${report.command}`);
  lines.push(
    `machine: ${m.nproc} cores, ${m.cpu_model}, node ${m.node}, ${m.platform}; load ${m.load_start} -> ${m.load_end}; ${report.duration_s} s`,
  );
  lines.push('');
  const idWidth = Math.max(...report.results.map((r) => r.id.length), 10);
  for (const { id, ...figures } of report.results) {
    const text = Object.entries(figures)
      .map(([name, value]) => `${name}=${show(value)}`)
      .join('  ');
    lines.push(`${id.padEnd(idWidth)}  ${text}`);
  }
  if (report.goals.length > 0) {
    lines.push('');
    const goalWidth = Math.max(...report.goals.map((g) => g.id.length));
    for (const goal of report.goals) {
      const measured = `${goal.ratio} ${goal.cmp} ${goal.limit}`.padEnd(18);
      lines.push(`${goal.met ? 'PASS' : 'MISS'}  ${goal.id.padEnd(goalWidth)}  ${measured}  ${goal.text}`);
    }
  }
  return lines.join('\n');
}

function show(value: Figure | undefined): string {
  return typeof value === 'number' ? String(Math.round(value * 10) / 10) : String(value);
}
