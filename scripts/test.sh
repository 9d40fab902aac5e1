#!/usr/bin/env bash
# The project's test command (README and .ci/run both call it): install what the tests need
# when missing, then run formatting, lint and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v git >/dev/null 2>&1 || need+=(git)
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

cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test --all-targets
