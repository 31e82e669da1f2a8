// Builds dist/ with ncc: the action (dist/index.js), its post step (dist/post/index.js), the CLI
// (dist/cli/index.js) and the sweep sub-action (dist/sweep/index.js). Minified for cold start; provider SDKs stay in lazily loaded chunks.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const entries = [
  ['src/index.ts', 'dist'],
  ['src/post.ts', 'dist/post'],
  ['src/cli.ts', 'dist/cli'],
  ['src/sweep/action.ts', 'dist/sweep'],
];
rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of entries) {
  execFileSync(
    'node_modules/.bin/ncc',
    ['build', entry, '-o', out, '--minify', '--no-source-map-register', '--quiet', '--target', 'es2022'],
    {
      stdio: 'inherit',
    },
  );
}
