import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, WIDE } from '../helpers.js';
import { temporaryDir } from './directory.js';

describe('the note that a run merged your data directory', () => {
  /** A user data directory holding one source record of its own, and the given updates.json. */
  function home(updates: string): { env: Record<string, string>; dir: string } {
    const xdg = temporaryDir('note-home');
    const dir = join(xdg, 'mining-energy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'sources.json'), '[{"id":"my-note","title":"A source of my own","evidence":"primary"}]\n');
    writeFileSync(join(dir, 'updates.json'), updates);
    return { env: { ...WIDE, XDG_DATA_HOME: xdg }, dir };
  }

  it('names each download with its date', async () => {
    const { env, dir } = home('{"coinmetrics":{"retrievedAt":"2026-12-06T10:00:00.000Z"}}\n');
    const result = await runCli(['estimate', '--region', 'texas', '--explain'], env);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(
      `warning (user-data): Your data directory ${dir} is merged over the shipped data (coinmetrics downloaded 2026-12-06); --no-user-data leaves it out.`,
    );
    // By default, without its path, first.
    const short = await runCli(['estimate', '--region', 'texas'], env);
    expect(short.stderr.split('\n')[0]).toBe(
      'warning (user-data): your data directory is merged in (see --no-user-data)',
    );
  });

  it('leaves out an entry of updates.json it cannot read, rather than failing', async () => {
    const { env, dir } = home('{"coinmetrics":null,"cbeci":{"retrievedAt":"\\u001b[2J"}}\n');
    const result = await runCli(['estimate', '--region', 'texas', '--explain'], env);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(
      `warning (user-data): Your data directory ${dir} is merged over the shipped data; --no-user-data leaves it out.`,
    );
  });

  it('is said by report and chart too, and the page names the downloads but not the directory', async () => {
    const { env, dir } = home('{"coinmetrics":{"retrievedAt":"2026-12-06T10:00:00.000Z"}}\n');
    const out = join(temporaryDir('note-page'), 'texas.html');
    const report = await runCli(['report', '--region', 'texas', '--year', '2024', '--out', out, '--explain'], env);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain(`warning (user-data): Your data directory ${dir} is merged over the shipped data`);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('the user&#39;s data directory (coinmetrics downloaded 2026-12-06) over the data shipped');
    expect(page).not.toContain(dir);
    const chart = await runCli(['chart', 'carbon', '--region', 'texas', '--year', '2024', '--out', '-'], env);
    expect(chart.code, chart.stderr).toBe(0);
    expect(chart.stderr).toContain('warning (user-data): your data directory is merged in (see --no-user-data)');
  });

  it('is not said without a data directory of the user', async () => {
    const report = await runCli(['report', '--region', 'texas', '--year', '2024', '--out', '-'], {
      ...WIDE,
      XDG_DATA_HOME: temporaryDir('note-none'),
    });
    expect(report.code).toBe(0);
    expect(report.stderr).not.toContain('data directory');
    expect(report.stdout).toContain('the data shipped with mining-energy');
    expect(report.stdout).not.toContain('user&#39;s data directory');
  });
});
