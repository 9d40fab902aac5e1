#!/usr/bin/env bash
# The project's test command (README and .ci/run both call it): install what the tests need
# when missing, then run formatting, lint and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v git >/dev/null 2>&1 || need+=(git)
# The default build compiles Oniguruma (syntect's regex engine) from its bundled C source.
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
# The browser tests drive Debian's Chromium through chromedriver.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core
  else
    echo "scripts/test.sh: please install: ${need[*]}" >&2
    exit 1
  fi
fi

# The GitHub Action, the CI workflow and the workflow `sitrep init` writes, validated against
# GitHub's schemas by action-validator (npm). Skipped, with a note, when npm or the registry is
# unreachable: tests/cli/tooling.rs checks their structure in any case.
lint_actions() {
  command -v npm >/dev/null 2>&1 || { echo "scripts/test.sh: no npm; skipping action-validator" >&2; return 0; }
  local dir="${TMPDIR:-/tmp}/sitrep-action-validator"
  if [ ! -x "$dir/node_modules/.bin/action-validator" ]; then
    timeout 300 npm install --silent --no-audit --no-fund --prefix "$dir" @action-validator/cli@0.6.0 >/dev/null 2>&1 \
      || { echo "scripts/test.sh: could not install action-validator; skipping" >&2; return 0; }
  fi
  local av="$dir/node_modules/.bin/action-validator" tmp
  "$av" action.yml
  for wf in .github/workflows/*.yml; do "$av" "$wf"; done
  tmp=$(mktemp -d)
  mkdir -p "$tmp/.github/workflows"
  cp src/scaffold/docs.yml "$tmp/.github/workflows/docs.yml"
  (cd "$tmp" && "$av" .github/workflows/docs.yml)
  rm -rf "$tmp"
}

# Licences, banned crates and crate sources (deny.toml). Advisories need a database download:
# see deny.toml for running them where the network allows.
deny() {
  command -v cargo-deny >/dev/null 2>&1 || cargo install cargo-deny --locked --quiet
  cargo deny --log-level error check licenses bans sources
}

cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
deny
lint_actions
cargo test --all-targets
