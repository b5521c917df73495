#!/usr/bin/env bash
# tools/gdb-session.sh - the scripted GDB sessions of `make test` (DESIGN.md,
# "Debugging contract"): what `make debug` gives a student, run without a
# terminal and checked.
#
#   tools/gdb-session.sh [KERNEL.ELF [INITRD]]
#
# Defaults: build/debug/kernel.elf and the initrd.cpio next to it (and the
# programs in root/ next to it). Builds nothing: build first with
#   make BUILD=build/debug OPT=-Og build/debug/kernel.elf build/debug/initrd.cpio
#
# Two sessions, each with QEMU started halted (-S) with its GDB stub on a free
# TCP port of 127.0.0.1 and `gdb -batch` running tools/gdb/kernel.gdb and a
# fixed list of commands; the transcripts are checked afterwards:
#
# 1. `make debug`: the boot, from the reset vector to kernel_main.
# 2. `make debug PROG=/bin/gdb_target`: init runs user/tests/gdb_target.c,
#    GDB stops at its first instruction, then in the page-fault handler at
#    the write the program announces, and checks every helper of
#    tools/gdb/ against an independent view: the /proc text the program
#    printed, QEMU's own page-table dumps (monitor info mem / info tlb),
#    the fault ring, x/wx (tools/gdb/session_check.py does the checking).
#
# Output is TAP: one "ok N - what" or "not ok N - what" per check, then
# "1..N". Descriptions are stable (tools/run-tests.py makes test names of
# them); the values seen go on "# " lines. On a failure the GDB transcripts,
# QEMU's messages and the serial logs follow as "# " lines. Exit status 0
# only if every check passed. QEMU and GDB each run under `timeout`
# ($GDB_SESSION_TIMEOUT, 60 s), and QEMU is killed on every way out of this
# script (trap); if this script is SIGKILLed, the timeout still ends QEMU.
#
# GDB_SESSION_KEEP=DIR keeps the transcripts, serial logs and QEMU messages
# there. GDB_SESSION_PAGEMAP=0 leaves out the check of kpage against
# /proc/self/pagemap (for a kernel without pagemap).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
QEMU=${QEMU:-qemu-system-i386}
GDB=${GDB:-gdb}
TIMEOUT=${GDB_SESSION_TIMEOUT:-60}
MEM=${MEM:-128M}
PAGEMAP=${GDB_SESSION_PAGEMAP:-1}
# Session 2: a small machine with a highmem zone, so that the program's
# frames are highmem ones (kmap_atomic, and reads through QEMU's monitor),
# and every fault traced on the serial line (for kfaults).
PROG_MEM=64M
PROG_CMDLINE="lowmem=32M trace=faults -- /bin/gdb_target$([ "$PAGEMAP" = 1 ] && echo ' pagemap')"

bail() {
	echo "Bail out! $*"
	exit 1
}

# Paths are relative to the caller's directory; this script then works from
# the top of the tree (kernel.gdb finds tools/gdb/ there).
elf=${1:-$ROOT/build/debug/kernel.elf}
initrd=${2:-$(dirname "$elf")/initrd.cpio}
root=$(cd "$(dirname "$elf")" && pwd)/root
[ -f "$elf" ] || bail "no kernel ELF at $elf (make BUILD=build/debug OPT=-Og build/debug/kernel.elf)"
[ -f "$initrd" ] || bail "no initrd at $initrd"
[ -f "$root/bin/gdb_target" ] || bail "no $root/bin/gdb_target"
command -v "$QEMU" >/dev/null || bail "$QEMU not found"
command -v "$GDB" >/dev/null || bail "$GDB not found"
cd "$ROOT" || bail "cannot cd to $ROOT"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gdb-session.XXXXXX") || bail "mktemp failed"
qpid=      # the `timeout` running QEMU
qemu_pid=  # QEMU itself, its child
gpid=      # the `timeout` running GDB

