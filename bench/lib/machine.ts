/** What the figures were measured on. */
import os from 'node:os';
import type { MachineInfo } from './result.js';

export function machineInfo(loadAtStart: number): MachineInfo {
  return {
    nproc: os.availableParallelism(),
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.platform()}-${os.arch()}`,
    kernel: os.release(),
    total_mem_mb: Math.round(os.totalmem() / 2 ** 20),
    load_start: round2(loadAtStart),
    load_end: round2(os.loadavg()[0] ?? 0),
  };
}

export function currentLoad(): number {
  return os.loadavg()[0] ?? 0;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
