#!/bin/sh
# tools/lint.sh - static checks of the kernel sources.
#
# usage: tools/lint.sh format|cppcheck|tidy|all
#
#   format    clang-format --dry-run --Werror with the repo's .clang-format
#   cppcheck  cppcheck on the compilation database (+ .cppcheck-suppressions)
#   tidy      clang-tidy 14 on the kernel .c files, with the repo's .clang-tidy
#   all       the three (`make lint`); fails if any fails
#
# Each step ends with one summary line, "lint STEP: ok (...)" or
# "lint STEP: FAILED (...)", and exits 0 or 1.
#
# The kernel sources are every .c and .h under boot/ arch/ lib/ mm/ kernel/
# and user/ (with their tests/ subfolders); not tests/ (host tests) nor build/.
#
# cppcheck and tidy read build/lint/compile_commands.json, recorded by bear
# from a dedicated LLVM build (make LLVM=1 BUILD=build/lint), so the normal
# build/ and build/llvm/ trees are left alone. A compile command depends only
# on the Makefile(s) and on which .c files exist, not on their contents, so the
# database is rebuilt (about 8 s on 2 cores) only when a Makefile, this script
# or the list of kernel .c files changed.
#
# Environment: LINT_JOBS (default 2) parallel jobs for the build and tidy.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd -P) || exit 2
cd "$ROOT" || exit 2

KDIRS="boot arch lib mm kernel user"
LINT=build/lint
DB=$LINT/compile_commands.json
JOBS=${LINT_JOBS:-2}

# The versions .clang-format and .clang-tidy were written for, if installed.
pick() {
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 && { echo "$t"; return 0; }
	done
	echo "$1"
}
CLANG_FORMAT=$(pick clang-format-14 clang-format)
CLANG_TIDY=$(pick clang-tidy-14 clang-tidy)

# ROOT as a sed regex, to turn the tools' absolute paths into repo paths.
ROOT_RE=$(printf '%s\n' "$ROOT" | sed 's/[][\.*^$|]/\\&/g')
relpaths() {
	sed -e "s|$ROOT_RE/\(\./\)*||g"
}

# kernel_files c|ch: the kernel's .c (and .h) files, sorted.
kernel_files() {
	dirs=
	for d in $KDIRS; do
		[ -d "$d" ] && dirs="$dirs $d"
	done
	[ -n "$dirs" ] || return 0
	# shellcheck disable=SC2086  # $dirs is a list of words
	if [ "$1" = ch ]; then
		find $dirs -type f \( -name '*.c' -o -name '*.h' \)
	else
		find $dirs -type f -name '*.c'
	fi | LC_ALL=C sort
}

# A private scratch directory under build/lint: `make test` and someone's
# `make lint` may run at the same time.
SCRATCH=
scratch() {
	if [ -z "$SCRATCH" ]; then
		mkdir -p "$LINT" && SCRATCH=$(mktemp -d "$LINT/tmp.XXXXXX") || exit 2
		trap 'rm -rf "$SCRATCH"' EXIT
		trap 'exit 130' INT TERM
	fi
}

plural() {
	if [ "$1" = 1 ]; then echo "1 $2"; else echo "$1 ${2}s"; fi
}

need_tool() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "lint: $1 is not installed (make deps-test installs it)" >&2
	return 1
}

# ---------------------------------------------------------------- format