# Ends QEMU (and GDB if it still runs): TERM through `timeout`, which passes
# it on, then TERM/KILL to QEMU itself if it is somehow still there.
stop_qemu() {
	local pid i
	for pid in $gpid $qpid; do
		kill -TERM "$pid" 2>/dev/null
	done
	for pid in $gpid $qpid; do
		wait "$pid" 2>/dev/null
	done
	if [ -n "$qemu_pid" ]; then
		for i in $(seq 50); do
			kill -0 "$qemu_pid" 2>/dev/null || break
			[ "$i" = 1 ] && kill -TERM "$qemu_pid" 2>/dev/null
			sleep 0.1
		done
		if kill -0 "$qemu_pid" 2>/dev/null &&
			grep -q qemu "/proc/$qemu_pid/comm" 2>/dev/null; then
			kill -KILL "$qemu_pid" 2>/dev/null
		fi
	fi
	qpid='' qemu_pid='' gpid=''
}
# shellcheck disable=SC2317  # called from the trap
cleanup() {
	stop_qemu
	if [ -n "${GDB_SESSION_KEEP:-}" ]; then
		mkdir -p "$GDB_SESSION_KEEP" && cp -r "$tmp"/. "$GDB_SESSION_KEEP"/
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A snapshot of the kernel, so that a rebuild while this runs cannot give
# QEMU and GDB different files (make replaces kernel.elf with mv).
if ! cp "$elf" "$tmp/kernel.elf" || ! cp "$initrd" "$tmp/initrd.cpio"; then
	bail "cannot copy $elf / $initrd"
fi

free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Status 0 when process $1 or its child holds a listening TCP socket on port
# $2, 2 when $1 is gone, 1 otherwise. A LISTEN socket on the port that
# belongs to someone else does not count: then our QEMU is about to fail.
owns_port() {
	python3 - "$1" "$2" <<'EOF'
import os, sys
pid, port = sys.argv[1], int(sys.argv[2])
try:
    pids = [pid] + open(f"/proc/{pid}/task/{pid}/children").read().split()
except OSError:
    sys.exit(2)
inodes = set()
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        rows = open(table).read().splitlines()[1:]
    except OSError:
        continue
    for row in rows:
        f = row.split()
        if f[3] == "0A" and int(f[1].rsplit(":", 1)[1], 16) == port:
            inodes.add(f"socket:[{f[9]}]")
for p in pids:
    try:
        fds = os.listdir(f"/proc/{p}/fd")
    except OSError:
        continue
    for fd in fds:
        try:
            if os.readlink(f"/proc/{p}/fd/{fd}") in inodes:
                sys.exit(0)
        except OSError:
            pass
sys.exit(1)
EOF
}

# start_qemu NAME MEM CMDLINE: QEMU as `make debug` starts it, but with the
# serial line in $tmp/NAME.serial and the stub on 127.0.0.1 only; sets
# $port. A free port can be taken between the probe and QEMU's bind
# (another test run, another QEMU): then QEMU exits with "Address already
# in use" and we try another.
start_qemu() {
	local attempt p i
	port=
	for attempt in 1 2 3 4 5; do
		p=$(free_port) || bail "cannot pick a free port"
		timeout -k 5 "$TIMEOUT" "$QEMU" -m "$2" -display none \
			-serial "file:$tmp/$1.serial" -no-reboot \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
			-S -gdb "tcp:127.0.0.1:$p" \
			-kernel "$tmp/kernel.elf" -initrd "$tmp/initrd.cpio" \
			-append "$3" </dev/null >"$tmp/$1.qemu" 2>&1 &
		qpid=$!
		for i in $(seq 100); do
			owns_port "$qpid" "$p"
			case $? in
			0) port=$p; break ;;
			2) break ;;
			esac
			sleep 0.1
		done
		[ -n "$port" ] && break
		kill -TERM "$qpid" 2>/dev/null
		wait "$qpid" 2>/dev/null
		echo "# QEMU did not listen on port $p (attempt $attempt): $(head -c 300 "$tmp/$1.qemu")"
		qpid=
	done
	[ -n "$port" ] || bail "QEMU did not start its GDB stub: $(cat "$tmp/$1.qemu")"
	qemu_pid=$(cat "/proc/$qpid/task/$qpid/children" 2>/dev/null)
	qemu_pid=${qemu_pid%% *}
}

# run_gdb NAME GDB-ARGS...: GDB with kernel.gdb against the QEMU on $port,
# its transcript in $tmp/NAME.gdb (CR LF of the QEMU monitor's answers
# made LF). -nx: no ~/.gdbinit, the same session for everyone. GDB runs in
# the background so that a signal to this script is handled at once.
run_gdb() {
	local name=$1
	shift
	timeout -k 5 "$TIMEOUT" "$GDB" -q -nx -batch \
		-ex "set \$gdbport = $port" "$@" \
		"$tmp/kernel.elf" </dev/null >"$tmp/$name.raw" 2>&1 &
	gpid=$!
	wait "$gpid"
	gdb_status=$?
	gpid=
	tr -d '\r' <"$tmp/$name.raw" >"$tmp/$name.gdb"
}

