/** A launched plugin's process on its row: pid, uptime, CPU, memory and restarts, kept fresh. */
import type { ProcessInfo } from '../../shared/contract.js';
import { useNow } from '../hooks/useNow.js';
import { formatBytes } from '../lib/format.js';
import { formatCpu, formatUptime, restartsText, uptimeAt } from '../lib/processFacts.js';

export function ProcessSummary({ process }: { process: ProcessInfo }) {
  const now = useNow(1000, process.pid !== null);
  const uptime = uptimeAt(process, now);
  const parts = [
    process.pid !== null ? `pid ${process.pid}` : (process.message ?? 'not running'),
    uptime !== null ? `up ${formatUptime(uptime)}` : null,
    process.cpuPercent !== null ? `${formatCpu(process.cpuPercent)} CPU` : null,
    process.rssBytes !== null ? formatBytes(process.rssBytes) : null,
    process.restarts > 0 ? restartsText(process.restarts) : null,
  ].filter((part) => part !== null);
  const text = parts.join(' · ');
  return (
    <span className="row-sub num" title={`${text}\n${process.command}`}>
      {text}
    </span>
  );
}
