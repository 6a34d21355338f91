/**
 * docs/performance.md keeps the latest benchmark table: `npm run bench` rewrites the part between
 * the two markers with every figure of the benchmark list (shared BENCH.md), its goal, and
 * whether it was met; a figure that could not be measured is listed as such, never as zero.
 * The prose around the markers (what each figure means, why a goal is missed) is written by hand.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { meetsGoal, type Figures } from './results.ts';

/** Every name of the benchmark list; `<widget>` and `<page>` names are expanded by the caller's figures. */
export const EXPECTED_FIGURES = [
  'bundle.widgets-all.gzip_kib',
  'bundle.kiosk.initial.gzip_kib',
  'render.notices-5000.first_ms',
  'render.notices-5000.dom_nodes',
  'kiosk.coldstart-20000.first_screen_ms',
  'sync.push-5000.seconds',
  'server.ledger.sqlite.mutations_per_s',
  'server.ledger.postgres.mutations_per_s',
  'server.public-read.req_per_s',
  'server.signup-burst.correct',
  'server.mixed-load.sqlite.commands_per_s',
  'server.mixed-load.sqlite.5xx',
  'server.mixed-load.postgres.commands_per_s',
  'server.mixed-load.postgres.5xx',
  'lighthouse.kiosk.performance',
  'lighthouse.kiosk.accessibility',
  'lighthouse.kiosk.best-practices',
  'lighthouse.demo.performance',
  'lighthouse.demo.accessibility',
  'lighthouse.demo.best-practices',
  'memory.kiosk-10000-nav.heap_growth_mb',
] as const;

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export function performanceTable(machine: string, date: string, figures: Figures): string {
  const names = [...new Set([...EXPECTED_FIGURES, ...Object.keys(figures)])].sort();
  const rows = names.map((name) => {
    const f = figures[name];
    if (!f) return `| \`${name}\` | not measured | | |`;
    const goal = `${f.better === 'lower' ? '≤' : '≥'} ${f.goal} ${f.unit}`;
    return `| \`${name}\` | ${f.value} ${f.unit} | ${goal} | ${meetsGoal(f) ? 'ok' : '**missed**'} |`;
  });
  return [`Measured ${date} on ${machine}.`, '', '| figure | value | goal | status |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** Replace the table between the markers (or append markers and table when they are missing). */
export function writePerformanceDoc(file: string, machine: string, date: string, figures: Figures): void {
  const table = `${START}\n${performanceTable(machine, date, figures)}\n${END}`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + table + current.slice(end + END.length) : `${current.trimEnd()}\n\n${table}\n`;
  writeFileSync(file, next);
}
