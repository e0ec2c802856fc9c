#!/usr/bin/env bash
# Publishes this commit's worker (ReadyToRun for this machine, as the Dockerfile does) from a throw-away checkout,
# with PATCH applied when one is given, into OUT: the working tree is never touched. The build's output goes to
# OUT-build.txt and is printed when the build fails. bench/import-phases.sh and bench/import-ceiling.sh build with it.
# Usage: bench/store-scale/publish-checkout.sh OUT [PATCH]     (paths from the repository's root, or absolute)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$1 patch=${2:-}
src="$out-src"
git worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
git worktree add --detach -q "$src" HEAD
trap 'git worktree remove --force "$src" 2>/dev/null || true' EXIT
if [ -n "$patch" ]; then
  git -C "$src" apply "$PWD/$patch" \
    || { echo "$patch no longer fits this commit: make it again from the same change (see its comment)." >&2; exit 1; }
fi
dotnet publish "$src/src/Monitor.Worker/Monitor.Worker.csproj" -c Release --use-current-runtime --self-contained false \
  -p:PublishReadyToRun=true -o "$out" -v quiet -nologo >"$out-build.txt" \
  || { cat "$out-build.txt" >&2; echo "The build into $out failed${patch:+ (with $patch)}." >&2; exit 1; }