step_format() {
	need_tool "$CLANG_FORMAT" || { echo "lint format: FAILED ($CLANG_FORMAT missing)"; return 1; }
	files=$(kernel_files ch)
	n=$(printf '%s\n' "$files" | grep -c .)
	[ "$n" -gt 0 ] || { echo "lint format: FAILED (no kernel sources found)"; return 1; }
	# shellcheck disable=SC2086  # no spaces in kernel file names
	out=$("$CLANG_FORMAT" --style=file --dry-run --Werror $files 2>&1) && {
		echo "lint format: ok ($n files)"
		return 0
	}
	bad=$(printf '%s\n' "$out" |
		sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' |
		LC_ALL=C sort -u)
	if [ -z "$bad" ]; then
		# Not a formatting difference: a bad .clang-format, a crash...
		printf '%s\n' "$out"
		echo "lint format: FAILED ($CLANG_FORMAT failed)"
		return 1
	fi
	nbad=$(printf '%s\n' "$bad" | grep -c .)
	# The change clang-format wants, as a diff, file by file.
	for f in $bad; do
		"$CLANG_FORMAT" --style=file "$f" | diff -u "$f" - |
			sed -e "1s|^--- .*|--- $f|" -e "2s|^+++ .*|+++ $f (clang-format)|"
	done
	echo
	echo "Not clang-formatted ($nbad of $n files):"
	printf '%s\n' "$bad" | sed 's/^/  /'
	echo "Fix with:  $CLANG_FORMAT -i FILE   (here: $CLANG_FORMAT -i $(printf '%s\n' "$bad" | paste -sd ' '))"
	echo "or keep a hand layout with /* clang-format off */ ... /* clang-format on */."
	echo "lint format: FAILED ($nbad of $n files not formatted)"
	return 1
}

# ------------------------------------------------- compilation database

# The build's own inputs: a change here can change the compile commands.
db_inputs() {
	echo tools/lint.sh
	find . -maxdepth 3 -path ./build -prune -o -type f \
		\( -name Makefile -o -name '*.mk' \) -print | sed 's|^\./||'
}

db_fresh() {
	[ -s "$DB" ] && [ -f "$LINT/sources.list" ] || return 1
	for f in $(db_inputs); do
		[ -n "$(find "$f" -newer "$DB")" ] && return 1
	done
	[ "$(kernel_files c)" = "$(cat "$LINT/sources.list")" ]
}

# Two steps (cppcheck, tidy) may start together: one builds, one waits.
DB_MADE=0
make_db() {
	# Once per run, even when the build failed (`all`: cppcheck, then tidy).
	[ $DB_MADE = 1 ] && return 0
	mkdir -p "$LINT" || return 1
	command -v flock >/dev/null 2>&1 || { make_db_locked && DB_MADE=1; return; }
	exec 9>"$LINT/.lock"
	flock 9
	make_db_locked
	rc=$?
	exec 9>&-
	[ $rc = 0 ] && DB_MADE=1
	return $rc
}

make_db_locked() {
	db_fresh && return 0
	need_tool bear && need_tool python3 || return 1
	echo "lint: recording $DB (make -B LLVM=1 BUILD=$LINT under bear)"
	rm -f "$LINT/compile_commands.raw.json" "$LINT/sources.list"
	sources=$(kernel_files c)
	# -B: every file is compiled, so every command is recorded. -k: a file
	# that fails to compile is still recorded (tidy then reports the error),
	# and the others too. initrd.cpio too: user/ programs go in there.
	# MAKEFLAGS from an outer `make lint` is dropped: its variables and
	# jobserver are not for this build.
	if ! (unset MAKEFLAGS MFLAGS MAKELEVEL
		exec bear --output "$LINT/compile_commands.raw.json" -- \
			make -k -B -j"$JOBS" LLVM=1 BUILD="$LINT" \
			"$LINT/kernel.elf" "$LINT/initrd.cpio") >"$LINT/build.log" 2>&1; then
		echo "lint: note: the LLVM build in $LINT failed (see $LINT/build.log);" \
			"analysing what it compiled" >&2
		build_ok=0
	else
		build_ok=1
	fi
	[ -s "$LINT/compile_commands.raw.json" ] || {
		echo "lint: bear recorded nothing (see $LINT/build.log)" >&2
		return 1
	}
	# Keep the kernel's own sources: drop generated files (build/lint/
	# kallsyms*.c) and anything outside the kernel directories.
	python3 - "$ROOT" "$KDIRS" "$LINT/compile_commands.raw.json" "$DB" <<'EOF' || return 1
import json, os, sys
root, kdirs, src, dst = sys.argv[1:]
kdirs = kdirs.split()
out, seen = [], set()
for e in json.load(open(src)):
    path = os.path.normpath(os.path.join(e["directory"], e["file"]))
    rel = os.path.relpath(path, root)
    if rel.split(os.sep)[0] not in kdirs or not rel.endswith(".c"):
        continue
    if path in seen or not os.path.isfile(path):
        continue
    seen.add(path)
    out.append(e)
with open(dst + ".tmp", "w") as f:
    json.dump(out, f, indent=2)
os.replace(dst + ".tmp", dst)
EOF
	# A failed build is recorded again next time.
	[ $build_ok = 1 ] && printf '%s\n' "$sources" >"$LINT/sources.list"
	return 0
}

