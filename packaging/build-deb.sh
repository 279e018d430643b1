#!/usr/bin/env bash
# Builds the Debian package with cargo-deb: the release binary first, then the man page
# and the bash, zsh and fish completion scripts, which the binary writes itself, then
# the package ([package.metadata.deb] in Cargo.toml says where each file goes).
#
#   packaging/build-deb.sh            # writes target/debian/backstretch_VERSION-1_ARCH.deb
#   sudo apt install ./target/debian/backstretch_*.deb
#
# Needs cargo-deb (`cargo install cargo-deb --locked`). Extra arguments go to `cargo deb`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deb --version >/dev/null 2>&1; then
    echo "packaging/build-deb.sh: cargo-deb is missing; install it with" >&2
    echo "    cargo install cargo-deb --locked" >&2
    exit 1
fi

# The man page's date is the last commit's, so the same source gives the same package.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
    export SOURCE_DATE_EPOCH
fi

cargo build --release --locked
bin="${CARGO_TARGET_DIR:-target}/release/backstretch"

# Generated from the built-in content, so completion offers its routine and stretch ids.
out=target/packaging
mkdir -p "$out"
"$bin" man >"$out/backstretch.1"
"$bin" completions bash >"$out/backstretch.bash"
"$bin" completions zsh >"$out/_backstretch"
"$bin" completions fish >"$out/backstretch.fish"

cargo deb --no-build "$@"
