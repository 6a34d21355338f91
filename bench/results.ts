/** The shape of bench/results.json (see shared BENCH.md) and small helpers to record figures. */
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export interface Figure {
  value: number;
  unit: string;
  goal: number;
  better: 'lower' | 'higher';
}
export type Figures = Record<string, Figure>;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function meetsGoal(f: Figure): boolean {
  return f.better === 'lower' ? f.value <= f.goal : f.value >= f.goal;
}

export function describeMachine(): string {
  let chromium = 'unknown';
  try {
    // (stderr ignored: Debian's chromium wrapper script prints shell noise there on some machines)
    chromium = execFileSync(process.env.CHROME_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* not installed */
  }
  const cpu = cpus();
  return `${cpu.length} cores, ${round(totalmem() / 2 ** 30, 1)} GiB, ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${chromium}`;
}