# db_files: the files in the database, as repo paths, in its order.
db_files() {
	python3 -c '
import json, os, sys
for e in json.load(open(sys.argv[1])):
    print(os.path.relpath(os.path.normpath(os.path.join(e["directory"], e["file"])), sys.argv[2]))
' "$DB" "$ROOT"
}

# Kernel .c files that no build rule compiles are not analysed: say so.
warn_unbuilt() {
	missing=$(kernel_files c | LC_ALL=C comm -23 - "$1")
	[ -z "$missing" ] && return 0
	echo "lint: warning: not in $DB (no build rule compiles them), not analysed:" >&2
	printf '%s\n' "$missing" | sed 's/^/  /' >&2
}

# --------------------------------------------------------------- cppcheck

# --enable:
#   warning, portability, performance: bugs, and code that breaks on other
#     ABIs or is needlessly slow.
#   style: kept. It is where cppcheck puts duplicateCondition,
#     duplicateExpression, redundantCondition, clarifyCalculation,
#     unsignedLessThanZero, redundantAssignment, unreadVariable,
#     shadowVariable...: logic slips, not layout. Its parts that
#     are noisy or wrong on a kernel are in .cppcheck-suppressions (with
#     the reasons), which must exist: it is part of the configuration.
#   missingInclude: not noise but a guard: if cppcheck cannot find the
#     kernel's own headers it silently analyses much less (a relative
#     --project path does that in cppcheck 2.10, hence $ROOT/$DB). cppcheck
#     2.10 only reports it in one process, so no -j: the whole run takes
#     well under a second here anyway.
#   not unusedFunction: entry points called from assembly (kernel_main,
#     do_trap), tests and APIs not used yet are all "unused".
#   not information: progress and configuration chatter.
# --suppress=missingIncludeSystem: <stdarg.h> etc. are the compiler's own.
# --platform=unix32: i386 sizes (int, long and pointers of 32 bits).
# -Doffsetof: cppcheck reads no system header, so offsetof (from <stddef.h>)
#   looked like a call, and container_of's offsetof(__typeof__(*pos), member)
#   like a dereference of pos: list_for_each_entry(page, ...) after a NULL
#   check of page was a "null pointer dereference". The classic definition
#   lets it see an unevaluated type. (Giving it clang's <stddef.h> does not
#   help: there offsetof is __builtin_offsetof, unknown to cppcheck 2.10.)
#   With --project this -D adds no configuration: one is checked either way.
step_cppcheck() {
	need_tool cppcheck || { echo "lint cppcheck: FAILED (cppcheck missing)"; return 1; }
	make_db || { echo "lint cppcheck: FAILED (no compilation database)"; return 1; }
	scratch
	tmp=$SCRATCH/cppcheck.files
	db_files | LC_ALL=C sort >"$tmp"
	n=$(grep -c . "$tmp")
	warn_unbuilt "$tmp"
	out=$(cppcheck --project="$ROOT/$DB" --platform=unix32 \
		--enable=warning,style,portability,performance,missingInclude \
		--suppress=missingIncludeSystem \
		--suppressions-list=.cppcheck-suppressions --inline-suppr \
		'-Doffsetof(t,m)=((size_t)&((t *)0)->m)' \
		--error-exitcode=1 --quiet \
		--template='{file}:{line}:{column}: {severity}: {message} [{id}]\n{code}' \
		--template-location='{file}:{line}:{column}: note: {info}\n{code}' 2>&1)
	rc=$?
	[ -n "$out" ] && printf '%s\n' "$out" | relpaths
	nf=$(printf '%s\n' "$out" | grep -Ec '^[^ ].*:[0-9]+:[0-9]+: (error|warning|style|performance|portability|information): .*\]$')
	if [ $rc = 0 ] && [ "$nf" = 0 ]; then
		echo "lint cppcheck: ok ($n files)"
		return 0
	fi
	[ "$nf" = 0 ] && { echo "lint cppcheck: FAILED (cppcheck exited $rc)"; return 1; }
	case $out in
	*'[missingInclude]'*)
		echo "Which include: cppcheck --check-config --enable=missingInclude" \
			"--suppress=missingIncludeSystem --project=$ROOT/$DB" ;;
	esac
	echo "Suppress a false positive with // cppcheck-suppress ID on the line before it."
	echo "lint cppcheck: FAILED ($(plural "$nf" finding) in $n files)"
	return 1
}

