#!/bin/sh
# tools/deps.sh - install the Debian packages a make target needs, if missing.
# usage: deps.sh run|test     (prints what it installs; installs nothing when all are present)
set -eu
# Build and run: assembler, cross compiler, QEMU, GRUB ISO tools, GDB, cpio.
RUN_PKGS="qemu-system-x86 nasm grub-pc-bin grub-common xorriso mtools
gcc-i686-linux-gnu binutils-i686-linux-gnu libc6-dev-i386-cross gdb cpio"
# The test suite also needs the LLVM build, lint tools, cmocka and Python.
TEST_PKGS="clang lld libclang-rt-14-dev clang-format clang-tidy cppcheck bear
libcmocka-dev python3"

case "${1:-}" in
run) want=$RUN_PKGS ;;
test) want="$RUN_PKGS $TEST_PKGS" ;;
*) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "tools/deps.sh: installing missing Debian packages:$missing"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # one word per package
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
