/**
 * The capture script (SPEC §5), run in the sandbox after the agent exits, with every value in env:
 * WORKDIR, OUT_DIR, BASE_SHA, BOT_NAME, BOT_EMAIL, LEFTOVER_MESSAGE.
 *
 * 1. Commit anything the agent left uncommitted (tracked, untracked, deletions) with the bot identity.
 *    Every git command's failure fails the capture (nothing is read through a pipe that hides it).
 * 2. Require BASE_SHA to be an ancestor of HEAD (exit 20 otherwise).
 * 3. Rebuild the first-parent chain, keeping every tree exactly (exit 21 if it does not start at
 *    BASE_SHA): merges are linearized (a merge's changes land in the commit that replaces it, nothing
 *    is silently dropped) and commits that change nothing are dropped, so `git am` never meets an empty
 *    patch. Their count is reported as `empty_commits_dropped`.
 * 4. `git format-patch` with explicit overrides, so the sandbox repo's config cannot change the output.
 * 5. Write agent.mbox and agent.meta.json into OUT_DIR.
 */
export const CAPTURE_EXIT = { historyRewritten: 20, mergeUnsupported: 21 } as const;

export const CAPTURE_SCRIPT = `set -eu
export LC_ALL=C GIT_TERMINAL_PROMPT=0 GIT_PAGER=cat PAGER=cat
cd "$WORKDIR"
G() {
  git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c commit.gpgsign=false \\
    -c user.name="$BOT_NAME" -c user.email="$BOT_EMAIL" -c user.useConfigOnly=false "$@"
}
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/agent.mbox" "$OUT_DIR/agent.meta.json" "$OUT_DIR/.status" "$OUT_DIR/.chain" "$OUT_DIR/.files"

# Embedded repositories the agent created (a clone, a \`git init\`) cannot be committed as files, an empty
# one makes \`git add -A\` fail outright, and a gitlink would be refused by policy: leave them out of the
# leftover commit (exclude patterns, glob characters escaped) so the rest of the work still comes back.
# With --untracked-files=all, status lists untracked directories only when they are such repositories.
# Status goes to a file, never straight into a pipe: a failing status (a required clean filter that
# fails) must fail the capture, not read as "nothing left uncommitted".
status() {
  G status --porcelain=v1 -z --untracked-files=all --ignore-submodules=none > "$OUT_DIR/.status"
  tr '\\000' '\\n' < "$OUT_DIR/.status"
}
STATUS=$(status)
EMBEDDED=$(printf '%s\\n' "$STATUS" | sed -n 's|^?? \\(.*\\)/$|\\1|p')
EMBEDDED_COUNT=0
if [ -n "$EMBEDDED" ]; then
  EMBEDDED_COUNT=$(printf '%s\\n' "$EMBEDDED" | wc -l | tr -d ' ')
  printf '%s\\n' "$EMBEDDED" | sed -e 's/[][*?\\\\!# ]/\\\\&/g' -e 's|^|/|' -e 's|$|/|' >> "$(G rev-parse --git-path info/exclude)"
  STATUS=$(status)
fi
rm -f "$OUT_DIR/.status"

LEFTOVER=false
if [ -n "$STATUS" ]; then
  G add -A -- .
  G commit -q --no-verify --allow-empty -m "$LEFTOVER_MESSAGE"
  LEFTOVER=true
fi

# Revisions are always followed by \`--\` or given with --verify: a file named HEAD, main or a commit id
# at the root must never be read as a path (or make the revision ambiguous).
TIP=$(G rev-parse --verify HEAD^{commit})
if ! G merge-base --is-ancestor "$BASE_SHA" "$TIP"; then
  echo "HEAD no longer descends from the base commit." >&2
  exit ${CAPTURE_EXIT.historyRewritten}
fi

# Rebuild the first-parent chain from the base: a commit whose tree equals the previous one adds
# nothing (\`git commit --allow-empty\`, a merge that brought nothing along the first parent) and
# would make \`git am\` stop with "Patch is empty", so it is dropped. A merge is replaced by a commit with
# one parent: the same object (tree, author, committer, encoding, message bytes), so nothing is
# silently dropped, its changes land in that commit. Commits already in place are kept as they are.
# The chain is listed into a file so a failing rev-list fails the capture.
G rev-list --first-parent --reverse --format='%T %P' "$BASE_SHA..$TIP" -- > "$OUT_DIR/.chain"
PREV_TREE=$(G rev-parse --verify "$BASE_SHA^{tree}")
NEW=$BASE_SHA
FIRST=true
LINEARIZED=false
EMPTY_DROPPED=0
while read -r WORD C REST <&3; do
  # rev-list --format prints "commit <sha>" then the formatted line "<tree> <parents>".
  [ "$WORD" = commit ] && [ -z "$REST" ] || { echo "Unexpected rev-list output." >&2; exit 1; }
  read -r T P1 PMORE <&3
  if [ "$FIRST" = true ] && [ "$P1" != "$BASE_SHA" ]; then
    echo "The first-parent history does not start at the base commit." >&2
    exit ${CAPTURE_EXIT.mergeUnsupported}
  fi
  FIRST=false
  [ -n "$PMORE" ] && LINEARIZED=true
  if [ "$T" = "$PREV_TREE" ]; then
    EMPTY_DROPPED=$((EMPTY_DROPPED + 1))
    continue
  fi
  PREV_TREE=$T
  if [ "$P1" = "$NEW" ] && [ -z "$PMORE" ]; then
    NEW=$C
    continue
  fi
  # Same object with one parent: tree, author, committer, encoding and message bytes are kept.
  NEW=$(G cat-file commit "$C" | awk -v parent="$NEW" '
    BEGIN { header = 1 }
    header && /^parent / { next }
    header && /^(gpgsig|gpgsig-sha256|mergetag) / { skip = 1; next }
    header && skip && /^ / { next }
    { skip = 0 }
    header && /^tree / { print; print "parent " parent; next }
    header && /^$/ { header = 0 }
    { print }
  ' | G hash-object -t commit -w --stdin)
done 3< "$OUT_DIR/.chain"
rm -f "$OUT_DIR/.chain"
HEAD_TREE=$(G rev-parse --verify "$TIP^{tree}")
if [ "$(G rev-parse --verify "$NEW^{tree}")" != "$HEAD_TREE" ]; then
  echo "Rebuilding the history changed the final tree." >&2
  exit 1
fi
TIP=$NEW

G -c diff.noprefix=false -c diff.mnemonicPrefix=false -c diff.relative=false -c format.noprefix=false \\
  -c core.quotePath=true -c diff.submodule=short -c format.signature= -c format.binary=true \\
  -c format.useAutoBase=false -c format.coverLetter=false -c format.notes=false \\
  -c i18n.logOutputEncoding=UTF-8 -c log.showSignature=false -c color.ui=false -c diff.color=false \\
  format-patch --always --binary --full-index --no-color --no-signature --unified=3 -M --pretty=mboxrd --stdout \\
  "$BASE_SHA..$TIP" -- > "$OUT_DIR/agent.mbox"

COMMITS=$(G rev-list --count "$BASE_SHA..$TIP" --)
G diff-tree -r --no-renames --name-only -z "$BASE_SHA" "$TIP" -- > "$OUT_DIR/.files"
FILES=$(tr -cd '\\000' < "$OUT_DIR/.files" | wc -c | tr -d ' ')
rm -f "$OUT_DIR/.files"
SIZE=$(wc -c < "$OUT_DIR/agent.mbox" | tr -d ' ')
# The runner checks the downloaded mbox against this digest (empty when the image has no tool for it).
SHA256=$( (sha256sum < "$OUT_DIR/agent.mbox" || shasum -a 256 < "$OUT_DIR/agent.mbox") 2>/dev/null | cut -c1-64)
printf '{"version":1,"base_sha":"%s","head_sha":"%s","head_tree":"%s","commits":%s,"files_changed":%s,"format":"mboxrd","size_bytes":%s,"mbox_sha256":"%s","linearized":%s,"leftovers_committed":%s,"embedded_repos_left_out":%s,"empty_commits_dropped":%s}\\n' \\
  "$BASE_SHA" "$TIP" "$HEAD_TREE" "$COMMITS" "$FILES" "$SIZE" "$SHA256" "$LINEARIZED" "$LEFTOVER" "$EMBEDDED_COUNT" "$EMPTY_DROPPED" > "$OUT_DIR/agent.meta.json"
cat "$OUT_DIR/agent.meta.json"
`;
