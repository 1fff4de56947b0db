import { afterAll, describe, expect, it } from 'vitest';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expectFailure, FIXTURES, runCli, SHIPPED_DATA, WIDE } from '../helpers.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder for one test's files. */
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'report-cli-'));
  folders.push(made);
  return made;
}

/** The temporary files an interrupted or failed atomic write would leave (`.name.pid.tmp`). */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => /^\..*\.tmp$/.test(name));
}

/** The words a POSIX shell reads from a command line (run by sh itself, not parsed here). */
function shellWords(line: string): string[] {
  const result = spawnSync('sh', ['-c', `set -- ${line}; printf '%s\\0' "$@"`], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The command and the data description in a page's footer. */
function footer(html: string): { command: string; data: string; digest: string } {
  const found =
    /<footer>\s*<p>Made by <code>(.*?)<\/code> with mining-energy \S+ on \d{4}-\d{2}-\d{2}, from (.*?)\.<\/p>/s.exec(
      html,
    );
  expect(found).not.toBeNull();
  const data = unescapeHtml(found?.[2] ?? '');
  return { command: unescapeHtml(found?.[1] ?? ''), data, digest: /sha256 ([0-9a-f]{16})…/.exec(data)?.[1] ?? '' };
}

describe('report --out', () => {
  it('writes a page starting <!doctype html>, says so in one line on stderr, and nothing on stdout', async () => {
    const dir = folder();
    const out = join(dir, 'sichuan.html');
    const result = await runCli(['report', '--region', 'sichuan', '--out', out], WIDE);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Wrote the report on Sichuan to .*sichuan\.html \(\d+ KB\)\.\n$/);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses an existing file without --force (exit 2, the file unchanged), and replaces it with --force', async () => {
    const dir = folder();
    const out = join(dir, 'page.html');
    writeFileSync(out, 'keep me');
    const refused = await runCli(['report', '--region', 'sichuan', '--out', out], WIDE);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${out} already exists; add --force to replace it, or choose another --out.`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(leftovers(dir)).toEqual([]);

    const forced = await runCli(['report', '--region', 'sichuan', '--out', out, '--force'], WIDE);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('<!doctype html>')).toBe(true);
    expect(readdirSync(dir)).toEqual(['page.html']);
  });

  it('refuses a directory, and a path in a missing folder, writing nothing', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'sub'));
    await expectFailure(
      ['report', '--region', 'sichuan', '--out', join(dir, 'sub')],
      2,
      /it is a directory; give the name of a file/,
    );
    await expectFailure(
      ['report', '--region', 'sichuan', '--out', join(dir, 'missing', 'page.html')],
      2,
      /its folder .*missing cannot be used \(no such file or directory/,
    );
    expect(readdirSync(dir)).toEqual(['sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual([]);
  });

  it('refuses an unknown region or a bad --year with exit 2, writing no file', async () => {
    const dir = folder();
    const out = join(dir, 'page.html');
    await expectFailure(['report', '--region', 'atlantis', '--out', out], 2, /Unknown region "atlantis"/);
    await expectFailure(
      ['report', '--region', 'sichuan', '--year', '20x1', '--out', out],
      2,
      /--year.*four-digit year/,
    );
    await expectFailure(
      ['report', '--region', 'sichuan', '--year', '1990', '--out', out],
      2,
      /No network total \(published, computed here or read on one day\) covers 1990/,
    );
    await expectFailure(['report', '--out', out], 2, /Name a region with --region/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('--out names at the limit', () => {
  it('writes a 254-byte file name, and refuses a name too long with exit 2 before any work', async () => {
    const dir = folder();
    const name = `${'a'.repeat(250)}.svg`;
    const written = await runCli(['chart', 'carbon', '--region', 'sichuan', '--out', join(dir, name)], WIDE);
    expect(written.stderr).toMatch(/^Wrote the carbon chart of Sichuan/);
    expect(written.code).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
    await expectFailure(
      ['chart', 'carbon', '--region', 'sichuan', '--out', join(dir, `${'b'.repeat(300)}.svg`)],
      2,
      /Cannot write --out .*: the name is too long \(ENAMETOOLONG\)\./,
    );
    expect(readdirSync(dir)).toEqual([name]);
  });
});

describe('report to stdout', () => {
  it('writes the whole page to stdout and nothing to stderr', async () => {
    const result = await runCli(['report', '--region', 'texas', '--year', '2023']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('<!doctype html>\n')).toBe(true);
    expect(result.stdout.trimEnd().endsWith('</html>')).toBe(true);
    expect(result.stdout).toContain('<h1>Texas: electricity for bitcoin mining, 2023</h1>');
    for (const kind of ['energy', 'shares', 'network', 'neighbours', 'carbon']) {
      expect(result.stdout).toContain(`id="spec-${kind}"`);
      expect(result.stdout).toContain(`aria-labelledby="chart-${kind}-title chart-${kind}-desc"`);
    }
  });
});

describe('the section "electricity by year"', () => {
  it('comes first, with its chart and a row of figures for each year from 2016 to the latest, whatever --year', async () => {
    const result = await runCli(['report', '--region', 'texas', '--year', '2023']);
    expect(result.code, result.stderr).toBe(0);
    const sections = [...result.stdout.matchAll(/<section class="chart" id="section-([a-z]+)"/g)].map((m) => m[1]);
    expect(sections[0]).toBe('energy');
    const section = /<section class="chart" id="section-energy".*?<\/section>/s.exec(result.stdout)?.[0] ?? '';
    expect(section).toContain('<h2 id="chart-energy-heading">1. Electricity by year</h2>');
    // The latest year is the default estimate's: what `estimate --region texas` is for.
    const latest = (
      JSON.parse((await runCli(['estimate', '--region', 'texas', '--json'])).stdout) as { year: number }[]
    )[0]?.year as number;
    expect(section).toContain(
      `<title id="chart-energy-title">Bitcoin mining in Texas: electricity by year, 2016–${latest}</title>`,
    );
    const table = /<table>.*?<\/table>/s.exec(section)?.[0] ?? '';
    expect(table).toContain('<th scope="col">Year</th><th scope="col">TWh</th><th scope="col">Lower TWh</th>');
    const years = [...table.matchAll(/<tr><td class="num">(\d{4})<\/td>/g)].map((m) => Number(m[1]));
    expect(years).toEqual(Array.from({ length: latest - 2016 + 1 }, (_, i) => 2016 + i));
  });
});

describe('a page that can be mailed', () => {
  it('holds no absolute path: --out, --data and --hardware by their names alone', async () => {
    const dir = folder();
    const data = join(dir, 'my data');
    cpSync(join(FIXTURES, 'overlay'), data, { recursive: true });
    const out = join(dir, 'page.html');
    const args = ['--data', data, 'report', '--region', 'sichuan', '--out', out];
    expect((await runCli(args, WIDE)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain(dir);
    expect(html).not.toContain(tmpdir());
    const found = footer(html);
    expect(shellWords(found.command)).toEqual([
      'mining-energy',
      '--data',
      'my data',
      'report',
      '--region',
      'sichuan',
      '--out',
      'page.html',
    ]);
    expect(found.data).toMatch(/^the data in my data over the data shipped with mining-energy /);
  });

  it('says nothing of a default year, and no option to type, in its warnings', async () => {
    const { stdout } = await runCli(['report', '--region', 'sichuan']);
    expect(stdout).not.toContain('No year was given');
    const lists = [...stdout.matchAll(/<ul class="warnings ([a-z-]+)">(.*?)<\/ul>/gs)];
    // Every warning, grouped: those that change the meaning of the figures first, then the notes.
    expect(lists.map((list) => list[1])).toEqual(['changes-meaning', 'note']);
    const warnings = lists.map((list) => list[2]).join('');
    expect(warnings).toContain('<li>');
    expect(warnings).not.toMatch(/--[a-z]/);
    // The same run in the terminal counts the note on the default year, and says it with --explain.
    const terminal = await runCli(['estimate', '--region', 'sichuan']);
    expect(terminal.stderr).toMatch(/^\d+ notes \(default-year, /m);
    expect(terminal.stderr).not.toContain('No year was given');
    expect((await runCli(['estimate', '--region', 'sichuan', '--explain'])).stderr).toContain('No year was given');
  });
});

describe('the footer', () => {
  it('holds the exact command, quoted for a shell, and the shipped data with its digest', async () => {
    const dir = folder();
    const out = join(dir, "Sichuan's report & more.html");
    const args = ['report', '--region', 'sichuan', '--carbon-bracket', '24,820', '--out', out];
    expect((await runCli(args, WIDE)).code).toBe(0);
    const found = footer(readFileSync(out, 'utf8'));
    // The command as typed, with the file's name alone in place of its path.
    expect(shellWords(found.command)).toEqual(['mining-energy', ...args.slice(0, -1), "Sichuan's report & more.html"]);
    expect(found.data).toMatch(/^the data shipped with mining-energy \d+\.\d+\.\d+ \(sha256 [0-9a-f]{16}…\)$/);
  });

  it('names a --data directory, merged or alone, with a digest that differs from the shipped data', async () => {
    const shipped = footer((await runCli(['report', '--region', 'sichuan'])).stdout);

    const merged = await runCli(['--data', join(FIXTURES, 'overlay'), 'report', '--region', 'hainan']);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain('<h1>Hainan: electricity for bitcoin mining');
    const mergedFooter = footer(merged.stdout);
    expect(mergedFooter.data).toMatch(/^the data in .*overlay over the data shipped with mining-energy /);
    expect(mergedFooter.digest).not.toBe(shipped.digest);

    const alone = folder();
    cpSync(SHIPPED_DATA, alone, { recursive: true });
    const regions = JSON.parse(readFileSync(join(alone, 'regions.json'), 'utf8')) as { id: string; name: string }[];
    for (const region of regions) if (region.id === 'sichuan') region.name = 'Szechwan';
    writeFileSync(join(alone, 'regions.json'), JSON.stringify(regions));
    const own = await runCli(['--data', alone, '--no-default-data', 'report', '--region', 'sichuan']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('<h1>Szechwan: electricity for bitcoin mining');
    const ownFooter = footer(own.stdout);
    expect(ownFooter.data).toBe(`the data in ${basename(alone)} alone (sha256 ${ownFooter.digest}…)`);
    expect(new Set([shipped.digest, mergedFooter.digest, ownFooter.digest]).size).toBe(3);
  });

  it('gives the same digest for the same records, whatever the order of their keys', async () => {
    const shipped = footer((await runCli(['report', '--region', 'sichuan'])).stdout);
    const copy = folder();
    cpSync(SHIPPED_DATA, copy, { recursive: true });
    // The same records with each object's keys in reverse order and the file laid out differently.
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const shares = JSON.parse(readFileSync(join(copy, 'hashrate-shares.json'), 'utf8')) as unknown;
    writeFileSync(join(copy, 'hashrate-shares.json'), JSON.stringify(reversed(shares), null, 1));
    const own = await runCli(['--data', copy, '--no-default-data', 'report', '--region', 'sichuan']);
    expect(own.code, own.stderr).toBe(0);
    expect(footer(own.stdout).digest).toBe(shipped.digest);
  });
});

describe('chart', () => {
  it('neighbours --format vega-lite prints a Vega-Lite v6 specification', async () => {
    const result = await runCli(['chart', 'neighbours', '--region', 'texas', '--format', 'vega-lite']);
    expect(result.code).toBe(0);
    // The estimate's warnings, and nothing else.
    expect(
      result.stderr
        .split('\n')
        .filter((line) => line !== '' && !/^(warning \([a-z-]+\): |\d+ notes \(| {2}\S)/.test(line)),
    ).toEqual([]);
    const spec = JSON.parse(result.stdout) as {
      $schema: string;
      vconcat: [{ data: { values: { shown: string; label: string }[] } }, unknown];
    };
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    const mining = spec.vconcat[0].data.values.filter((v) => v.shown.startsWith('Bitcoin mining in Texas'));
    expect(mining).toHaveLength(1);
    expect(mining[0]?.label).toMatch(/^\d+\. Bitcoin mining in Texas$/);
  });

  it('writes an SVG to --out', async () => {
    const dir = folder();
    const out = join(dir, 'carbon.svg');
    const result = await runCli(['chart', 'carbon', '--region', 'sichuan', '--out', out], WIDE);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^Wrote the carbon chart of Sichuan to .*carbon\.svg \(\d+ KB\)\.\n(warning \([a-z-]+\): .*\n)+\d+ notes \(.*\n$/,
    );
    expect(readFileSync(out, 'utf8')).toMatch(/^<svg [^>]*role="img"[^>]*><title id="chart-carbon-title">/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses an unknown kind or format, listing the choices', async () => {
    await expectFailure(
      ['chart', 'pie', '--region', 'sichuan'],
      2,
      /'pie' is invalid.*shares, network, neighbours, carbon/,
    );
    await expectFailure(
      ['chart', 'shares', '--region', 'sichuan', '--format', 'pdf'],
      2,
      /'pdf' is invalid.*svg, png, vega-lite/,
    );
  });

  it('refuses an existing --out without --force, leaving it and no temporary file', async () => {
    const dir = folder();
    const out = join(dir, 'shares.svg');
    writeFileSync(out, 'old');
    await expectFailure(['chart', 'shares', '--region', 'sichuan', '--out', out], 2, /already exists; add --force/);
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['shares.svg']);
  });
});

describe('the world, which has no share of anything', () => {
  it('gets a page without a share history, and no share chart', async () => {
    const result = await runCli(['report', '--region', 'world']);
    expect(result.code, result.stderr).toBe(0);
    const sections = [...result.stdout.matchAll(/<section class="chart" id="section-([a-z]+)"/g)].map((m) => m[1]);
    expect(sections).toEqual(['energy', 'network', 'neighbours', 'carbon']);
    await expectFailure(['chart', 'shares', '--region', 'world'], 2, /World has no recorded share of a larger region/);
  });
});

describe('--out and the chart format', () => {
  it("takes the format from --out's extension, and refuses a --format that contradicts it", async () => {
    const dir = folder();
    const png = join(dir, 'carbon.png');
    expect((await runCli(['chart', 'carbon', '--region', 'china', '--out', png])).code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
    const json = join(dir, 'carbon.json');
    expect((await runCli(['chart', 'carbon', '--region', 'china', '--out', json])).code).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { $schema: string }).$schema).toMatch(/vega-lite\/v6/);
    await expectFailure(
      ['chart', 'carbon', '--region', 'china', '--format', 'svg', '--out', join(dir, 'c.png')],
      2,
      /--format svg does not match --out .*c\.png, whose extension is for png/,
    );
    expect(readdirSync(dir).sort()).toEqual(['carbon.json', 'carbon.png']);
  });

  it('reads --out - as stdout, and refuses an empty --out', async () => {
    const result = await runCli(['report', '--region', 'texas', '--out', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('<!doctype html>')).toBe(true);
    await expectFailure(['report', '--region', 'texas', '--out', ''], 2, /needs a file name/);
  });

  it('keeps the permissions of a file it replaces with --force', async () => {
    const dir = folder();
    const out = join(dir, 'private.html');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect((await runCli(['report', '--region', 'texas', '--out', out, '--force'])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8').startsWith('<!doctype html>')).toBe(true);
  });
});

describe('a basis without bounds', () => {
  it('draws no carbon range and says so, rather than a range of zero width', async () => {
    const spec = JSON.parse(
      (
        await runCli([
          'chart',
          'carbon',
          '--region',
          'united-states',
          '--year',
          '2025',
          '--series',
          'digiconomist',
          '--format',
          'vega-lite',
        ])
      ).stdout,
    ) as {
      description: string;
      vconcat: [{ data: { values: { lowerMtco2: number | null; upperMtco2: number | null }[] } }, unknown];
    };
    expect(spec.vconcat[0].data.values.every((v) => v.lowerMtco2 === null && v.upperMtco2 === null)).toBe(true);
    // Digiconomist publishes no bounds, and the United States' 2025 shares are recorded and exact.
    expect(spec.description).toContain('The energy has no bounds (its basis publishes none');
  });
});
