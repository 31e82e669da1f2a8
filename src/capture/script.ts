/**
 * The capture script (SPEC §5), run in the sandbox after the agent exits, with every value in env:
 * WORKDIR, OUT_DIR, BASE_SHA, BOT_NAME, BOT_EMAIL, LEFTOVER_MESSAGE.
 *
 * 1. Commit anything the agent left uncommitted (tracked, untracked, deletions) with the bot identity.
 * 2. Require BASE_SHA to be an ancestor of HEAD (exit 20 otherwise).
 * 3. Linearize merges along the first parent, keeping every tree exactly (exit 21 if the first-parent
 *    chain does not reach BASE_SHA). Nothing is silently dropped: a merge's changes land in the
 *    linearized commit that replaces it.
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
rm -f "$OUT_DIR/agent.mbox" "$OUT_DIR/agent.meta.json"

# Embedded repositories the agent created (a clone, a \`git init\`) cannot be committed as files, an empty
# one makes \`git add -A\` fail outright, and a gitlink would be refused by policy: leave them out of the
# leftover commit (exclude patterns, glob characters escaped) so the rest of the work still comes back.
# With --untracked-files=all, status lists untracked directories only when they are such repositories.
status() { G status --porcelain=v1 -z --untracked-files=all --ignore-submodules=none | tr '\\000' '\\n'; }
STATUS=$(status)
EMBEDDED=$(printf '%s\\n' "$STATUS" | sed -n 's|^?? \\(.*\\)/$|\\1|p')
EMBEDDED_COUNT=0
if [ -n "$EMBEDDED" ]; then
  EMBEDDED_COUNT=$(printf '%s\\n' "$EMBEDDED" | wc -l | tr -d ' ')
  printf '%s\\n' "$EMBEDDED" | sed -e 's/[][*?\\\\!# ]/\\\\&/g' -e 's|^|/|' -e 's|$|/|' >> "$(G rev-parse --git-path info/exclude)"
  STATUS=$(status)
fi

LEFTOVER=false
if [ -n "$STATUS" ]; then
  G add -A -- .
  G commit -q --no-verify --allow-empty -m "$LEFTOVER_MESSAGE"
  LEFTOVER=true
fi

TIP=$(G rev-parse --verify HEAD^{commit})
if ! G merge-base --is-ancestor "$BASE_SHA" "$TIP"; then
  echo "HEAD no longer descends from the base commit." >&2
  exit ${CAPTURE_EXIT.historyRewritten}
fi

LINEARIZED=false
if [ -n "$(G rev-list --merges "$BASE_SHA..$TIP")" ]; then
  FIRST=$(G rev-list --first-parent --reverse "$BASE_SHA..$TIP" | head -n 1)
  if [ "$(G rev-parse "$FIRST^1")" != "$BASE_SHA" ]; then
    echo "The first-parent history does not start at the base commit." >&2
    exit ${CAPTURE_EXIT.mergeUnsupported}
  fi
  NEW=$BASE_SHA
  for C in $(G rev-list --first-parent --reverse "$BASE_SHA..$TIP"); do
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
  done
  TIP=$NEW
  LINEARIZED=true
fi

G -c diff.noprefix=false -c diff.mnemonicPrefix=false -c diff.relative=false -c format.noprefix=false \\
  -c core.quotePath=true -c diff.submodule=short -c format.signature= -c format.binary=true \\
  -c format.useAutoBase=false -c format.coverLetter=false -c format.notes=false \\
  -c i18n.logOutputEncoding=UTF-8 -c log.showSignature=false -c color.ui=false -c diff.color=false \\
  format-patch --always --binary --full-index --no-color --no-signature --unified=3 -M --pretty=mboxrd --stdout \\
  "$BASE_SHA..$TIP" > "$OUT_DIR/agent.mbox"

COMMITS=$(G rev-list --count "$BASE_SHA..$TIP")
FILES=$(G diff-tree -r --no-renames --name-only -z "$BASE_SHA" "$TIP" | tr -cd '\\000' | wc -c | tr -d ' ')
HEAD_TREE=$(G rev-parse "$TIP^{tree}")
SIZE=$(wc -c < "$OUT_DIR/agent.mbox" | tr -d ' ')
printf '{"version":1,"base_sha":"%s","head_sha":"%s","head_tree":"%s","commits":%s,"files_changed":%s,"format":"mboxrd","size_bytes":%s,"linearized":%s,"leftovers_committed":%s,"embedded_repos_left_out":%s}\\n' \\
  "$BASE_SHA" "$TIP" "$HEAD_TREE" "$COMMITS" "$FILES" "$SIZE" "$LINEARIZED" "$LEFTOVER" "$EMBEDDED_COUNT" > "$OUT_DIR/agent.meta.json"
cat "$OUT_DIR/agent.meta.json"
`;
