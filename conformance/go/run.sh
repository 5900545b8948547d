#!/usr/bin/env bash
# The backend oracle: serializes the Spark, Ray and Dask examples with the built flyte-ts CLI, builds the
# Kubernetes resource of each task with the Flyte 2 backend's own executor and plugins (Go, pinned in
# go.mod), and writes conformance/golden-backend/<task>.json (plus the serialized task it read, under
# tasks/). See conformance/README.md, "Backend oracle".
#
# The backend's Go module is not served by the Go module proxy, so it is built from git checkouts of
# its pinned release tags, kept outside the repository in $FLYTE_BACKEND_SOURCES
# (default ~/.cache/flyte-ts/backend-sources): flyte/ (github flyteorg/flyte) and stow/ (github
# flyteorg/stow, the backend's blob-store driver). Put them there once with
#   FLYTE_BACKEND_GIT=<clone of flyteorg/flyte> FLYTE_STOW_GIT=<clone of flyteorg/stow> bash conformance/go/run.sh
# When they are missing the script exits with status 3 and says so (check-golden.sh turns that into a
# loud skip unless CONFORMANCE_REQUIRE_BACKEND=1).
#   --out DIR   write there instead of conformance/golden-backend
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/conformance/golden-backend"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# Pinned sources: tag and the commit it must resolve to.
FLYTE_TAG=v2.0.43 FLYTE_COMMIT=6fadb90d65af26f4db908ec1c5f5af546a3e4299
# The backend's go.sum pins stow v0.3.13, a tag the available stow history does not have; v0.3.11 is
# the newest it has. The oracle uses the in-memory store, so stow's code is compiled but never runs.
STOW_TAG=v0.3.11 STOW_COMMIT=fcb9bf9eb5e7f5d6bd66795976ab71a33653cad7
sources="${FLYTE_BACKEND_SOURCES:-${XDG_CACHE_HOME:-$HOME/.cache}/flyte-ts/backend-sources}"
backend="$here/.backend"
# The team shelf (CRDs), beside the repository unless FLYTE_TS_SHARED says where.
shared="${FLYTE_TS_SHARED:-$root/../shared}"

# Exports <tag> of git repository <repo> into <dir> after checking that it is <commit>.
export_tag() {
  local repo="$1" tag="$2" commit="$3" dir="$4" got
  got="$(git -C "$repo" rev-parse --verify --quiet "$tag^{commit}")" || { echo "run.sh: $repo has no tag $tag" >&2; return 1; }
  [ "$got" = "$commit" ] || { echo "run.sh: $repo tag $tag is $got, expected $commit" >&2; return 1; }
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  git -C "$repo" archive "$tag" | tar -x -C "$dir.tmp"
  echo "$commit" > "$dir.tmp/.flyte-ts-source-commit"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
}

# Makes $sources/<name> the pinned tree, from <git repo> when one is given.
ensure_source() {
  local name="$1" repo="$2" tag="$3" commit="$4"
  if [ -n "$repo" ]; then export_tag "$repo" "$tag" "$commit" "$sources/$name"; fi
  [ -f "$sources/$name/.flyte-ts-source-commit" ] && [ "$(cat "$sources/$name/.flyte-ts-source-commit")" = "$commit" ]
}
mkdir -p "$sources"
if ! ensure_source flyte "${FLYTE_BACKEND_GIT:-}" "$FLYTE_TAG" "$FLYTE_COMMIT" || ! ensure_source stow "${FLYTE_STOW_GIT:-}" "$STOW_TAG" "$STOW_COMMIT"; then
  echo "run.sh: the Flyte backend sources ($FLYTE_TAG, stow $STOW_TAG) are not in $sources; see the top of this script" >&2
  exit 3
fi
grep -q "^\s*github.com/flyteorg/flyte/v2 $FLYTE_TAG\$" "$here/go.mod" || { echo "run.sh: go.mod does not pin flyte $FLYTE_TAG" >&2; exit 1; }
grep -q "\"github.com/flyteorg/flyte/v2 $FLYTE_TAG\"" "$here/main.go" || { echo "run.sh: main.go names another backend version" >&2; exit 1; }
mkdir -p "$backend"
ln -sfn "$sources/flyte" "$backend/flyte"
ln -sfn "$sources/stow" "$backend/stow"

# Build (cached by Go; the first build of the backend's dependencies takes several minutes on 2 cores).
( cd "$here" && go build -mod=readonly -o "$backend/bin/backend-oracle" . )

# Serialize the examples as the CLI does, with the settings `flyte-ts render` uses (a fixed version, the
# repository root as root dir), so that both sides start from the same task.
( cd "$root" && pnpm run --silent build >&2 )
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for example in spark ray dask; do
  ( cd "$root" && node packages/flyte-core/bin/flyte-ts.js serialize "examples/src/$example.ts" \
      --version conformance --project conformance --domain development --root-dir . --out "$work/tasks" )
done
# The backend logs a lot; its log is shown only when it fails.
if ! "$backend/bin/backend-oracle" -in "$work/tasks" -out "$work/resources" \
  -spark-crd "$shared/crds/sparkoperator.k8s.io_sparkapplications.v1beta2.spark-operator-v2.5.2.yaml" 2>"$work/oracle.log"; then
  grep -v '^{"json"' "$work/oracle.log" | tail -40 >&2
  exit 1
fi
grep '^backend-oracle:' "$work/oracle.log" >&2 || true

# Replace the output folder only when everything succeeded.
rm -rf "$out/tasks" "$out"/*.json
mkdir -p "$out/tasks"
cp "$work/resources"/*.json "$out/"
cp "$work/tasks"/*.json "$out/tasks/"
echo "run.sh: wrote $(ls "$work/resources" | wc -l) resource(s) to $out" >&2
