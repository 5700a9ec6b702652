/**
 * A plugin's process on its row: pid and uptime, then restarts, CPU and memory of a launched one,
 * kept fresh. The pid of a plugin started elsewhere is what the registry found ("—" when none),
 * marked "outside".
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import { useNow } from '../hooks/useNow.js';
import { formatBytes } from '../lib/format.js';
import { pluginPid } from '../lib/pluginListItems.js';
import { originText } from '../lib/pluginOrigin.js';
import { formatCpu, formatUptime, restartsText, uptimeAt } from '../lib/processFacts.js';
import { visibleText } from '../lib/visibleText.js';

export function ProcessSummary({ plugin }: { plugin: PluginSnapshot }) {
  const pid = pluginPid(plugin);
  const process = plugin.process?.pid != null ? plugin.process : undefined;
  const now = useNow(1000, process !== undefined);
  if (pid === null) return <span className="row-sub no-pid">—</span>;
  const uptime = process ? uptimeAt(process, now) : null;
  const cpu = process?.cpuPercent == null ? null : formatCpu(process.cpuPercent);
  const memory = process?.rssBytes == null ? null : formatBytes(process.rssBytes);
  const restarts = process && process.restarts > 0 ? restartsText(process.restarts) : null;
  const command = process?.command ?? plugin.origin?.argv?.join(' ') ?? '';
  // A process this Studio did not launch says so first: stopping it ends what someone else started.
  const outside = process === undefined && plugin.origin?.kind === 'outside' ? 'outside' : null;
  // Short on the row (it is narrow); in words on hover.
  const text = [outside, `pid ${pid}`, uptime === null ? null : `up ${formatUptime(uptime)}`, restarts, cpu, memory];
  const title = [`pid ${pid}`, uptime === null ? null : `up ${formatUptime(uptime)}`, restarts, cpu && `CPU ${cpu}`, memory && `memory ${memory}`];
  const how = plugin.origin ? `${originText(plugin)}\n` : '';
  return (
    <span className="row-sub num" title={visibleText(`${how}${title.filter(Boolean).join(', ')}\n${command}`, { lines: true })}>
      {text.filter(Boolean).join(' · ')}
    </span>
  );
}
