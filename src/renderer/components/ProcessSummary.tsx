/** A running launched plugin's process on its row: pid, uptime, restarts, CPU and memory, kept fresh. */
import type { ProcessInfo } from '../../shared/contract.js';
import { useNow } from '../hooks/useNow.js';
import { formatBytes } from '../lib/format.js';
import { formatCpu, formatUptime, restartsText, uptimeAt } from '../lib/processFacts.js';
import { visibleText } from '../lib/visibleText.js';

export function ProcessSummary({ process }: { process: ProcessInfo }) {
  const now = useNow(1000);
  const uptime = uptimeAt(process, now);
  const cpu = process.cpuPercent === null ? null : formatCpu(process.cpuPercent);
  const memory = process.rssBytes === null ? null : formatBytes(process.rssBytes);
  const restarts = process.restarts > 0 ? restartsText(process.restarts) : null;
  // Short on the row (it is narrow); in words on hover.
  const text = [`pid ${process.pid}`, uptime === null ? null : `up ${formatUptime(uptime)}`, restarts, cpu, memory];
  const title = [
    `pid ${process.pid}`,
    uptime === null ? null : `up ${formatUptime(uptime)}`,
    restarts,
    cpu && `CPU ${cpu}`,
    memory && `memory ${memory}`,
  ];
  return (
    <span className="row-sub num" title={visibleText(`${title.filter(Boolean).join(', ')}\n${process.command}`, { lines: true })}>
      {text.filter(Boolean).join(' · ')}
    </span>
  );
}
