import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRange, FIT_ONLY_OPTIONS, OPTION_FLAGS, OPTION_SPECS, type OptionKey } from '../../src/core/options';
import { decodeText } from '../../src/core/io/csv';
import { projectRoot } from '../helpers/shared';

// The command line explains itself (issue 12, item 5): per-command help with every flag's default and allowed
// values, --version, one-line file-system errors naming the path, terminal-safe labels, and files that are not
// UTF-8 either decoded (a UTF-16 byte-order mark) or refused with the byte — never garbage.
const cli = join(projectRoot, 'dist', 'cli.js');
const folder = mkdtempSync(join(tmpdir(), 'tikfit-explains-'));
const small = join(folder, 'small.csv');
writeFileSync(small, 'views,topic,fans\n10,a,1\n20,b,3\n30,a,2\n40,b,5\n50,a,4\n60,b,7\n70,a,5\n80,b,9\n');

function tikfit(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLineError(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\bat \w+ \(|ENOENT|EISDIR|EACCES/);
}

describe('--help per command', () => {
  const runHelp = tikfit('run', '--help');
  const fitHelp = tikfit('fit', '--help');

  test('each command prints its own help, not the global usage', () => {
    expect(runHelp.code).toBe(0);
    expect(fitHelp.code).toBe(0);
    expect(runHelp.stdout).toMatch(/^Usage: tikfit run <file\.csv> \[options\]/);
    expect(fitHelp.stdout).toMatch(/^Usage: tikfit fit <file\.csv> --target <column> \[options\]/);
  });

  test('run --help lists every recipe option with its default and, for numbers, the allowed range from core/options.ts', () => {
    // Options only `tikfit fit` takes (FIT_ONLY_OPTIONS, none now that the recipe takes --model) are left out.
    for (const key of (Object.keys(OPTION_SPECS) as OptionKey[]).filter((k) => !FIT_ONLY_OPTIONS.includes(k))) {
      const spec = OPTION_SPECS[key];
      const line = runHelp.stdout.split('\n').find((l) => l.startsWith(`  --${OPTION_FLAGS[key].flag} `));
      expect(line).toBeDefined();
      expect(line).toMatch(/\(default /);
      if (spec.kind === 'number') expect(line).toContain(describeRange(spec));
      if (spec.kind === 'choice') expect(line).toContain(spec.choices.join('|'));
    }
    expect(runHelp.stdout).toMatch(/--rare drop\|lump .*\(default lump; article: drop\)/);
    expect(runHelp.stdout).toMatch(/--test-fraction <number> .*\(default 0\.2; a number at least 0 and below 1\)/);
  });

  test('fit --help lists its flags with defaults', () => {
    for (const flag of [
      '--target <column>',
      '--no-intercept',
      '--log-target',
      '--exclude',
      '--model ols|poisson|nb',
      '--level <number>',
      '--robust classical|hc3',
      '--json',
    ]) {
      expect(fitHelp.stdout).toContain(flag);
    }
    expect(fitHelp.stdout).toMatch(/--level <number> .*\(default 0\.95; a number above 0 and below 1\)/);
  });
});

test('--version prints the package version', () => {
  const { code, stdout } = tikfit('--version');
  expect(code).toBe(0);
  expect(stdout).toMatch(/^tikfit \d+\.\d+\.\d+\n$/);
});

describe('file-system errors are one line naming the path, exit 2', () => {
  test('a missing file, a folder, an unwritable --out', () => {
    expectOneLineError(tikfit('run', join(folder, 'nope.csv')), /cannot read ".*nope\.csv": no such file or folder/);
    expectOneLineError(tikfit('run', folder), /cannot read ".*": it is a folder/);
    expectOneLineError(
      tikfit('run', small, '--out', join(folder, 'missing', 'out.csv')),
      /cannot write ".*missing\/out\.csv": no such file or folder/,
    );
    mkdirSync(join(folder, 'a-folder'), { recursive: true });
    expectOneLineError(
      tikfit('run', small, '--out', join(folder, 'a-folder')),
      /cannot write ".*a-folder": it is a folder/,
    );
    expectOneLineError(
      tikfit('run', small, '--out', join(small, 'x.csv')),
      /cannot write ".*small\.csv\/x\.csv": a part of the path is not a folder/,
    );
  });
});

test('a negative number after a flag gets its hint on one line', () => {
  expectOneLineError(
    tikfit('run', small, '--seed', '-5'),
    /--seed takes a value starting with "-" only as --seed=<value> \(for example --seed=-5\)/,
  );
  expect(tikfit('run', small, '--seed=-5', '--test-fraction', '0', '--json').code).toBe(0);
});

test('control characters in labels are escaped in the text report and in errors', () => {
  const escaped = join(folder, 'escape.csv');
  writeFileSync(
    escaped,
    'views,cat,fans\n1,z\u001b[31mred,2\n2,z\u001b[31mred,3\n3,b,5\n4,b,4\n5,b,6\n6,z\u001b[31mred,8\n',
  );
  const { code, stdout } = tikfit('fit', escaped, '--target', 'fans');
  expect(code).toBe(0);
  expect(stdout).toContain('cat_z\\x1b[31mred');
  expect(stdout).not.toContain('\u001b');
  const error = tikfit('fit', escaped, '--target', 'no\u001b[2Jpe');
  expect(error.stderr).not.toContain('\u001b');
  expect(error.stderr).toContain('no\\x1b[2Jpe');
});

describe('files that are not UTF-8', () => {
  test('UTF-16 with a byte-order mark (little and big endian) is decoded', () => {
    const text = 'views,fans\n1,2\n3,5\n4,4\n5,7\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);
    expect(decodeText(le, 'le.csv')).toBe(text);
    expect(decodeText(be, 'be.csv')).toBe(text);
    writeFileSync(join(folder, 'utf16.csv'), le);
    const { code, stdout } = tikfit('fit', join(folder, 'utf16.csv'), '--target', 'fans', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).n).toBe(4);
  });

  test('Latin-1 (or any invalid UTF-8) is refused with the byte, its offset and line, and what to do', () => {
    writeFileSync(join(folder, 'latin1.csv'), Buffer.from('name,fans\ncaf\u00e9,2\n', 'latin1'));
    expectOneLineError(
      tikfit('run', join(folder, 'latin1.csv')),
      /"[^"]*latin1\.csv" is not UTF-8 text \(byte 0xE9 at offset 13, line 2\); save it as "CSV UTF-8" and try again/,
    );
  });
});
