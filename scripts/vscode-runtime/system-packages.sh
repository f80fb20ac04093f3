#!/bin/sh
# Makes sure the machine has the system packages that npm cannot install, the way `playwright install --with-deps`
# does it: the missing ones are installed with apt-get when this user can (root, or sudo without a password);
# otherwise it stops at once with the one command to run.
#
# usage: scripts/vscode-runtime/system-packages.sh [build] [browser]
#   build    what code-server's native modules build against: the Kerberos headers (gssapi.h, package libkrb5-dev),
#            g++, make and python3 for node-gyp. Only needed while code-server is being installed.
#   browser  Debian's Chromium, which the integration and e2e tests drive (CHROMIUM_PATH overrides /usr/bin/chromium).
set -eu

missing=''
need() { # need <package> <present?>: collects the package when the check fails
	if ! eval "$2"; then
		missing="$missing $1"
	fi
}
for what in "$@"; do
	case "$what" in
		build)
			need libkrb5-dev '[ -f /usr/include/gssapi/gssapi.h ]'
			need g++ 'command -v g++ >/dev/null'
			need make 'command -v make >/dev/null'
			need python3 'command -v python3 >/dev/null'
			;;
		browser)
			need chromium '[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]'
			;;
		*)
			echo "system-packages.sh: unknown need '$what' (build, browser)" >&2
			exit 2
			;;
	esac
done
[ -n "$missing" ] || exit 0
missing="${missing# }"

SUDO=''
can_install=no
if command -v apt-get >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		can_install=yes
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		SUDO='sudo'
		can_install=yes
	fi
fi
if [ "$can_install" = no ]; then
	echo "Missing system packages: $missing. Install them once, then run the same npm command again:" >&2
	if command -v apt-get >/dev/null; then
		echo "  sudo apt-get install -y $missing" >&2
	else
		echo "  (Debian package names; on other systems install the equivalents, and set CHROMIUM_PATH to your Chromium)" >&2
	fi
	exit 1
fi

echo "Installing missing system packages: $missing (apt-get${SUDO:+ via sudo})"
$SUDO apt-get update -q
# shellcheck disable=SC2086 # one word per package
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing

if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$CHROMIUM_PATH" ]; then
	echo "system-packages.sh: CHROMIUM_PATH=$CHROMIUM_PATH is still missing after installing chromium (/usr/bin/chromium)" >&2
	exit 1
fi