# --- Session 1: the boot -----------------------------------------------------
# Each "@@name" marks the start of one command's output, for the checks below.
start_qemu boot "$MEM" ""
run_gdb boot -x tools/gdb/kernel.gdb \
	-ex 'echo @@continue\n' -ex 'continue' \
	-ex 'echo @@frame\n' -ex 'frame' \
	-ex 'echo @@info-line\n' -ex 'info line' \
	-ex 'echo @@magic\n' -ex 'p/x magic' \
	-ex 'echo @@cr0\n' -ex "p/x \$cr0" \
	-ex 'echo @@bt\n' -ex 'bt' \
	-ex 'echo @@info-mem\n' -ex 'monitor info mem' \
	-ex 'echo @@next\n' -ex 'next' -ex 'next' \
	-ex 'echo @@frame2\n' -ex 'frame' \
	-ex 'echo @@end\n'
boot_status=$gdb_status
stop_qemu

# The output of one command: the lines after "@@$1" up to the next "@@".
section() {
	awk -v m="@@$1" '$0 == m { on = 1; next } /^@@/ { on = 0 } on' "$out"
}
# Everything before the first command: kernel.gdb's own output.
setup_out() {
	awk '/^@@/ { exit } { print }' "$out"
}

out=$tmp/boot.gdb
n=0
failed=0
check() { # check DESCRIPTION STATUS [DETAIL]
	n=$((n + 1))
	if [ "$2" = 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		failed=$((failed + 1))
	fi
	[ -n "${3:-}" ] && echo "# $3"
	return 0
}
has() { # has REGEX: the text on stdin has a line matching the ERE
	grep -Eq -- "$1"
}

# 1. kernel.gdb connected to our QEMU, which is halted at the reset vector.
s=$(setup_out)
printf '%s\n' "$s" | has "^Connected to QEMU's GDB stub at localhost:$port\.\$" &&
	printf '%s\n' "$s" | has '^0x0*fff0 in \?\? \(\)'
check "kernel.gdb connects to QEMU halted at the reset vector" $? \
	"$(printf '%s\n' "$s" | grep -E '^(Connected|0x)' | tr '\n' ' ')"

# 2. The breakpoint comes from the kernel's symbols, in the higher half.
bp=$(printf '%s\n' "$s" | grep -E '^Breakpoint 1 at 0x' | head -1)
printf '%s\n' "$bp" | has '^Breakpoint 1 at 0xc[0-9a-f]{7}: file kernel/main\.c, line [0-9]+\.$'
check "kernel.gdb sets a breakpoint in kernel_main" $? "$bp"

# 3. continue stops there.
s=$(section continue)
stop=$(printf '%s\n' "$s" | grep -E '^Breakpoint 1, ' | head -1)
printf '%s\n' "$stop" | has '^Breakpoint 1, kernel_main \(.*\) at kernel/main\.c:[0-9]+$'
check "continue stops at kernel_main" $? "${stop:-$(printf '%s\n' "$s" | tail -3 | tr '\n' ' ')}"

# 4. frame shows kernel/main.c's own text for the line it names.
s=$(section frame)
line=$(printf '%s\n' "$s" | sed -nE 's/^#0 +kernel_main \(.*\) at kernel\/main\.c:([0-9]+)$/\1/p' | head -1)
ok=1
if [ -n "$line" ]; then
	want=$(printf '%s\t%s' "$line" "$(sed -n "${line}p" kernel/main.c)")
	printf '%s\n' "$s" | grep -qxF -- "$want" && ok=0
fi
check "frame shows the source line in kernel/main.c" $ok \
	"$(printf '%s\n' "$s" | tail -1)"

# 5. info line agrees.
s=$(section info-line)
printf '%s\n' "$s" | has "^Line ${line:-[0-9]+} of \"kernel/main\.c\" (starts at|is at) address 0xc[0-9a-f]{7} <kernel_main(\+[0-9]+)?>"
check "info line places the pc in kernel/main.c" $? "$(printf '%s\n' "$s" | head -1)"

# 6. An argument: eax at the multiboot entry, passed on by boot.asm.
s=$(section magic)
printf '%s\n' "$s" | has '^\$[0-9]+ = 0x2badb002$'
check "p/x magic is the multiboot magic 0x2badb002" $? "$(printf '%s\n' "$s" | head -1)"

# 7. CR0 through the stub: protected mode and paging on at kernel_main.
s=$(section cr0)
cr0=$(printf '%s\n' "$s" | sed -nE 's/^\$[0-9]+ = (0x[0-9a-f]+)$/\1/p' | head -1)
ok=1
[ -n "$cr0" ] && (( (cr0 & 0x80000001) == 0x80000001 )) && ok=0
check "p/x \$cr0 shows paging enabled (PG, bit 31)" $ok "cr0=${cr0:-?}"

# 8. A backtrace that starts in kernel_main.
s=$(section bt)
printf '%s\n' "$s" | has '^#0 +kernel_main \(.*\) at kernel/main\.c:[0-9]+$'
check "bt starts at kernel_main" $? "$(printf '%s\n' "$s" | tr '\n' ' ')"

# 9. The QEMU monitor through the stub: the kernel's map at PAGE_OFFSET.
s=$(section info-mem)
printf '%s\n' "$s" | has '^0*c0000000-[0-9a-f]+ [0-9a-f]+ -rw$'
check "monitor info mem shows the mapping at 0xc0000000" $? \
	"$(printf '%s\n' "$s" | grep -E '^0*c0000000-' | head -1)"

# 10. Two `next`s move on, and stay in kernel_main in kernel/main.c.
s=$(section next)
steps=$(printf '%s\n' "$s" | grep -cE '^[0-9]+	')
s2=$(section frame2)
line2=$(printf '%s\n' "$s2" | sed -nE 's/^#0 +kernel_main \(.*\) at kernel\/main\.c:([0-9]+)$/\1/p' | head -1)
ok=1
[ "$steps" -ge 2 ] && [ -n "$line2" ] && [ "$line2" != "${line:-}" ] && ok=0
check "next steps on within kernel/main.c" $ok \
	"line ${line:-?} -> ${line2:-?}: $(printf '%s\n' "$s" | tr '\n' ' ')"

# --- Session 2: make debug PROG=/bin/gdb_target ------------------------------
# The lines of gdb_target.c where GDB stops: its fault, and its end.
fault_line=$(grep -n 'gdb-session: the fault' user/tests/gdb_target.c | cut -d: -f1)
done_line=$(grep -n 'gdb-session: done' user/tests/gdb_target.c | cut -d: -f1)
if [ -z "$fault_line" ] || [ -z "$done_line" ]; then
	bail "no gdb-session markers in user/tests/gdb_target.c"
fi
# Breakpoint numbers: 1 is kprog's (kernel.gdb), then in the order set.
start_qemu prog "$PROG_MEM" "$PROG_CMDLINE"
# shellcheck disable=SC2016  # $fault, $pc, $prog...: GDB's variables
run_gdb prog -ex 'set $prog = "/bin/gdb_target"' -ex "set \$progroot = \"$root\"" \
	-x tools/gdb/kernel.gdb \
	-ex 'echo @@entry\n' -ex 'continue' \
	-ex 'echo @@entry-where\n' -ex 'p/x $pc' -ex 'p current->pid' \
	-ex 'break show_vmstat' -ex 'break show_maps' -ex 'break buddyinfo_show' \
	-ex 'echo @@at-vmstat\n' -ex 'continue' -ex 'echo @@kvmstat-at-open\n' -ex 'kvmstat' \
	-ex 'echo @@at-maps\n' -ex 'continue' -ex 'echo @@kmaps-at-open\n' -ex 'kmaps' \
	-ex 'echo @@at-buddy\n' -ex 'continue' -ex 'echo @@kbuddy-at-open\n' -ex 'kbuddy' \
	-ex 'echo @@kvmstat-at-buddy\n' -ex 'kvmstat' \
	-ex 'delete 2 3 4' \
	-ex 'echo @@line\n' -ex "kbreakuser gdb_target gdb_target.c:$fault_line" -ex 'continue' \
	-ex 'echo @@fault\n' -ex 'kbreakfault gdb_target' -ex 'continue' \
	-ex 'set $fault = $cr2' \
	-ex 'echo @@kexplain\n' -ex 'kexplain' \
	-ex 'echo @@kpte-before\n' -ex 'kpte $fault' \
	-ex 'echo @@kmaps\n' -ex 'kmaps' \
	-ex 'echo @@kps\n' -ex 'kps' \
	-ex 'echo @@kbuddy\n' -ex 'kbuddy' \
	-ex 'echo @@kvmstat-before\n' -ex 'kvmstat' \
	-ex 'echo @@info-mem\n' -ex 'monitor info mem' \
	-ex 'echo @@kkmap\n' -ex 'tbreak kunmap_atomic if kmap_atomic_idx >= 0' -ex 'continue' -ex 'kkmap' \
	-ex 'echo @@tlb-kmap\n' -ex 'monitor info tlb' \
	-ex 'echo @@finish\n' -ex 'frame function do_page_fault' -ex 'finish' \
	-ex 'echo @@kfaults\n' -ex 'kfaults 1' \
	-ex 'echo @@kpte-after\n' -ex 'kpte $fault' \
	-ex 'echo @@kpage\n' -ex 'eval "kpage %lu", fault_ring[(fault_ring_seq - 1) % (sizeof(fault_ring) / sizeof(fault_ring[0]))].pfn' \
	-ex 'echo @@kvmstat-after\n' -ex 'kvmstat' \
	-ex 'echo @@tlb\n' -ex 'monitor info tlb' \
	-ex 'python import kcore, kmm; mm = kcore.current()["mm"]; gdb.set_convenience_variable("stack_vma", kmm.find_vma(mm, kcore.u32(mm["start_stack"]))["vm_start"])' \
	-ex 'echo @@ex-untouched\n' -ex 'kexplain $fault+4096' \
	-ex 'echo @@ex-reuse\n' -ex 'kexplain $fault+8192 write' \
	-ex 'echo @@ex-cow\n' -ex 'kexplain &cow_page write' \
	-ex 'echo @@ex-spurious\n' -ex 'kexplain $fault write' \
	-ex 'echo @@ex-novma\n' -ex 'kexplain 0' \
	-ex 'echo @@ex-notallowed\n' -ex 'kexplain &main write' \
	-ex 'echo @@ex-kernel\n' -ex 'kexplain 0xc0000000' \
	-ex 'echo @@ex-stack\n' -ex 'kexplain $stack_vma-1' \
	-ex 'echo @@ex-fixup\n' -ex 'kexplain 0x10000 read kernel' \
	-ex 'delete' \
	-ex 'echo @@done\n' -ex "kbreakuser gdb_target gdb_target.c:$done_line" -ex 'continue' \
	-ex 'echo @@kpage-done\n' -ex 'kpage $fault' \
	-ex 'echo @@x-done\n' -ex 'x/wx $fault' \
	-ex 'echo @@kfaults-done\n' -ex 'kfaults 30' \
	-ex 'echo @@end\n'
prog_status=$gdb_status
stop_qemu

# Checked in Python: the comparisons are of tables, not of lines.
python3 tools/gdb/session_check.py --first $((n + 1)) \
	--gdb "$tmp/prog.gdb" --serial "$tmp/prog.serial" \
	--prog "$root/bin/gdb_target" --init "$root/bin/init" \
	--fault-line "$fault_line" --done-line "$done_line" \
	--pagemap "$PAGEMAP" >"$tmp/prog.tap"
cat "$tmp/prog.tap"
n=$((n + $(grep -cE '^(not )?ok ' "$tmp/prog.tap")))
failed=$((failed + $(grep -cE '^not ok ' "$tmp/prog.tap")))
grep -qE '^(not )?ok ' "$tmp/prog.tap" || failed=$((failed + 1))

# make debug PROG= sets up the same: -- PROG for init, $prog for kernel.gdb.
mk=$(make -n --no-print-directory debug PROG=gdb_target 2>&1)
printf '%s\n' "$mk" | grep -qF -- '-- /bin/gdb_target"' &&
	printf '%s\n' "$mk" | grep -qF -- "-ex 'set \$prog = \"/bin/gdb_target\"'" &&
	printf '%s\n' "$mk" | grep -qF -- '-x tools/gdb/kernel.gdb'
check "make debug PROG= boots with -- PROG and sets \$prog for kernel.gdb" $? \
	"$(printf '%s\n' "$mk" | grep -E -- '-append|set .prog' | tr '\n' ' ')"

echo "1..$n"
if [ "$failed" != 0 ]; then
	echo "# $failed of $n checks failed; gdb exit status $boot_status (boot), ${prog_status:-?} (gdb_target)"
	for s in boot prog; do
		echo "# --- GDB transcript ($s) ---"
		sed 's/^/# /' "$tmp/$s.gdb" 2>/dev/null
		echo "# --- QEMU ($s) ---"
		sed 's/^/# /' "$tmp/$s.qemu" 2>/dev/null
		echo "# --- serial log ($s, last 60 lines) ---"
		tail -n 60 "$tmp/$s.serial" 2>/dev/null | sed 's/^/# /'
	done
	exit 1
fi
exit 0
