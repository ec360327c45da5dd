import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/shared';

// clasp works offline for this: it must push exactly the built add-on, and nothing else.
test('`clasp show-file-status` lists exactly the files of dist/addon/', () => {
  const clasp = join(projectRoot, 'node_modules', '.bin', 'clasp');
  const result = spawnSync(clasp, ['show-file-status', '--json'], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60000,
  });
  expect(result.status).toBe(0);
  const status = JSON.parse(result.stdout) as { filesToPush: string[]; untrackedFiles: string[] };
  const built = readdirSync(join(projectRoot, 'dist', 'addon')).map((f) => `dist/addon/${f}`);
  expect([...status.filesToPush].sort()).toEqual(built.sort());
  expect(built.sort()).toEqual(['dist/addon/Code.js', 'dist/addon/appsscript.json', 'dist/addon/sidebar.html']);
});

test('.clasp.json points at dist/addon with a placeholder scriptId; the manifest asks for the two minimal scopes', () => {
  const clasp = JSON.parse(readFileSync(join(projectRoot, '.clasp.json'), 'utf8')) as {
    scriptId: string;
    rootDir: string;
  };
  expect(clasp.rootDir).toBe('dist/addon');
  expect(clasp.scriptId).toMatch(/REPLACE/);
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'dist', 'addon', 'appsscript.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(manifest.runtimeVersion).toBe('V8');
  expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  expect(manifest.oauthScopes).toEqual([
    'https://www.googleapis.com/auth/spreadsheets.currentonly',
    'https://www.googleapis.com/auth/script.container.ui',
  ]);
  expect(manifest).not.toHaveProperty('addOns');
});
