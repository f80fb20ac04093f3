#!/bin/sh
# Waits until code-server answers /healthz.
# usage: scripts/vscode-runtime/wait.sh <port> [seconds=60]
P="$1"
N=$(( ${2:-60} * 10 ))
i=0
while [ $i -lt $N ]; do
	node -e "require('http').get('http://127.0.0.1:$P/healthz', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))" 2>/dev/null && exit 0
	sleep 0.1
	i=$((i + 1))
done
echo "code-server on port $P did not come up" >&2
exit 1
