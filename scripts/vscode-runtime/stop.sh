#!/bin/sh
# Stops the code-server started by start.sh (pid in <stateDir>/pid) with its process group and all descendants.
# usage: scripts/vscode-runtime/stop.sh <stateDir>
P=$(cat "$1/pid" 2>/dev/null) || exit 0
desc() { for c in $(ps -o pid= --ppid "$1"); do echo "$c"; desc "$c"; done; }
ALL="$P $(desc "$P")"   # collected before the first signal: orphans get re-parented and can't be found later
for sig in TERM KILL; do
	if [ "$(ps -o pgid= -p "$P" 2>/dev/null | tr -d ' ')" = "$P" ]; then
		kill -s $sig -- "-$P" 2>/dev/null
	fi
	# shellcheck disable=SC2086
	kill -s $sig $ALL 2>/dev/null
	sleep 1
done
rm -f "$1/pid"
true
