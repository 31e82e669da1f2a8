#!/usr/bin/env node
// Tags a release: checks that the commit being released says the version it is tagged with, then
// creates `vX.Y.Z` and moves the major tag (`v1`) onto the same commit, in one atomic push. Only the
// major tag is ever force-updated; an existing `vX.Y.Z` on another commit is an error, never moved.
//
//   node scripts/release.mjs --version 1.2.3 --dry-run      # checks and prints what it would push
//   node scripts/release.mjs --version 1.2.3 --notes-file notes.md [--remote origin] [--ref HEAD]
//
// package.json and CHANGELOG.md are read from the commit being tagged (`git show <ref>:<file>`), not
// from the work tree, so what is checked is exactly what is released. Node built-ins only: the release
// job runs it without `npm ci`.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'Usage: node scripts/release.mjs --version X.Y.Z [--dry-run] [--notes-file PATH] [--remote NAME] [--ref REV]';

/** Semantic version without build metadata; a leading `v` is accepted and dropped. */
const VERSION_PATTERN = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export class ReleaseError extends Error {
  name = 'ReleaseError';
}

/**
 * The tags a version gets. A prerelease (`1.2.0-rc.1`) gets only its own tag: people who pin `@v1`
 * must never be moved onto a release candidate.
 */
export function computeTags(input) {
  const match = VERSION_PATTERN.exec(String(input ?? '').trim());
  if (!match) {
    throw new ReleaseError(
      `Invalid version '${input}'. Expected MAJOR.MINOR.PATCH, for example 1.2.3 (or 1.2.3-rc.1 for a prerelease).`,
    );
  }
  const version = match[0].replace(/^v/, '');
  const prerelease = match[4] !== undefined;
  return {
    version,
    prerelease,
    releaseTag: `v${version}`,
    majorTag: prerelease ? null : `v${match[1]}`,
  };
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The body of the CHANGELOG entry `## [X.Y.Z]` (Keep a Changelog; an optional ` - date` after the
 * heading is allowed), up to the next `## ` heading or the link definitions at the end. Null when
 * there is no entry or it is empty.
 */
export function changelogEntry(changelog, version) {
  const heading = new RegExp(`^## \\[${escapeRegExp(version)}\\](?:[ \\t].*)?$`, 'm');
  const start = heading.exec(changelog);
  if (!start) return null;
  const rest = changelog.slice(start.index + start[0].length);
  const end = rest.search(/^## |^\[[^\]]+\]: /m);
  const body = (end === -1 ? rest : rest.slice(0, end)).trim();
  return body === '' ? null : `${body}\n`;
}

function git(cwd, args, options = {}) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    ...options,
  });
}

function tryGit(cwd, args) {
  try {
    return git(cwd, args).trim();
  } catch {
    return null;
  }
}

function showFile(cwd, commit, path) {
  const text = tryGit(cwd, ['show', `${commit}:${path}`]);
  if (text === null) throw new ReleaseError(`${path} is missing from commit ${commit}.`);
  return text;
}