# ------------------------------------------------------------------- tidy

# clang-tidy on each file of the database, LINT_JOBS at a time (xargs -P
# rather than run-clang-tidy-14: one log per file, printed in a fixed order,
# and a header's finding printed once, not once per file that includes it).
step_tidy() {
	need_tool "$CLANG_TIDY" || { echo "lint tidy: FAILED ($CLANG_TIDY missing)"; return 1; }
	make_db || { echo "lint tidy: FAILED (no compilation database)"; return 1; }
	scratch
	logs=$SCRATCH/tidy
	mkdir -p "$logs"
	db_files >"$logs/files"
	LC_ALL=C sort "$logs/files" >"$logs/files.sorted"
	warn_unbuilt "$logs/files.sorted"
	n=$(grep -c . "$logs/files")
	[ "$n" -gt 0 ] || { echo "lint tidy: FAILED (no .c file in $DB)"; return 1; }
	export CLANG_TIDY LINT logs
	# shellcheck disable=SC2016  # expanded by the inner sh
	xargs -n1 -P"$JOBS" sh -c '
		log=$logs/$(printf "%s" "$1" | tr / _).log
		"$CLANG_TIDY" -p "$LINT" --quiet "$1" >"$log" 2>&1
		echo $? >"$log.rc"' sh <"$logs/files"
	failed=0
	: >"$logs/all.log"
	while read -r f; do
		log=$logs/$(printf '%s' "$f" | tr / _).log
		[ "$(cat "$log.rc" 2>/dev/null)" = 0 ] || failed=$((failed + 1))
		cat "$log" >>"$logs/all.log"
	done <"$logs/files"
	# Drop clang's counters; print each finding (with its notes) once.
	grep -Ev '^[0-9]+ (warning|error)s? (and [0-9]+ (warning|error)s? )?generated\.$' \
		"$logs/all.log" | relpaths | awk '
		BEGIN { keep = 1 }
		/^[^ ].*:[0-9]+:[0-9]+: (warning|error): / {
			keep = !($0 in seen); seen[$0] = 1; if (keep) n++
		}
		keep { print }
		END { print n + 0 > "/dev/stderr" }' 2>"$logs/count" >"$logs/findings"
	cat "$logs/findings"
	nf=$(cat "$logs/count")
	if [ "$failed" = 0 ] && [ "$nf" = 0 ]; then
		echo "lint tidy: ok ($n files)"
		return 0
	fi
	if [ "$nf" = 0 ]; then
		echo "lint tidy: FAILED ($CLANG_TIDY failed on $failed of $n files)"
		return 1
	fi
	echo "Silence a false positive with // NOLINT(check-name) on its line, or in .clang-tidy."
	echo "lint tidy: FAILED ($(plural "$nf" finding) in $n files)"
	return 1
}

# ------------------------------------------------------------------- main

case "${1:-}" in
format) step_format ;;
cppcheck) step_cppcheck ;;
tidy) step_tidy ;;
all)
	fails=
	step_format || fails="$fails format"
	step_cppcheck || fails="$fails cppcheck"
	step_tidy || fails="$fails tidy"
	if [ -n "$fails" ]; then
		echo "lint: FAILED (${fails# })"
		exit 1
	fi
	echo "lint: ok"
	;;
*)
	echo "usage: $0 format|cppcheck|tidy|all" >&2
	exit 2
	;;
esac
