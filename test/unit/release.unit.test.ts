import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../helpers/action.js';

/** scripts/release.mjs run as a process, as the release workflow runs it, on real git repositories. */
const SCRIPT = join(PROJECT_ROOT, 'scripts', 'release.mjs');
const IDENTITY = {
  GIT_AUTHOR_NAME: 'test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY } }).trim();
}

function changelogWith(version: string, body = '### Added\n\n- A feature.'): string {
  return `# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-01-01\n\n${body}\n\n## [0.9.0]\n\n- Older.\n\n[${version}]: https://example.com/compare\n`;
}

/** A repository whose HEAD says `version` in package.json and CHANGELOG.md, with a bare `origin`. */
function makeRepo({ version = '1.2.3', changelog = changelogWith(version) } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'release-'));
  temps.push(root);
  const remote = join(root, 'remote.git');
  const work = join(root, 'work');
  git(root, 'init', '--quiet', '--bare', remote);
  git(root, 'init', '--quiet', '-b', 'main', work);
  git(work, 'remote', 'add', 'origin', remote);
  commitRelease(work, version, changelog);
  git(work, 'push', '--quiet', 'origin', 'main');
  return { work, remote };
}

function commitRelease(work: string, version: string, changelog = changelogWith(version)): string {
  writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'x', version }, null, 2)}\n`);
  writeFileSync(join(work, 'CHANGELOG.md'), changelog);
  git(work, 'add', '--', 'package.json', 'CHANGELOG.md');
  git(work, 'commit', '--quiet', '-m', `Release ${version}`);
  return git(work, 'rev-parse', 'HEAD');
}

function release(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...IDENTITY },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** tag → commit it points at (peeled), as the remote serves it. */
function remoteTags(remote: string): Record<string, string> {
  const tags: Record<string, string> = {};
  const out = git(
    remote,
    'for-each-ref',
    '--format=%(refname:short) %(*objectname)%(objectname)',
    'refs/tags',
  );
  for (const line of out.split('\n').filter(Boolean)) {
    const [name, objects] = line.split(' ') as [string, string];
    // Annotated: peeled object first (40 hex) then the tag object; lightweight: the commit only.
    tags[name] = objects.slice(0, 40);
  }
  return tags;
}

describe('scripts/release.mjs --dry-run', () => {
  it('computes vX.Y.Z and the major tag, prints the push, and tags or pushes nothing', () => {
    const { work, remote } = makeRepo({ version: '1.2.3' });
    const head = git(work, 'rev-parse', 'HEAD');
    const result = release(work, '--version', '1.2.3', '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('release tag: v1.2.3');
    expect(result.stdout).toContain('major tag:   v1');
    expect(result.stdout).toContain(`commit:      ${head}`);
    expect(result.stdout).toContain(
      'would run git push --atomic -- origin refs/tags/v1.2.3:refs/tags/v1.2.3 +refs/tags/v1:refs/tags/v1',
    );
    expect(git(work, 'tag', '--list')).toBe('');
    expect(remoteTags(remote)).toEqual({});
  });

  it('accepts a leading v (the name of a pushed tag)', () => {
    const { work } = makeRepo({ version: '2.0.0' });
    const result = release(work, '--version', 'v2.0.0', '--dry-run');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('release tag: v2.0.0');
    expect(result.stdout).toContain('major tag:   v2');
  });

  it.each([
    '1.2',
    '1.2.3.4',
    '01.2.3',
    'v1.2.3; touch pwned',
    '1.2.3+build.1',
    '1.2.3\nv9.9.9',
    'latest',
    '',
  ])('refuses the version %j and tags nothing', (version) => {
    const { work, remote } = makeRepo();
    const result = release(work, '--version', version, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid version');
    expect(result.stderr).toContain('Expected MAJOR.MINOR.PATCH');
    expect(readdirSync(work)).not.toContain('pwned');
    expect(git(work, 'tag', '--list')).toBe('');
    expect(remoteTags(remote)).toEqual({});
  });

  it('reports a package.json mismatch and a missing CHANGELOG entry together, saying what to do', () => {
    const { work } = makeRepo({ version: '1.2.3' });
    const result = release(work, '--version', '1.3.0', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "package.json says version 1.2.3, not 1.3.0: run 'npm version 1.3.0 --no-git-tag-version' and commit.",
    );
    expect(result.stderr).toContain("CHANGELOG.md has no entry '## [1.3.0]'");
  });

  it('checks the committed files, not the work tree', () => {
    const { work } = makeRepo({ version: '1.2.3' });
    // Edited but not committed: the commit that would be tagged still says 1.2.3.
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'x', version: '1.3.0' }));
    writeFileSync(join(work, 'CHANGELOG.md'), changelogWith('1.3.0'));
    const result = release(work, '--version', '1.3.0', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('package.json says version 1.2.3, not 1.3.0');
  });

  it('refuses an empty CHANGELOG entry, and a heading that only starts with the version', () => {
    const { work } = makeRepo({
      version: '1.2.3',
      changelog: '# Changelog\n\n## [1.2.3]\n\n## [1.2.30]\n\n- Not this one.\n',
    });
    const result = release(work, '--version', '1.2.3', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("CHANGELOG.md has no entry '## [1.2.3]' with content");
  });

  it('refuses a release tag that already exists on another commit', () => {
    const { work, remote } = makeRepo({ version: '1.2.3' });
    git(work, 'tag', 'v1.2.3');
    git(work, 'commit', '--quiet', '--allow-empty', '-m', 'later');
    const result = release(work, '--version', '1.2.3', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Tag v1.2.3 already exists (local)');
    expect(result.stderr).toContain('release tags are never moved');
    expect(remoteTags(remote)).toEqual({});
  });
});

describe('scripts/release.mjs (pushing)', () => {
  it('pushes vX.Y.Z and moves only the major tag, and writes the CHANGELOG entry as the notes', () => {
    const { work, remote } = makeRepo({ version: '1.0.0' });
    const first = git(work, 'rev-parse', 'HEAD');
    expect(release(work, '--version', '1.0.0').status).toBe(0);
    expect(remoteTags(remote)).toEqual({ v1: first, 'v1.0.0': first });

    const second = commitRelease(work, '1.1.0');
    const notes = join(work, '..', 'notes.md');
    const result = release(work, '--version', '1.1.0', '--notes-file', notes);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('pushed v1.1.0, v1');
    expect(remoteTags(remote)).toEqual({ v1: second, 'v1.0.0': first, 'v1.1.0': second });
    expect(readFileSync(notes, 'utf8')).toBe('### Added\n\n- A feature.\n');
  });

  it('refuses a version whose tag the remote has on another commit, and pushes nothing', () => {
    const { work, remote } = makeRepo({ version: '1.0.0' });
    const first = git(work, 'rev-parse', 'HEAD');
    expect(release(work, '--version', '1.0.0').status).toBe(0);
    // A clone that never fetched the tag tries to release 1.0.0 again from a later commit.
    git(work, 'tag', '--delete', 'v1.0.0');
    commitRelease(work, '1.0.0', changelogWith('1.0.0', '- Again.'));
    const result = release(work, '--version', '1.0.0');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Tag v1.0.0 already exists (remote 'origin')");
    expect(remoteTags(remote)).toEqual({ v1: first, 'v1.0.0': first });
  });

  it('releases a tag that was pushed by hand (the tag-push trigger) and can run again', () => {
    const { work, remote } = makeRepo({ version: '1.0.0' });
    const head = git(work, 'rev-parse', 'HEAD');
    git(work, 'tag', 'v1.0.0');
    git(work, 'push', '--quiet', 'origin', 'refs/tags/v1.0.0');
    expect(release(work, '--version', 'v1.0.0').status).toBe(0);
    expect(release(work, '--version', 'v1.0.0').status).toBe(0);
    expect(remoteTags(remote)).toEqual({ v1: head, 'v1.0.0': head });
  });

  it('never moves the major tag to a prerelease', () => {
    const { work, remote } = makeRepo({ version: '1.0.0' });
    const first = git(work, 'rev-parse', 'HEAD');
    expect(release(work, '--version', '1.0.0').status).toBe(0);
    const rc = commitRelease(work, '1.1.0-rc.1');
    const result = release(work, '--version', '1.1.0-rc.1');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('(prerelease)');
    expect(remoteTags(remote)).toEqual({ v1: first, 'v1.0.0': first, 'v1.1.0-rc.1': rc });
  });
});

describe('this repository is releasable', () => {
  it('the dry run passes for the version in package.json (what CI exercises)', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    // Once vX.Y.Z is released and main moves on, HEAD cannot be X.Y.Z again: the dry run must say so,
    // and the released commit must still pass. CI's shallow checkout has no tags: HEAD is checked.
    const tagged = spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/v${version}^{commit}`], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    }).stdout.trim();
    const head = git(PROJECT_ROOT, 'rev-parse', 'HEAD');
    if (tagged && tagged !== head) {
      expect(release(PROJECT_ROOT, '--version', version, '--dry-run').stderr).toContain('already exists');
    }
    const ref = tagged && tagged !== head ? `v${version}` : 'HEAD';
    const result = release(PROJECT_ROOT, '--version', version, '--dry-run', '--ref', ref);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`release tag: v${version}`);
    expect(result.stdout).toContain('dry run: nothing was tagged or pushed.');
  });

  it('the release workflow builds, checks dist/ and tests before a separate job pushes tags', () => {
    const workflow = parse(readFileSync(join(PROJECT_ROOT, '.github/workflows/release.yml'), 'utf8'));
    expect(workflow.on.workflow_dispatch.inputs.version.required).toBe(true);
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const { check, release: publish } = workflow.jobs;
    expect(check.permissions).toBeUndefined();
    expect(publish.needs).toBe('check');
    expect(publish.permissions).toEqual({ contents: 'write' });
    const checkRuns: string[] = check.steps.map((step: { run?: string }) => step.run ?? '');
    for (const command of [
      '--dry-run',
      'npm ci',
      'npm run build',
      'git status --porcelain -- dist',
      'npm test',
    ]) {
      expect(checkRuns.some((run) => run.includes(command))).toBe(true);
    }
    for (const job of [check, publish]) {
      for (const step of job.steps as { uses?: string; run?: string; with?: Record<string, unknown> }[]) {
        // A job that can push tags runs actions pinned by full commit SHA; inputs reach scripts only
        // through env, never interpolated into them.
        if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
        if (step.uses?.startsWith('actions/checkout@'))
          expect(step.with?.['persist-credentials']).toBe(false);
        if (step.run) expect(step.run).not.toContain('${{');
      }
    }
  });

  it('Dependabot updates npm and actions weekly and holds modal on its 0.11 line', () => {
    const config = parse(readFileSync(join(PROJECT_ROOT, '.github/dependabot.yml'), 'utf8'));
    const updates = config.updates as {
      'package-ecosystem': string;
      schedule: { interval: string };
      ignore?: { 'dependency-name': string; 'update-types': string[] }[];
    }[];
    expect(updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    expect(updates.every((u) => u.schedule.interval === 'weekly')).toBe(true);
    const npm = updates.find((u) => u['package-ecosystem'] === 'npm');
    expect(npm?.ignore).toContainEqual({
      'dependency-name': 'modal',
      'update-types': ['version-update:semver-major', 'version-update:semver-minor'],
    });
  });

  it('no document tells people to run the CLI through npx under a registry name that is not ours', () => {
    const docs = [
      'README.md',
      'SECURITY.md',
      'CHANGELOG.md',
      ...readdirSync(join(PROJECT_ROOT, 'docs')).map((f) => `docs/${f}`),
      ...readdirSync(join(PROJECT_ROOT, 'examples')).map((f) => `examples/${f}`),
    ];
    for (const doc of docs) {
      const text = readFileSync(join(PROJECT_ROOT, doc), 'utf8');
      // `npx sandbox-agent`, `npx -y sandbox-agent@1`, `npm exec sandbox-agent`: the registry's package.
      expect(text, doc).not.toMatch(/\b(npx|npm exec)\s+((?!--package)-\S*\s+)*sandbox-agent\b/);
    }
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { private?: boolean };
    expect(pkg.private).toBe(true);
  });
});