/** The commit a tag points at (peeled), or null when there is no such tag. */
function localTagCommit(cwd, tag) {
  return tryGit(cwd, ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`]);
}

/** The commit a tag points at on the remote (peeled when annotated), or null. */
function remoteTagCommit(cwd, remote, tag) {
  const out = git(cwd, ['ls-remote', '--tags', '--', remote, `refs/tags/${tag}`, `refs/tags/${tag}^{}`]);
  let commit = null;
  for (const line of out.split('\n')) {
    const [sha, ref] = line.split('\t');
    if (ref === `refs/tags/${tag}^{}`) return sha;
    if (ref === `refs/tags/${tag}`) commit = sha;
  }
  return commit;
}

/**
 * Checks everything and returns the plan. Throws a ReleaseError listing every problem found, each
 * with what to do about it.
 */
export function planRelease({ cwd, version: input, ref = 'HEAD', remote = null }) {
  const tags = computeTags(input);
  const commit = tryGit(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (!commit) throw new ReleaseError(`'${ref}' is not a commit in ${cwd}.`);

  const problems = [];
  let packageVersion;
  try {
    packageVersion = JSON.parse(showFile(cwd, commit, 'package.json')).version;
  } catch (error) {
    problems.push(
      error instanceof ReleaseError ? error.message : `package.json does not parse: ${error.message}`,
    );
  }
  if (packageVersion !== undefined && packageVersion !== tags.version) {
    problems.push(
      `package.json says version ${packageVersion}, not ${tags.version}: run 'npm version ${tags.version} --no-git-tag-version' and commit.`,
    );
  }

  let notes = null;
  try {
    notes = changelogEntry(showFile(cwd, commit, 'CHANGELOG.md'), tags.version);
    if (notes === null) {
      problems.push(
        `CHANGELOG.md has no entry '## [${tags.version}]' with content: move the Unreleased notes under that heading and commit.`,
      );
    }
  } catch (error) {
    problems.push(error.message);
  }

  // The release tag is never moved: it may exist only on this very commit (a pushed tag, a re-run).
  const existing = [['local', localTagCommit(cwd, tags.releaseTag)]];
  if (remote) existing.push([`remote '${remote}'`, remoteTagCommit(cwd, remote, tags.releaseTag)]);
  for (const [where, tagged] of existing) {
    if (tagged && tagged !== commit) {
      problems.push(
        `Tag ${tags.releaseTag} already exists (${where}) on ${tagged.slice(0, 12)}, not on ${commit.slice(0, 12)}: release tags are never moved; pick the next version.`,
      );
    }
  }

  if (problems.length > 0) throw new ReleaseError(problems.join('\n'));
  const refspecs = [`refs/tags/${tags.releaseTag}:refs/tags/${tags.releaseTag}`];
  if (tags.majorTag) refspecs.push(`+refs/tags/${tags.majorTag}:refs/tags/${tags.majorTag}`);
  return { ...tags, commit, notes, refspecs };
}

/** Creates the tags locally (release tag only if absent) and pushes both in one atomic push. */
export function applyRelease(cwd, plan, remote) {
  if (!localTagCommit(cwd, plan.releaseTag)) {
    git(cwd, ['tag', '--annotate', '--message', plan.releaseTag, '--', plan.releaseTag, plan.commit]);
  }
  if (plan.majorTag) {
    git(cwd, [
      'tag',
      '--force',
      '--annotate',
      '--message',
      `${plan.majorTag} (${plan.releaseTag})`,
      '--',
      plan.majorTag,
      plan.commit,
    ]);
  }
  git(cwd, ['push', '--atomic', '--', remote, ...plan.refspecs], { stdio: ['ignore', 'inherit', 'inherit'] });
}

function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      version: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'notes-file': { type: 'string' },
      remote: { type: 'string', default: 'origin' },
      ref: { type: 'string', default: 'HEAD' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.version === undefined) throw new ReleaseError(`--version is required.\n${USAGE}`);
  const cwd = process.cwd();
  const dryRun = values['dry-run'];
  // A dry run never talks to the remote: it must work offline and in CI without credentials.
  const plan = planRelease({
    cwd,
    version: values.version,
    ref: values.ref,
    remote: dryRun ? null : values.remote,
  });

  console.log(`version:     ${plan.version}${plan.prerelease ? ' (prerelease)' : ''}`);
  console.log(`commit:      ${plan.commit}`);
  console.log(`release tag: ${plan.releaseTag}`);
  console.log(`major tag:   ${plan.majorTag ?? '(not moved for a prerelease)'}`);
  if (values['notes-file']) writeFileSync(values['notes-file'], plan.notes);
  if (dryRun) {
    console.log(`dry run: would run git push --atomic -- ${values.remote} ${plan.refspecs.join(' ')}`);
    console.log('dry run: nothing was tagged or pushed.');
    return;
  }
  applyRelease(cwd, plan, values.remote);
  console.log(`pushed ${plan.refspecs.map((spec) => spec.replace(/^\+?refs\/tags\/|:.*$/g, '')).join(', ')}`);
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    const expected = error instanceof ReleaseError || String(error?.code).startsWith('ERR_PARSE_ARGS');
    console.error(expected ? `release: ${error.message}` : error);
    process.exit(1);
  }
}
