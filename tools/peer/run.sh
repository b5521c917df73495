#!/bin/bash
# tools/peer/run.sh - run static i386 Linux programs on real Linux i386.
#
# usage: tools/peer/run.sh [--icount] [--mem SIZE] [--timeout S]
#                          [--args "ARG..."] PROG...
#        tools/peer/run.sh --fetch-only
#
# Our user programs are plain static i386 Linux binaries, so real Linux is
# their oracle (docs/DESIGN.md, "System-call ABI"). This boots Debian 12's
# 686 kernel under the same qemu-system-i386 as our kernel, runs each PROG
# from a tiny initramfs, and prints the guest console from "peer: start" to
# "peer: done" on stdout. README.md in this directory has the details.
#
# exit: 0  the VM reported every program, whatever their own exit statuses
#       1  it did not (timeout, panic, bad program) or the host failed
#       2  bad usage
#       3  the kernel package cannot be fetched (no network, mirror down,
#          package withdrawn); one line on stderr says so
# env:  WORK       cache and last.log (default $XDG_CACHE_HOME/vmkern-linux-peer,
#                  or ~/.cache/vmkern-linux-peer)
#       KPKG       the kernel package (default linux-image-6.1.0-50-686-unsigned)
#       QEMU_ARGS  extra qemu-system-i386 options, split on spaces
set -euo pipefail

ME=$0

usage() {
	echo "usage: $ME [--icount] [--mem SIZE] [--timeout S] [--args \"ARG...\"] PROG..." >&2
	echo "       $ME --fetch-only" >&2
	exit 2
}

die() {
	echo "$ME: $*" >&2
	exit 1
}

ICOUNT=()
MEM=256M
TIMEOUT=300
FETCH_ONLY=0
ARGS=
while [ $# -gt 0 ]; do
	case $1 in
	--icount)
		# The guest TSC counts instructions (one per ns) and the guest
		# clock ignores the host's: two runs of the same command then
		# execute the same instructions (README.md, "--icount").
		# shellcheck disable=SC2054  # the commas are inside qemu values
		ICOUNT=(-icount shift=0,sleep=off
			-rtc base=2024-01-01T00:00:00,clock=vm)
		shift
		;;
	--mem)
		[ $# -ge 2 ] || usage
		MEM=$2
		shift 2
		;;
	--timeout)
		[ $# -ge 2 ] || usage
		[[ $2 =~ ^[1-9][0-9]*$ ]] || usage
		TIMEOUT=$2
		shift 2
		;;
	--fetch-only)
		FETCH_ONLY=1
		shift
		;;
	--args)
		# Words for every PROG's argv after its name (no quoting: the
		# words are split on spaces by /init).
		[ $# -ge 2 ] || usage
		[[ $2 =~ ^[A-Za-z0-9._+=,:/\ -]*$ ]] ||
			die "--args: only letters, digits, spaces and ._+=,:/-"
		ARGS=$2
		shift 2
		;;
	--)
		shift
		break
		;;
	-*) usage ;;
	*) break ;;
	esac
