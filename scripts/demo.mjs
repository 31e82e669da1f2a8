// npm run demo: the whole pipeline on the local provider, against a throwaway repository, with a
// scripted agent. Prints the resulting patch and how to apply it. Uses the committed dist/ build.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'sandbox-agent-demo-'));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Demo User',
  GIT_AUTHOR_EMAIL: 'demo@example.com',
  GIT_COMMITTER_NAME: 'Demo User',
  GIT_COMMITTER_EMAIL: 'demo@example.com',
  RUNNER_TEMP: join(work, 'runner-temp'),
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

// 1. A throwaway "upstream" repository and a depth-1 checkout of it, as actions/checkout makes.
const upstream = join(work, 'upstream');
mkdirSync(upstream);
git(upstream, 'init', '-q', '-b', 'main');
writeFileSync(join(upstream, 'README.md'), '# Demo project\n\nA tiny project for the sandbox-agent demo.\n');
writeFileSync(join(upstream, 'greet.sh'), '#!/bin/sh\necho "hello"\n');
git(upstream, 'add', '-A');
git(upstream, 'commit', '-q', '-m', 'Initial commit');
const checkout = join(work, 'checkout');
git(work, 'clone', '-q', '--depth', '1', `file://${upstream}`, checkout);
mkdirSync(env.RUNNER_TEMP, { recursive: true });

// 2. A scripted "agent": reads the prompt from $AGENT_PROMPT_FILE, edits, commits some, leaves some.
const agent = join(work, 'agent.sh');
writeFileSync(
  agent,
  `set -e
echo "I was asked: $(cat "$AGENT_PROMPT_FILE")"
printf '#!/bin/sh\\necho "hello, \${1:-world}"\\n' > greet.sh
git commit -qam "Greet by name"
printf '\\n## Usage\\n\\n    ./greet.sh Ada\\n' >> README.md
echo "Done: greet.sh takes a name; README documents it (left uncommitted on purpose)."
`,
);

// 3. The pipeline, through the CLI: snapshot → boot → stage → run → capture → teardown → verify → deliver.
const out = join(work, 'out');
console.log(`Demo workspace: ${work}\n`);
const run = spawnSync(
  process.execPath,
  [
    join(root, 'dist', 'cli', 'index.js'),
    'run',
    '--repo',
    checkout,
    '--out',
    out,
    '--provider',
    'local',
    '--agent',
    'custom',
    '--agent-command',
    `sh ${agent}`,
    '--prompt',
    'Make greet.sh greet a name given as $1, and document it.',
  ],
  { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (run.status !== 0) {
  console.error(`\nThe demo run failed (exit ${run.status}).`);
  process.exit(1);
}
const result = JSON.parse(run.stdout);

// 4. The patch and how to apply it.
console.log(`\n── Result: ${result.outcome} — ${result.message}`);
console.log('\n── Stage timings');
for (const t of result.timings) console.log(`  ${t.stage.padEnd(9)} ${String(t.ms).padStart(6)} ms`);
console.log(`\n── ${result.patchPath} (${result.patchBytes} bytes)\n`);
console.log(readFileSync(result.patchPath, 'utf8'));
console.log('── Apply it');
console.log(`  cd ${checkout}`);
console.log(`  git am --keep-cr --patch-format=mboxrd ${result.patchPath}`);
console.log('  # or, with the same isolated verification the action uses, onto a new branch:');
console.log(`  node ${join(root, 'dist', 'cli', 'index.js')} apply ${result.patchPath} --repo ${checkout}`);