done
if [ $FETCH_ONLY = 1 ]; then
	[ $# -eq 0 ] || usage
else
	[ $# -gt 0 ] || usage
fi

HERE=$(cd "$(dirname "$0")" && pwd -P)
# Not under /tmp: the kernel is a 52 MB download, worth keeping across
# reboots. Shared by every clone of the repo: what is cached is either the
# same for all (the kernel) or keyed by its sources (/init).
WORK=${WORK:-${XDG_CACHE_HOME:-${HOME:?}/.cache}/vmkern-linux-peer}
KPKG=${KPKG:-linux-image-6.1.0-50-686-unsigned}
KDIR=$WORK/$KPKG
mkdir -p "$WORK" || die "cannot create $WORK"

# Temporary directories, removed however the script ends.
TMPDIRS=()
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
	[ ${#TMPDIRS[@]} -eq 0 ] || rm -rf "${TMPDIRS[@]}"
}
# (bash runs the EXIT trap on SIGINT and SIGTERM too)
trap cleanup EXIT

# ------------------------------------------------------------ the kernel

# apt-get with a private state under $WORK: the i386 package is fetched
# without dpkg --add-architecture, so the host's apt and dpkg state stay
# untouched; the sources are still the host's (Debian 12). A connection
# that gets no answer for 20 s fails (one retry) instead of hanging.
# Sandbox::User=root: apt's _apt user could not write to $WORK under ~.
APT=$WORK/apt
APT_OPTS=(-q -o APT::Architecture=i386 -o APT::Architectures::=i386
	-o Dir::State::Lists="$APT/lists" -o Dir::Cache="$APT/cache"
	-o Dir::State::status="$APT/status" -o APT::Sandbox::User=root
	-o Acquire::http::Timeout=20 -o Acquire::https::Timeout=20
	-o Acquire::Retries=1)

# cannot_fetch REASON: the one line the test suite relies on, then exit 3.
cannot_fetch() {
	echo "$ME: cannot fetch the Linux i386 kernel ($KPKG): $1; apt log: $WORK/fetch.log" >&2
	exit 3
}

fetch_kernel() {
	local log=$WORK/fetch.log tmp rc update_rc latest

	echo "$ME: fetching $KPKG (i386, about 52 MB) into $WORK" >&2
	mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial"
	touch "$APT/status"
	: >"$log"
	# A failure is not fatal: one source failing (say -security in
	# mid-sync) does not matter if the one with the kernel answered.
	# An overall limit too: apt asks for one host's files one after the
	# other, so a mirror that accepts connections and then stalls costs
	# 40 s a file in spite of the timeouts above (4 minutes for Debian's
	# three sources). 90 s is ample for the 9 MB of i386 package lists.
	update_rc=0
	timeout 90 apt-get "${APT_OPTS[@]}" update >>"$log" 2>&1 || update_rc=$?

	tmp=$(mktemp -d "$WORK/fetch.XXXXXX")
	TMPDIRS+=("$tmp")
	rc=0
	(cd "$tmp" && timeout 600 apt-get "${APT_OPTS[@]}" download "$KPKG") \
		>>"$log" 2>&1 || rc=$?
	if [ $rc -ne 0 ]; then
		if ! compgen -G "$APT/lists/*binary-i386_Packages*" >/dev/null; then
			if [ $update_rc -eq 124 ]; then
				cannot_fetch "the mirror did not answer within 90 s"
			fi
			cannot_fetch "no i386 package index (no network, or the mirror is down)"
		elif grep -qE "Unable to locate package|has no installation candidate" "$log"; then
			# Debian drops old kernel ABIs at point releases: name
			# the newest 686 kernel the index has instead.
			latest=$(apt-cache "${APT_OPTS[@]}" pkgnames linux-image- 2>/dev/null |
				grep -E '^linux-image-[0-9.]+-[0-9]+-686-unsigned$' |
				sort -V | tail -n 1 || true)
			cannot_fetch "not in the apt sources${latest:+ (the newest there: KPKG=$latest)}"
		elif [ $rc -eq 124 ]; then
			cannot_fetch "the download took over 600 s"
		else
			cannot_fetch "the download failed"
		fi
	fi

	# Unpack next to the cache and rename into place: an interrupted run
	# must not leave a half-written vmlinuz that later runs would boot.
	mkdir "$tmp/root"
	dpkg-deb --fsys-tarfile "$tmp/${KPKG}"_*_i386.deb |
		tar -x -C "$tmp/root" --wildcards './boot/*' ||
		die "cannot unpack $tmp/${KPKG}_*_i386.deb"
	rm -rf "$KDIR"
	mv "$tmp/root" "$KDIR"
	# The package lists and apt's caches (tens of MB) are no use once
	# /boot is out; the .deb goes with $tmp.
	rm -rf "$APT"
}

have_kernel() {
	compgen -G "$KDIR/boot/vmlinuz-*" >/dev/null
}

ensure_kernel() {
	have_kernel && return 0
	# One download even if several runs start at once (make -j): the
	# others wait here, then find the kernel in place.
	exec 9>"$WORK/.lock"
	flock 9
	have_kernel || fetch_kernel
	exec 9>&-
}

if [ $FETCH_ONLY = 1 ]; then
	ensure_kernel
	exit 0
fi

# ------------------------------------------------------------ host tools

# Only what booting needs (Debian 12 names); --fetch-only needs none.
need=()
command -v qemu-system-i386 >/dev/null || need+=(qemu-system-x86)
command -v i686-linux-gnu-gcc >/dev/null || need+=(gcc-i686-linux-gnu)
command -v cpio >/dev/null || need+=(cpio)
if [ ${#need[@]} -gt 0 ]; then
	echo "$ME: installing ${need[*]}" >&2
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	{ "${sudo[@]}" apt-get update -qq &&
		"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq "${need[@]}"; } >&2 ||
		die "cannot install ${need[*]}"
fi

# ------------------------------------------------------------ /init

# Cached under a hash of its sources, flags and compiler, not by date: clones
# of the repo at different commits share $WORK, and a git checkout sets
# dates to the time of checkout.
# shellcheck disable=SC2054  # the comma is inside the -Wl option
CFLAGS=(-O2 -Wall -Wextra -Werror -ffreestanding -fno-pie -fno-stack-protector
	-static -no-pie -nostdlib -Wl,--build-id=none)
sum=$({
	i686-linux-gnu-gcc --version | head -n 1
	echo "${CFLAGS[*]}"
	cat "$HERE/start.S" "$HERE/init.c" "$HERE/sys.h"
} | sha256sum)
INIT=$WORK/init-${sum:0:16}
if [ ! -x "$INIT" ]; then
	i686-linux-gnu-gcc "${CFLAGS[@]}" -o "$INIT.$$" \
		"$HERE/start.S" "$HERE/init.c" -lgcc || die "cannot build /init"
	mv -f "$INIT.$$" "$INIT"
fi

# ------------------------------------------------------------ initramfs

RUN=$(mktemp -d "$WORK/run.XXXXXX")
TMPDIRS+=("$RUN")
ROOT=$RUN/root
mkdir -m 755 "$ROOT" "$ROOT/bin"
install -m 755 "$INIT" "$ROOT/init"
declare -A seen
names=()
for p in "$@"; do
	[ -f "$p" ] || die "$p: no such file"
	n=${p##*/}
	[[ $n =~ ^[A-Za-z0-9._+-]{1,100}$ ]] ||
		die "$p: the name must be 1 to 100 of [A-Za-z0-9._+-]"
	[ -z "${seen[$n]:-}" ] ||
		die "$n: given twice (programs go to /bin/ by their base name)"
	seen[$n]=1
	h=$(i686-linux-gnu-readelf -hlW "$p" 2>/dev/null) || die "$p: not an ELF file"
	[[ $h == *"Intel 80386"* ]] || die "$p: not an i386 ELF file"
	[[ $h != *"program interpreter"* ]] ||
		echo "$ME: warning: $p is dynamic; the initramfs has no ld.so or libc" >&2
	install -m 755 "$p" "$ROOT/bin/$n"
	names+=("$n")
done
# init.c reads at most 64 KiB of names: 101 bytes a line allows 648 programs.
[ ${#names[@]} -le 600 ] || die "at most 600 programs in one run"
printf "%s${ARGS:+ $ARGS}\n" "${names[@]}" >"$ROOT/programs"
chmod 644 "$ROOT/programs"
# Reproducible for --icount: with the same dates, owners and order, the same
# programs give the same cpio, byte for byte, and so the same guest run.
(cd "$ROOT" && find . -exec touch -h -d @0 {} + &&
	find . | LC_ALL=C sort |
	cpio -o -H newc --quiet -R 0:0 --reproducible) >"$RUN/initrd.cpio"

# The download comes after the checks of the programs: a typo in a name
# should not wait for 52 MB.
ensure_kernel
VMLINUZ=$(compgen -G "$KDIR/boot/vmlinuz-*" | head -n 1)

# ------------------------------------------------------------ boot

# Kernel command line: serial console; "quiet loglevel=1" keeps the kernel's
# boot messages off it, so /init's lines stand out; panic=-1 reboots at once
# on a panic, which -no-reboot turns into the end of QEMU; no transparent
# huge pages, so that memory is faulted in 4 KiB pages as in our kernel.
# isa-debug-exit is /init's way out should ACPI power-off fail.
# stdout: the console from "peer: start" (the firmware's chatter before it is
# dropped) to "peer: done"; everything goes to the log. timeout --foreground
# leaves QEMU in the terminal's process group, where Ctrl-C reaches it.
LOG=$RUN/serial.log
set +e
# shellcheck disable=SC2086  # QEMU_ARGS is split into words on purpose
timeout --foreground "$TIMEOUT" qemu-system-i386 -nographic -no-reboot \
	-net none -m "$MEM" -kernel "$VMLINUZ" -initrd "$RUN/initrd.cpio" \
	-append "console=ttyS0 quiet loglevel=1 panic=-1 transparent_hugepage=never" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	"${ICOUNT[@]}" ${QEMU_ARGS:-} </dev/null |
	sed -u 's/\r$//' | tee "$LOG" | sed -un '/^peer: start/,/peer: done$/p'
rc=${PIPESTATUS[0]}
set -e
cp "$LOG" "$WORK/last.log.$$" && mv -f "$WORK/last.log.$$" "$WORK/last.log"

# Success: one result line per program, then "peer: done". Not anchored at
# the start: a program's output without a final newline is glued in front.
ran=$(grep -cE 'peer: [^ ]+ (exit|signal)=[0-9]+$' "$LOG" || true)
if [ "$ran" -eq ${#names[@]} ] && grep -q 'peer: done$' "$LOG"; then
	exit 0
fi
[ "$rc" -ne 124 ] || echo "$ME: timed out after ${TIMEOUT}s" >&2
die "the VM reported $ran of ${#names[@]} programs (qemu exit $rc); serial log: $WORK/last.log"
