#!/usr/bin/env python3
"""tools/run-tests.py - the whole test suite, layer by layer (README.md).

Layers, in order: host unit tests (cmocka, under ASan/UBSan); a short run of
each libFuzzer target (tests/fuzz/); kernel builds; boots in QEMU (in-kernel
KTAP tests, memory maps, the GRUB ISO, oops reports); lint; the scripted GDB
session. Each job prints a progress line, each boot's serial log is kept
under build/test-logs/, and the last line is "N passed, N failed". --filter
runs only the jobs whose name matches.
"""
import argparse
import concurrent.futures
import difflib
import fnmatch
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGS = os.path.join(ROOT, "build", "test-logs")
QEMU = os.environ.get("QEMU", "qemu-system-i386")
# isa-debug-exit turns the kernel's value v into QEMU's status (v << 1) | 1
# (TOOLCHAIN-NOTES.md): 0 = every test passed, 1 = a failure.
EXIT_PASS, EXIT_FAIL = 1, 3
BOOT_TIMEOUT = 60
LOG_TAIL = 40
TIMESTAMP = re.compile(r"^\[\s*\d+\.\d+\] ")


class Result:
    def __init__(self, name, ok, why=""):
        self.name, self.ok, self.why = name, ok, why


class Job:
    """One unit of work: it yields one or more test results."""

    def __init__(self, layer, name, fn):
        self.layer, self.name, self.fn = layer, name, fn
        self.log = None  # a file whose tail is printed on failure
        self.note = ""  # a figure for the progress line


# --- running things ---------------------------------------------------------

def run(cmd, timeout=600, env=None):
    """Run a command in the repo; return (status, combined output)."""
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           timeout=timeout, env=env, text=True,
                           errors="replace")
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if e.stdout else ""
        return None, out + f"\n[timed out after {timeout} s]\n"


# A typing step that waits for the shell's "$ " prompt (boot()).
PROMPT = object()


def type_text(p, text):
    """Type text (or each piece of a tuple, a second apart) on stdin."""
    for i, piece in enumerate((text,) if isinstance(text, str) else text):
        time.sleep(0.2 if i == 0 else 1.0)
        p.stdin.write(piece.encode())
        p.stdin.flush()


def boot(log_name, mem="128M", kernel="build/kernel.elf",
         initrd="build/initrd.cpio", cmdline="", iso=None, until=None,
         timeout=BOOT_TIMEOUT, typing=()):
    """Boot QEMU headless; return (status, serial lines, firmware log).

    status is QEMU's exit status, "timeout", or "until" when the `until`
    pattern appeared on the serial line (QEMU is then stopped). The firmware
    log is SeaBIOS's debug console (port 0x402), which lists its e820 map.
    typing is a list of (pattern, text): once a serial line matches pattern,
    text is typed on the serial console, as a user at the keyboard would.
    """
    os.makedirs(LOGS, exist_ok=True)
    log = os.path.join(LOGS, log_name + ".log")
    bios = os.path.join(LOGS, log_name + ".bios.log")
    cmd = [QEMU, "-m", mem, "-display", "none", "-monitor", "none",
           "-serial", "stdio", "-no-reboot", "-net", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-chardev", f"file,id=bios,path={bios}",
           "-device", "isa-debugcon,iobase=0x402,chardev=bios"]
    if iso:
        cmd += ["-cdrom", iso]
    else:
        cmd += ["-kernel", kernel, "-initrd", initrd, "-append", cmdline]
    lines, status = [], None
    deadline = time.monotonic() + timeout
    with open(log, "w") as out:
        out.write("# " + " ".join(cmd) + "\n")
        p = subprocess.Popen(cmd, cwd=ROOT,
                             stdin=subprocess.PIPE if typing else
                             subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        steps = list(typing)
        buf = b""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                status = "timeout"
                break
            ready, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
            if not ready:
                continue
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            *complete, buf = buf.split(b"\n")
            for raw in complete:
                line = raw.decode(errors="replace").rstrip("\r")
                lines.append(line)
                out.write(line + "\n")
                if until and re.search(until, line):
                    status = "until"
                if steps and steps[0][0] is not PROMPT and re.search(
                        steps[0][0], TIMESTAMP.sub("", line)):
                    type_text(p, steps.pop(0)[1])
            # The shell's prompt ends no line: PROMPT steps wait for it.
            if steps and steps[0][0] is PROMPT and buf == b"$ ":
                type_text(p, steps.pop(0)[1])
            if status == "until":
                break
        if buf:
            lines.append(buf.decode(errors="replace"))
            out.write(lines[-1] + "\n")
        if p.poll() is None:
            p.kill()
        code = p.wait()
        status = code if status is None else status
        out.write(f"# status: {status}\n")
    try:
        with open(bios, errors="replace") as f:
            firmware = f.read()
    except OSError:
        firmware = ""
    return status, lines, firmware, log


def strip(lines):
    return [TIMESTAMP.sub("", line) for line in lines]


# --- parsers ----------------------------------------------------------------

def parse_ktap(prefix, lines):
    """KUnit's KTAP: one result per test case, and checks that every suite
    ran to its plan and the run finished."""
    results, suite, plan, seen = [], None, None, 0
    finished = False
    for line in strip(lines):
        m = re.match(r"^    # Subtest: (\S+)", line)
        if m:
            suite, plan, seen = m.group(1), None, 0
            continue
        m = re.match(r"^    1\.\.(\d+)", line)
        if m:
            plan = int(m.group(1))
            continue
        m = re.match(r"^    (not ok|ok) (\d+) (\S+)(.*)$", line)
        if m and suite:
            seen += 1
            results.append(Result(f"{prefix}/{suite}/{m.group(3)}",
                                  m.group(1) == "ok", m.group(4).strip()))
            continue
        m = re.match(r"^(not ok|ok) \d+ (\S+)", line)
        if m and suite:
            if plan is not None and seen != plan:
                results.append(Result(f"{prefix}/{suite}", False,
                                      f"ran {seen} of {plan} cases"))
            suite = None
            continue
        if line.startswith("ktest: "):
            finished = True
    if not finished:
        results.append(Result(f"{prefix}/finished", False,
                              "the run did not finish (crash or timeout?)"))
    if not results:
        results.append(Result(prefix, False, "no KTAP output"))
    return results


def parse_tap(prefix, text):
    """TAP as cmocka (CMOCKA_MESSAGE_OUTPUT=TAP) and gdb-session.sh print it."""
    results = []
    for line in text.splitlines():
        m = re.match(r"^(not ok|ok) \d+ (?:- )?(.*?)(\s+#.*)?$", line)
        if m:
            results.append(Result(f"{prefix}/{m.group(2).strip()}",
                                  m.group(1) == "ok"))
    return results


E820_NAMES = {"1": "usable", "2": "reserved", "3": "ACPI data",
              "4": "ACPI NVS", "5": "unusable"}


def check_memory_map(name, lines, firmware):
    """The map the kernel prints must be the firmware's own e820 map."""
    kernel = set()
    total = None
    for line in strip(lines):
        m = re.match(r"^multiboot: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] (.+)$",
                     line)
        if m:
            kernel.add((int(m.group(1), 16), int(m.group(2), 16) + 1,
                        m.group(3)))
        m = re.match(r"^Memory: (\d+)K usable RAM", line)
        if m:
            total = int(m.group(1))
    bios = set()
    for m in re.finditer(r"^\s*\d+: ([0-9a-f]{16}) - ([0-9a-f]{16}) = (\d+)",
                         firmware, re.M):
        bios.add((int(m.group(1), 16), int(m.group(2), 16),
                  E820_NAMES.get(m.group(3), "unknown")))
    if not bios:
        return Result(name, False, "no e820 map in the SeaBIOS log")
    if kernel != bios:
        fmt = lambda s: ", ".join(f"{a:#x}-{b:#x} {t}" for a, b, t in sorted(s))
        return Result(name, False, f"kernel: {fmt(kernel)}\nbios:   {fmt(bios)}")
    usable = sum(b - a for a, b, t in bios if t == "usable") >> 10
    if total != usable:
        return Result(name, False, f"total {total}K, firmware says {usable}K")
    return Result(name, True)


def expect_lines(name, lines, patterns):
    """One result per regular expression that must appear on the serial line."""
    text = "\n".join(strip(lines))
    return [Result(f"{name}/{label}", re.search(p, text, re.M) is not None,
                   f"missing: {p}") for label, p in patterns]


# --- the jobs ---------------------------------------------------------------

def host_jobs():
    def build():
        status, out = run(["make", "-s", "host-tests"])
        return [Result("host/build", status == 0, out[-2000:])]

    jobs = [Job("host", "host/build", build)]
    for src in sorted(os.listdir(os.path.join(ROOT, "tests"))):
        if src.startswith("test_") and src.endswith(".c"):
            binary = "build/host/" + src[:-2]

            def run_one(binary=binary, name=src[:-2]):
                env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
                status, out = run([binary], timeout=120, env=env)
                results = parse_tap(f"host/{name}", out)
                if status != 0 and all(r.ok for r in results):
                    results.append(Result(f"host/{name}/exit", False,
                                          f"exit status {status}\n{out[-2000:]}"))
                return results or [Result(f"host/{name}", False, out[-2000:])]

            jobs.append(Job("host", f"host/{src[:-2]}", run_one))
    return jobs


# Each fuzz target (tests/fuzz/fuzz_NAME.c, job fuzz/NAME) runs this long in
# the suite, from its seed corpus alone and with a fixed seed, so that a run
# repeats what the last one did (as far as a time limit allows); `make fuzz
# SECONDS=N` runs longer.
FUZZ_SECONDS = 25
FUZZ_SEED = 1


def fuzz_jobs():
    built = []  # the build's (status, output), once for every target
    lock = threading.Lock()

    def build():
        with lock:
            if not built:
                built.append(run(["make", "-s", "fuzz-targets"]))
            return built[0]

    def job(name):
        def fn():
            status, out = build()
            if status != 0:
                return [Result(f"fuzz/{name}/build", False, out[-2000:])]
            status, out = run(["tools/fuzz.py", "--seconds",
                               str(FUZZ_SECONDS), "--seed", str(FUZZ_SEED),
                               "--fresh", name], timeout=FUZZ_SECONDS + 180)
            m = re.search(r"^fuzz \S+: ok, (\d+) executions in \d+ s, "
                          r"cov (\d+)", out, re.M)
            if m:
                j.note = f"{int(m.group(1)):,} executions, cov {m.group(2)}"
            return [Result(f"fuzz/{name}", status == 0 and m is not None,
                           out[-4000:])]
        j = Job("fuzz", f"fuzz/{name}", fn)
        return j
    return [job(src[len("fuzz_"):-len(".c")]) for src in
            sorted(os.listdir(os.path.join(ROOT, "tests", "fuzz")))
            if src.startswith("fuzz_") and src.endswith(".c")]


def build_jobs():
    def build(name, args):
        def fn():
            status, out = run(["make", "-s", "-j2"] + args)
            return [Result(name, status == 0, out[-3000:])]
        return Job("build", name, fn)

    return [
        build("build/gcc", ["all"]),
        # LLVM=1 must build warning-free too (-Werror): kernel and initrd.
        build("build/llvm", ["LLVM=1", "build/llvm/kernel.elf",
                             "build/llvm/initrd.cpio"]),
        build("build/debug", ["BUILD=build/debug", "OPT=-Og",
                              "build/debug/kernel.elf",
                              "build/debug/initrd.cpio"]),
    ]


def ktest_job(name, mem, build="build", extra=""):
    """All in-kernel suites at one memory size, and the memory map check."""
    def fn():
        status, lines, firmware, log = boot(
            name.replace("/", "_"), mem=mem, kernel=f"{build}/kernel.elf",
            initrd=f"{build}/initrd.cpio", cmdline=f"test=all {extra}".strip())
        job.log = log
        results = parse_ktap(name, lines)
        if status != EXIT_PASS and all(r.ok for r in results):
            results.append(Result(f"{name}/exit", False,
                                  f"QEMU status {status}, expected {EXIT_PASS}"))
        results.append(check_memory_map(f"{name}/memory-map", lines, firmware))
        return results
    job = Job("qemu", name, fn)
    return job


def iso_job():
    """The GRUB ISO boots, passes its command line, and runs the tests."""
    def fn():
        iso = "build/test-logs/test.iso"
        os.makedirs(LOGS, exist_ok=True)
        status, out = run(["tools/mkiso.sh", "build/kernel.elf",
                           "build/initrd.cpio", iso, "test=all"])
        if status != 0:
            return [Result("boot/grub-iso/mkiso", False, out)]
        status, lines, firmware, log = boot("grub-iso", iso=iso)
        job.log = log
        results = parse_ktap("boot/grub-iso", lines)
        results += expect_lines("boot/grub-iso", lines, [
            ("loader", r"^Boot loader: GRUB"),
            ("cmdline", r"^Kernel command line: test=all$"),
            ("initrd", r"^initrd: \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] \d+ bytes"),
        ])
        results.append(check_memory_map("boot/grub-iso/memory-map", lines,
                                        firmware))
        results.append(Result("boot/grub-iso/exit", status == EXIT_PASS,
                              f"QEMU status {status}"))
        return results
    job = Job("qemu", "boot/grub-iso", fn)
    return job


def idle_job():
    """Without options the kernel boots, initialises and idles."""
    def fn():
        status, lines, _, log = boot("idle", cmdline="init=/bin/none",
                                     until=r"no /bin/none in the initrd; idling")
        job.log = log
        return [Result("boot/kernel-idle", status == "until",
                       f"status {status}")] + expect_lines(
            "boot/kernel-idle", lines, [
                ("banner", r"^vmkern version \S+ \(gcc "),
                ("loader", r"^Boot loader: qemu"),
                ("initrd", r"^initrd: \[mem "),
                ("timer", r"^clocksource: PIT at 100 Hz")])
    job = Job("qemu", "boot/kernel-idle", fn)
    return job


def crash_job(what, patterns):
    """A deliberate crash gives a full oops report and stops the machine."""
    name = f"oops/{what}"

    def fn():
        status, lines, _, log = boot(f"oops-{what}", cmdline=f"crash={what}",
                                     until=r"---\[ end Kernel panic")
        job.log = log
        return [Result(f"{name}/stops", status == "until",
                       f"status {status}")] + expect_lines(name, lines,
                                                           patterns)
    job = Job("qemu", name, fn)
    return job


REGS = [("registers", r"^EAX: [0-9a-f]{8} EBX: [0-9a-f]{8} ECX: [0-9a-f]{8} "
         r"EDX: [0-9a-f]{8}\nESI: [0-9a-f]{8} EDI: [0-9a-f]{8} "
         r"EBP: [0-9a-f]{8} ESP: [0-9a-f]{8}\nDS: 0068 ES: 0068 "),
        ("control-registers", r"^CR0: 8[0-9a-f]{7} CR2: [0-9a-f]{8} "),
        ("call-trace", r"^Call Trace:\n (\? )?crash\+0x[0-9a-f]+/0x[0-9a-f]+\n "
         r"kernel_main\+"),
        ("panic", r"^Kernel panic - not syncing: ")]


def qemu_jobs():
    # Every size from the smallest to the most RAM QEMU's pc machine puts
    # below 4 GiB, and a small machine with a highmem zone (lowmem=).
    jobs = [ktest_job(f"ktest@{m}", m)
            for m in ("16M", "128M", "512M", "1G", "2G", "3G", "3583M")]
    jobs.append(ktest_job("ktest@64M-lowmem=32M", "64M", extra="lowmem=32M"))
    jobs.append(ktest_job("ktest-llvm@128M", "128M", build="build/llvm"))
    jobs += [iso_job(), idle_job()]
    jobs.append(crash_job("page_fault", [
        ("address", r"^BUG: unable to handle page fault for address: 00001000$"),
        ("access", r"^#PF: supervisor write access in kernel mode$"),
        ("error-code", r"^#PF: error_code\(0x0002\) - not-present page$"),
        ("vector", r"^Oops: page fault, vector 14, error_code 0x0002 "),
        ("eip-symbol", r"^EIP: crash_page_fault\+0x[0-9a-f]+/0x[0-9a-f]+$"),
        ("cr2", r"^CR0: [0-9a-f]{8} CR2: 00001000 ")] + REGS))
    jobs.append(crash_job("divide_error", [
        ("vector", r"^Oops: divide error, vector 0, error_code 0x0000 "),
        ("eip-symbol", r"^EIP: crash_divide_error\+0x[0-9a-f]+/0x[0-9a-f]+$"),
    ] + REGS))
    # A kernel stack overflow: the guard page, then a double fault that
    # its own TSS (arch/doublefault.c) turns into a report.
    jobs.append(crash_job("stack_overflow", [
        ("guard-page", r"^BUG: stack guard page was hit at [0-9a-f]{8} "
         r"\(stack is [0-9a-f]{8}\.\.[0-9a-f]{8}\)$"),
        ("vector", r"^Oops: kernel stack overflow \(double-fault\), vector 8, "),
        ("eip-symbol", r"^EIP: crash_recurse[.\w]*\+0x[0-9a-f]+/0x[0-9a-f]+$"),
        ("call-trace", r"^ crash_recurse[.\w]*\+0x[0-9a-f]+/0x[0-9a-f]+\n"
         r" crash_stack_overflow\+"),
        ("panic", r"^Kernel panic - not syncing: ")]))
    jobs.append(crash_job("bug", [
        ("message", r"^Kernel panic - not syncing: kernel BUG at "
         r"kernel/crash\.c:\d+!$")]))

    def unknown_suite():
        status, lines, _, log = boot("ktest-unknown", cmdline="test=no_such")
        job.log = log
        return [Result("ktest/unknown-suite-fails", status == EXIT_FAIL,
                       f"QEMU status {status}, expected {EXIT_FAIL}")] + \
            expect_lines("ktest/unknown-suite-fails", lines, [
                ("message", r"ktest: no test suite matches 'test=no_such'")])
    job = Job("qemu", "ktest/unknown-suite-fails", unknown_suite)
    jobs.append(job)
    return jobs


def parse_user_ktap(prefix, lines):
    """A user program's own KTAP: top-level "ok N name" lines and a plan."""
    results, plan = [], None
    for line in lines:
        m = re.match(r"^1\.\.(\d+)$", line)
        if m:
            plan = int(m.group(1))
        m = re.match(r"^(not ok|ok) \d+ (.*?)(\s+# (?!SKIP).*)?$", line)
        if m:
            results.append(Result(f"{prefix}/{m.group(2)}", m.group(1) == "ok"))
    if plan is None or plan != len(results):
        results.append(Result(f"{prefix}/plan", False,
                              f"plan {plan}, {len(results)} results"))
    return results


def mmstat(lines, what):
    """The key=value figures of a "mmstat: WHAT ..." line, as integers."""
    for line in strip(lines):
        m = re.match(rf"^mmstat: {re.escape(what)} (.*)$", line)
        if m:
            return {k: int(v) for k, v in
                    (kv.split("=") for kv in m.group(1).split())}
    return {}


# QEMU's status for init's exit (DESIGN.md): value v gives (v << 1) | 1,
# cut to 8 bits; a death by signal n is v = 128 + n.
def qemu_status(value):
    return ((value << 1) | 1) & 0xff


def user_job(prog, mem="128M", status=0, checks=(), ktap=False, extra="",
             build="build", tag="", vmcheck_may_starve=False,
             timeout=BOOT_TIMEOUT):
    """Boot with init=/bin/PROG mmstat=1: its exit status, its output, its
    figures, and no frame lost once it is gone. tag tells apart two runs
    of one program (with different extra command-line options).
    vmcheck_may_starve: with vmcheck=1 in a program that runs the machine
    out of memory, a check that finds no memory for its own table is
    skipped (it says so), not failed; every check that ran must be clean."""
    name = (f"user{'-llvm' if build != 'build' else ''}/{prog}{tag}" +
            (f"@{mem}" if mem != "128M" else ""))

    def fn():
        code, lines, _, log = boot(name.replace("/", "_"), mem=mem,
                                   kernel=f"{build}/kernel.elf",
                                   initrd=f"{build}/initrd.cpio",
                                   cmdline=f"init=/bin/{prog} mmstat=1 {extra}",
                                   timeout=timeout)
        job.log = log
        out = strip(lines)
        results = [Result(f"{name}/status", code == qemu_status(status),
                          f"QEMU status {code}, expected {qemu_status(status)}")]
        if ktap:
            results += parse_user_ktap(name, out)
        machine = mmstat(lines, "machine")
        results.append(Result(f"{name}/no-frame-leaked",
                              machine.get("leaked") == 0,
                              f"mmstat machine: {machine}"))
        # mm/debug_vm.c's books, balanced once everything is gone (and
        # with vmcheck=1 after every fault and system call on the way).
        problems = [l for l in out if l.startswith("vmcheck: ") and not (
            vmcheck_may_starve and
            l.startswith("vmcheck: no memory for the check after "))]
        results.append(Result(
            f"{name}/vmcheck-clean",
            any(re.match(r"^vmcheck: 0 problems after init's exit", l)
                for l in problems) and not any(
                re.match(r"^vmcheck: [1-9]\d* problems", l) or
                not re.match(r"^vmcheck: (0 problems|checking)", l)
                for l in problems),
            "\n".join(problems[-20:])))
        figures = mmstat(lines, f"{prog}[1]")
        for label, check in checks:
            ok = check(out, figures)
            results.append(Result(f"{name}/{label}", bool(ok),
                                  f"figures {figures}"))
        return results
    job = Job("qemu", name, fn)
    return job


def has(pattern):
    return lambda out, fig: any(re.search(pattern, l) for l in out)


# One line per page fault with trace=faults (kernel/fault_trace.c).
TRACE_LINE = re.compile(
    r"^fault: (?P<comm>\S+)\[(?P<pid>\d+)\] addr (?P<addr>[0-9a-f]{8}) "
    r"ip (?P<ip>[0-9a-f]{8}) error (?P<error>[0-9a-f]+) "
    r"\((user|kernel) (read|write|exec), (not present|protection)\) "
    r"vma (none|(?P<start>[0-9a-f]{8})-(?P<end>[0-9a-f]{8}) [r-][w-][x-][sp]) "
    r"-> (?P<grew>stack growth, )?(?P<how>zero-fill|file read-in|COW copy|"
    r"COW reuse|spurious|SIGSEGV|SIGBUS|out of memory|-EFAULT \(fixup\))"
    r"( pfn (?P<pfn>[0-9a-f]+))?$")


def traced_faults(out):
    """The parsed trace lines, and the "fault:" lines that do not parse."""
    lines = [l for l in out if l.startswith("fault: ")]
    parsed = [TRACE_LINE.match(l) for l in lines]
    return ([m for m in parsed if m],
            [l for l, m in zip(lines, parsed) if not m])


def trace_checks():
    """trace=faults against the kernel's own per-mm counters: every fault
    the CPU raised is one line, inside its VMA; exec's own writes to the
    new stack page are the one zero-fill the CPU never raised."""
    def lines_parse(out, fig):
        faults, bad = traced_faults(out)
        return len(faults) > 100 and not bad

    def in_vma(out, fig):
        faults, _ = traced_faults(out)
        return all(int(m["start"], 16) <= int(m["addr"], 16) <
                   int(m["end"], 16) for m in faults if m["how"] not in
                   ("SIGSEGV", "-EFAULT (fixup)"))

    def count(out, how):
        faults, _ = traced_faults(out)
        return sum(1 for m in faults if m["how"] == how and
                   m["pid"] == "1")

    def grew(out, fig):
        faults, _ = traced_faults(out)
        return sum(1 for m in faults if m["grew"]) == fig.get("stack_grow")

    return [("every-fault-line-parses", lines_parse),
            ("faulting-address-inside-its-vma", in_vma),
            ("zero-fills-are-the-first-touches",
             lambda o, f: count(o, "zero-fill") == f.get("zero_fill", 0) - 1),
            ("stack-growth-lines-match-the-counter", grew)]


def trace_switched(out, figures):
    """proc_test touched one page with /proc/sys/vm/trace_faults at 1 and
    one with it back at 0: a trace line for the first, none for the second."""
    touched = dict((m.group(2), m.group(1)) for m in (
        re.match(r"^# touched ([0-9a-f]{8}) with the trace (on|off)$", l)
        for l in out) if m)
    traced = lambda addr: any(re.match(
        rf"^fault: proc_test\[\d+\] addr {addr} .* -> zero-fill", l)
        for l in out)
    return ("on" in touched and "off" in touched and traced(touched["on"])
            and not traced(touched["off"]))


def oom_lines(out, prog):
    """The pgtables figure (kB) of each OOM-killer line about prog."""
    return [int(m.group(1)) for m in (re.match(
        rf"^Out of memory: Killed process \d+ \({re.escape(prog)}\) "
        r".* pgtables:(\d+)kB ", l) for l in out) if m]


def exhaust_jobs():
    """Kernel-specific (exhaustion: Linux needs 48 MiB to boot): memory,
    tasks, page tables and VMAs run out at -m 16M and 32M; the victims are
    the right ones, the rest goes on, and every frame comes back."""
    jobs = []
    for mem in ("16M", "32M"):
        jobs += [
            # One OOM kill per greedy child (mmap, brk, shared memory),
            # and two for the vfork child and its waiting parent.
            user_job("exhaust_touch", mem=mem, ktap=True, checks=[
                ("five-oom-kills",
                 lambda o, f: len(oom_lines(o, "exhaust_touch")) == 5)]),
            user_job("exhaust_fork", mem=mem, ktap=True),
            # The victims hold page tables (hundreds of kB each): a
            # killer blind to them, or one that kills again before its
            # victim is gone, picks children that hold next to nothing.
            user_job("exhaust_pgtables", mem=mem, ktap=True, checks=[
                ("victims-hold-page-tables",
                 lambda o, f: oom_lines(o, "exhaust_pgtable") and min(
                     oom_lines(o, "exhaust_pgtable")) >= 400)]),
            user_job("exhaust_vmas", mem=mem, ktap=True)]
    # The consistency check after every fault and system call where it is
    # affordable (the others take minutes: 256 tasks, 65,530 VMAs).
    jobs.append(user_job("exhaust_touch", mem="16M", ktap=True,
                         tag="+vmcheck", extra="vmcheck=1",
                         vmcheck_may_starve=True))
    return jobs


def user_jobs():
    return [
        user_job("hello", checks=[
            ("output", has(r"^hello, world \(pid 1\)$")),
            ("init-status-line", has(r"^init: hello exited with status 0$"))]),
        user_job("demand_paging", ktap=True, checks=[
            ("stack-grew", lambda o, f: f.get("stack_grow", 0) > 0)]),
        user_job("demand_paging", tag="+trace", extra="trace=faults",
                 checks=trace_checks()),
        user_job("segv_null", status=128 + 11, tag="+trace",
                 extra="trace=faults", checks=[
            ("sigsegv-traced", has(
                r"^fault: segv_null\[1\] addr 00000000 ip [0-9a-f]{8} error 6 "
                r"\(user write, not present\) vma none -> SIGSEGV$"))]),
        user_job("segv_null", status=128 + 11, checks=[
            ("segfault-line", has(r"^segv_null\[1\]: segfault at 0 ip "
                                  r"[0-9a-f]{8} sp [0-9a-f]{8} error 6 "
                                  r"in segv_null\[[0-9a-f]+\+[0-9a-f]+\]$")),
            ("killed-by-sigsegv", has(r"^init: segv_null killed by signal 11$"))]),
        # 256 MiB of bss, one page touched: one page more than hello's
        # (text, data, stack), not 65,536.
        user_job("bigbss", checks=[
            ("one-page-resident", lambda o, f: 0 < f.get("peak_rss", 0) <= 6),
            ("zero-fills", lambda o, f: f.get("zero_fill", 99) <= 4)]),
        user_job("bigbss_all", mem="2G", checks=[
            ("every-page-touched", lambda o, f: f.get("zero_fill", 0) >= 65536),
            ("frames-from-highmem",
             lambda o, f: f.get("highmem_rss", 0) >= 65536)]),
        # The same programs built by clang/ld.lld, whose ELF layout differs
        # (a bss-only segment starting mid-page).
        user_job("fork_test", mem="256M", ktap=True),
        user_job("exec_test", ktap=True),
        user_job("file_test", ktap=True),
        user_job("time_test", ktap=True),
        # Kernel-specific: Linux's initramfs is writable, ours read-only.
        user_job("rofs_test", ktap=True),
        # The memory system calls, one check per behaviour and error, and a
        # randomized differential test against its own model (issue 6).
        user_job("mmap_test", mem="256M", ktap=True),
        user_job("mmap_file_test", ktap=True),
        user_job("mprotect_test", mem="256M", ktap=True),
        user_job("madvise_test", ktap=True),
        user_job("mremap_test", ktap=True),
        user_job("brk_test", ktap=True),
        user_job("mm_fuzz", mem="256M", ktap=True),
        # Random system calls with boundary arguments, forks and memory
        # work, from eight fixed seeds (issue 8): no oops, no hang, no
        # frame lost, and the same again with the books checked after
        # every call. Linux judges the outcomes: peer/sys_fuzz-vs-linux.
        user_job("sys_fuzz", mem=SYS_FUZZ_MEM, ktap=True),
        # What the fuzzer found answered differently from Linux, one
        # check each.
        user_job("edge_calls_test", ktap=True),
        # The fuzzer with vmcheck=1 takes about 40 s alone: its time
        # limit leaves room for a machine busy with the other jobs.
        user_job("sys_fuzz", mem="64M", ktap=True, tag="+vmcheck",
                 extra="vmcheck=1", timeout=3 * BOOT_TIMEOUT),
        # The same with the consistency check after every page fault and
        # system call (vmcheck=1): a broken invariant fails the program
        # that broke it, naming the frame or the VMA.
        *[user_job(p, mem="64M", ktap=True, tag="+vmcheck",
                   extra="vmcheck=1")
          for p in ("fork_test", "mmap_test", "mmap_file_test",
                    "mremap_test", "madvise_test", "brk_test")],
        # Kernel-specific (Linux's MemFree is blurred by per-CPU lists):
        # /proc/meminfo and /proc/vmstat to the page.
        user_job("meminfo_test", ktap=True),
        # /proc/self/maps in Linux's format, against what the program knows.
        user_job("maps_test", ktap=True),
        # Directories (getdents64) and the rest of /proc: smaps, pagemap
        # across a fork, the trace_faults switch (skipped on Linux).
        user_job("proc_test", ktap=True, checks=[
            ("trace-faults-switches-the-trace", trace_switched)]),
        # A standard C program: static glibc, unchanged.
        user_job("glibc_hello", ktap=True),
        # Kernel-specific (exhaustion: Linux needs more than 32 MiB to
        # boot): the OOM killer picks the greedy child, the rest goes on.
        user_job("oom_child", mem="32M", ktap=True, checks=[
            ("oom-line", has(r"^Out of memory: Killed process \d+ "
                             r"\(oom_child\) total-vm:\d+kB, anon-rss:"))]),
        # Neither the kernel half nor another process's memory: user
        # accesses, COW, and every system call that takes a pointer, given
        # bad ones (Linux's answers: it runs on the peer too).
        user_job("isolation_test", ktap=True),
        user_job("isolation_test", mem="64M", ktap=True, tag="+vmcheck",
                 extra="vmcheck=1"),
        *exhaust_jobs(),
        # Kernel-specific only because the peer has no /etc/motd.
        user_job("enoexec_test", ktap=True),
        # Thousands of forks, execs and exits: not one frame lost.
        user_job("fork_stress", ktap=True),
        # COW at scale, by the kernel's own count: the forks cost page
        # tables (fork_frames), the reader copies none of the 64 MiB, the
        # writer exactly one page, and the parent's rewrite reuses it.
        user_job("fork_big", mem="256M", ktap=True, checks=[
            ("fork-copies-page-tables-not-data",
             lambda o, f: 0 < mmstat(o, "fork_big[2]").get(
                 "fork_frames", 999) <= 64),
            ("all-pages-shared-at-fork",
             lambda o, f: mmstat(o, "fork_big[2]").get(
                 "shared_at_fork", 0) >= 16384),
            # Besides the 64 MiB, each side writes its stack page: the one
            # that writes it first copies it, the other then reuses it,
            # depending on who runs first after the fork. So: at most one
            # copy for the reader, the written page plus at most one for
            # the writer.
            ("reader-copies-none-of-the-data",
             lambda o, f: mmstat(o, "fork_big[2]").get("cow_copy", 9) <= 1),
            ("writer-copies-one-page",
             lambda o, f: 1 <= mmstat(o, "fork_big[3]").get("cow_copy", 9)
             <= 2),
            ("last-sharer-reuses",
             lambda o, f: f.get("cow_reuse", 0) >= 1)]),
        shell_job(),
        user_job("hello", build="build/llvm", checks=[
            ("output", has(r"^hello, world \(pid 1\)$"))]),
        user_job("demand_paging", build="build/llvm", ktap=True),
        user_job("segv_null", build="build/llvm", status=128 + 11),
    ] + tools_jobs()


# The verdicts every user program must give on real Linux i386 too
# (DESIGN.md): "exit=N" or "signal=N", and, for KTAP programs, every line ok.
# Linux refuses a 256 MiB bss on a 256 MiB machine (no overcommit of that),
# so the big ones run with more memory there.
PEER_RUNS = [
    ("256M", [("hello", "exit=0"), ("demand_paging", "exit=0"),
              ("segv_null", "signal=11"),
              # The memory tools read only what Linux's /proc has too
              # (tracefaults's switch is this kernel's own, so it is not
              # here); memdemo checks its own steps there as here.
              ("ls", "exit=0"), ("ps", "exit=0"), ("free", "exit=0"),
              ("pmap", "exit=0"), ("vmstat", "exit=0"),
              ("memdemo", "exit=0")]),
    ("512M", [("bigbss", "exit=0"), ("bigbss_all", "exit=0"),
              # exec_test and file_test use /bin/echo, fork_stress /bin/true.
              ("echo", "exit=0"), ("true", "exit=0"),
              ("fork_stress", "exit=0"), ("glibc_hello", "exit=0"),
              ("mmap_test", "exit=0"), ("mmap_file_test", "exit=0"),
              ("mprotect_test", "exit=0"), ("madvise_test", "exit=0"),
              ("mremap_test", "exit=0"), ("brk_test", "exit=0"),
              ("mm_fuzz", "exit=0"), ("maps_test", "exit=0"),
              ("fork_test", "exit=0"), ("exec_test", "exit=0"),
              ("file_test", "exit=0"), ("time_test", "exit=0"),
              ("fork_big", "exit=0"), ("proc_test", "exit=0"),
              # ulib_test runs /bin/true; so do isolation_test's execve
              # checks.
              ("ulib_test", "exit=0"), ("isolation_test", "exit=0"),
              ("edge_calls_test", "exit=0")]),
]
PEER_SKIPPED = []
# The RAM both kernels fuzz with: brk and mmap refuse more than all of it.
SYS_FUZZ_MEM = "256M"
SYS_FUZZ_SEED = re.compile(r"^# seed ([0-9a-f]{8}): (\d+) calls, "
                           r"hash ([0-9a-f]{8})\s*$")


def sys_fuzz_seeds(lines):
    """{seed: (calls, hash)} from user/tests/sys_fuzz.c's per-seed lines."""
    found = (SYS_FUZZ_SEED.match(l) for l in lines)
    return {m.group(1): (int(m.group(2)), m.group(3)) for m in found if m}


def sys_fuzz_job():
    """The fuzzer's fixed seeds on our kernel and on Linux: for each seed
    the same number of calls and the same hash of their outcomes."""
    def fn():
        if PEER_SKIPPED:
            return []
        code, lines, _, log = boot("peer_sys_fuzz_ours", mem=SYS_FUZZ_MEM,
                                   cmdline="init=/bin/sys_fuzz mmstat=1")
        job.log = log
        ours = sys_fuzz_seeds(strip(lines))
        status, out = run(["tools/peer/run.sh", "--mem", SYS_FUZZ_MEM,
                           "build/root/bin/sys_fuzz"], timeout=600)
        theirs = sys_fuzz_seeds(out.splitlines())
        results = [Result("peer/sys_fuzz/ours-ran", code == qemu_status(0)
                          and len(ours) == 8,
                          f"QEMU status {code}, {len(ours)} seeds")]
        results.append(Result("peer/sys_fuzz/linux-ran", status == 0 and
                              len(theirs) == 8 and
                              re.search(r"^peer: sys_fuzz exit=0$", out,
                                        re.M) is not None, out[-3000:]))
        for seed, got in sorted(ours.items()):
            want = theirs.get(seed)
            results.append(Result(
                f"peer/sys_fuzz/seed_{seed}", got == want,
                f"ours: {got[0]} calls, hash {got[1]}; Linux: "
                f"{'%d calls, hash %s' % want if want else 'no result'}\n"
                f"the first call that differs: python3 tools/soak.py "
                f"--diff {seed}"))
        return results
    job = Job("peer", "peer/sys_fuzz-vs-linux", fn)
    return job


def peer_jobs():
    def fetch():
        status, out = run(["tools/peer/run.sh", "--fetch-only"], timeout=900)
        if status == 3:  # no network or no such package: skip, and say so
            PEER_SKIPPED.append(out.strip().splitlines()[-1] if out.strip()
                                else "cannot fetch the Linux i386 kernel")
            return []
        return [Result("peer/fetch", status == 0, out[-2000:])]

    def compare(mem, progs):
        def fn():
            if PEER_SKIPPED:
                return []
            status, out = run(["tools/peer/run.sh", "--mem", mem] +
                              [f"build/root/bin/{p}" for p, _ in progs],
                              timeout=600)
            results = []
            for prog, want in progs:
                m = re.search(rf"^peer: {prog} (exit=\d+|signal=\d+)$", out,
                              re.M)
                got = m.group(1) if m else "no verdict"
                results.append(Result(f"peer/{prog}", got == want,
                                      f"Linux: {got}, expected {want}\n"
                                      f"{out[-3000:]}"))
            bad_ktap = [l for l in out.splitlines() if l.startswith("not ok")]
            results.append(Result(f"peer/ktap@{mem}", not bad_ktap,
                                  "\n".join(bad_ktap)))
            if status != 0:
                results.append(Result(f"peer/run@{mem}", False, out[-3000:]))
            return results
        return Job("peer", f"peer/linux@{mem}", fn)

    return [Job("peer", "peer/fetch", fetch)] + \
        [compare(mem, progs) for mem, progs in PEER_RUNS] + [sys_fuzz_job()]


def shell_job():
    """The shell driven through the serial console: type command lines, read
    the output and the prompts, interrupt a program with Ctrl-C, exit."""
    def fn():
        # Each command is typed once the previous one's output is there:
        # type-ahead is echoed while programs write, interleaving mid-line
        # as on any terminal. A tuple is typed piece by piece, a second
        # apart (Ctrl-C once sleep runs).
        code, lines, _, log = boot("shell", mem="64M", cmdline="mmstat=1",
                                   typing=[
            (r"Run /bin/init as init process", "echo one  two\n"),
            (r"^one two$", "hello\n"),
            (r"hello, world", "nosuch\n"),
            (r"not found$", "segv_null\n"),
            (r"^Segmentation fault$", "cat /bin/nonexist\n"),
            (r"No such file or directory$", ("sleep 30\n", "\x03")),
            (r"^Interrupt$", "false\nexit 7\n")])
        job.log = log
        out = strip(lines)
        return [Result("shell/exit-status-is-the-shells", code == qemu_status(7),
                       f"QEMU status {code}, expected {qemu_status(7)}")] + \
            expect_lines("shell", out, [
                ("prompt-and-echo", r"^\$ echo one  two$"),
                ("echo", r"^one two$"),
                # Output follows the "$ " prompt on the same line.
                ("runs-programs", r"^(\$ )?hello, world \(pid \d+\)$"),
                ("not-found", r"^(\$ )?sh: nosuch: not found$"),
                ("reports-sigsegv", r"^Segmentation fault$"),
                ("file-errors", r"^(\$ )?cat: /bin/nonexist: No such file "
                 r"or directory$"),
                ("ctrl-c-interrupts", r"\^C\n(.*\n)?Interrupt$"),
                ("init-exits-with-the-shell",
                 r"^init: init exited with status 7$"),
                ("no-frame-leaked", r"^mmstat: machine .* leaked=0$")])
    job = Job("qemu", "shell/session", fn)
    return job


# docs/guide.md: each console block marked "<!-- test: shell [mem=M] -->"
# or "<!-- test: boot [mem=M] [cmdline=...] -->" is run here, so that the
# guide shows what the kernel really prints (DESIGN.md: docs cannot rot).
GUIDE = "docs/guide.md"
GUIDE_BLOCK = re.compile(r"^<!-- test: (shell|boot|gdb)((?: \w+=\S+)*) -->\n"
                         r"```\w*\n(.*?)^```", re.M | re.S)
GDB = os.environ.get("GDB", "gdb")


def guide_blocks():
    with open(os.path.join(ROOT, GUIDE)) as f:
        text = f.read()
    for m in GUIDE_BLOCK.finditer(text):
        opts = dict(kv.split("=", 1) for kv in m.group(2).split())
        line = text[:m.start()].count("\n") + 1
        yield line, m.group(1), opts, m.group(3).splitlines()


def guide_shell(name, opts, want):
    """Type the block's "$ " lines at the shell; the transcript must be the
    block, line for line."""
    typing = [(PROMPT, line[2:] + "\n") for line in want
              if line.startswith("$ ")] + [(PROMPT, "exit 0\n")]
    code, lines, _, log = boot(name.replace("/", "_"), mem=opts.get("mem", "128M"),
                               cmdline=opts.get("cmdline", ""), typing=typing)
    out = strip(lines)
    start = next((i for i, l in enumerate(out) if l == want[0]), len(out))
    end = next((i for i, l in enumerate(out) if l.startswith("$ exit 0")),
               len(out))
    got = [l.rstrip() for l in out[start:end]]
    # numbers=loose: for output whose counts move with the size of the
    # initrd (a new program shifts the free blocks): the shape is compared.
    norm = ((lambda l: re.sub(r"\d+", "N", l.rstrip()))
            if opts.get("numbers") == "loose" else
            (lambda l: frames_normal(l.rstrip())))
    return [norm(l) for l in got] == [norm(l) for l in want], got, log


def guide_boot(name, opts, want):
    """Boot with the block's command line: its lines appear in order."""
    code, lines, _, log = boot(name.replace("/", "_"), mem=opts.get("mem", "128M"),
                               cmdline=opts.get("cmdline", "").replace(",", " "),
                               until=re.escape(want[-1].rstrip()) + r"\s*$")
    out = [l.rstrip() for l in strip(lines)]
    i = 0
    for l in out:
        if i < len(want) and frames_normal(l) == frames_normal(
                want[i].rstrip()):
            i += 1
    return i == len(want), out, log


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def guide_gdb(name, opts, want):
    """`make debug PROG=...` and the block's "(gdb) " commands, in batch:
    the transcript from the first command on must be the block. Under
    -icount, so that every run takes the same faults in the same order."""
    os.makedirs(LOGS, exist_ok=True)
    log = os.path.join(LOGS, name.replace("/", "_") + ".log")
    prog = opts["prog"]
    cmdline = opts.get("cmdline", "").replace(",", " ") + f" -- {prog}"
    port = free_port()
    qemu = subprocess.Popen(
        [QEMU, "-m", opts.get("mem", "128M"), "-display", "none",
         "-monitor", "none", "-serial", f"file:{log}.serial", "-no-reboot",
         "-net", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
         "-icount", "shift=0,sleep=off", "-S",
         "-gdb", f"tcp:127.0.0.1:{port}", "-kernel", "build/debug/kernel.elf",
         "-initrd", "build/debug/initrd.cpio", "-append", cmdline.strip()],
        cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # until the stub listens
            try:
                socket.create_connection(("127.0.0.1", port), 0.1).close()
                break
            except OSError:
                time.sleep(0.1)
        args = [GDB, "-q", "-nx", "-batch", "-ex", f"set $gdbport = {port}",
                "-ex", f'set $prog = "{prog}"', "-x", "tools/gdb/kernel.gdb"]
        for line in want:
            if line.startswith("(gdb) "):
                args += ["-ex", f"echo {line}\\n", "-ex", line[6:]]
        status, out = run(args + ["build/debug/kernel.elf"], timeout=120)
    finally:
        qemu.kill()
        qemu.wait()
    lines = [l.rstrip() for l in out.replace("\r", "").splitlines()]
    with open(log, "w") as f:
        f.write("\n".join(lines) + "\n")
    start = next((i for i, l in enumerate(lines) if l.startswith("(gdb) ")),
                 len(lines))
    got = lines[start:]
    while got and re.match(r"^\[Inferior \d+ .*\]$", got[-1]):
        got.pop()  # GDB's batch mode detaching: not part of a session
    return ([gdb_normal(l) for l in got] ==
            [gdb_normal(l.rstrip()) for l in want]), got, log


def frames_normal(line):
    """A line without frame numbers and physical addresses: which frame the
    buddy allocator hands out moves with every byte the initrd gains (it
    shares the DMA zone), and with the checkout path in the binaries' debug
    information (NASM records it). The decoded flags, VMAs, addresses and
    verdicts stay compared."""
    line = re.sub(r"\bpfn (0x)?[0-9a-f]+", "pfn N", line)
    line = re.sub(r"\bphys 0x[0-9a-f]+", "phys N", line)
    line = re.sub(r"= 0x[0-9a-f]{8}\b", "= 0x........", line)
    return re.sub(r"(mm->pgd|regs=) ?0x[0-9a-f]+", r"\1 N", line)


def gdb_normal(line):
    """A GDB line without what any kernel edit moves: kernel code and
    data addresses, source line numbers and the source text GDB echoes.
    What the guide teaches (PTEs, frames, VMAs, verdicts) stays compared."""
    line = frames_normal(line)
    line = re.sub(r"\b0xc0[0-9a-f]{6}\b", "0xc0......", line)
    line = re.sub(r"(, line |\.c:|\.asm:)\d+", r"\1N", line)
    return re.sub(r"^\d+\t.*", "N\tsource", line)


GUIDE_RUN = {"shell": guide_shell, "boot": guide_boot, "gdb": guide_gdb}


def update_guide():
    """Rewrite the shell and gdb blocks of the guide with what the kernel
    prints now (after a change that moves frames or pids: then read the
    diff, and the prose around it)."""
    path = os.path.join(ROOT, GUIDE)
    with open(path) as f:
        text = f.read()
    for line, kind, opts, want in reversed(list(guide_blocks())):
        if kind == "boot":
            continue
        ok, got, _ = GUIDE_RUN[kind](f"guide/line{line}-{kind}", opts, want)
        if ok:
            continue
        m = [m for m in GUIDE_BLOCK.finditer(text)
             if text[:m.start()].count("\n") + 1 == line][0]
        text = text[:m.start(3)] + "\n".join(got) + "\n" + text[m.end(3):]
        print(f"{GUIDE}:{line}: {kind} block updated")
    with open(path, "w") as f:
        f.write(text)


def guide_jobs():
    def job(line, kind, opts, want):
        name = f"guide/line{line}-{kind}"

        def fn():
            ok, got, job.log = GUIDE_RUN[kind](name, opts, want)
            diff = "\n".join(difflib.unified_diff(
                want, got, "docs/guide.md", "serial console", lineterm=""))
            return [Result(name, ok, diff[-3000:] + "\n(make guide "
                           "rewrites the shell and gdb blocks)")]
        job = Job("qemu", name, fn)
        return job
    return [job(*b) for b in guide_blocks()]


# --- the memory tools (docs/tools.md) ----------------------------------------

def lines_matching(out, pattern):
    """The match objects of the lines that match pattern, in order."""
    return [m for m in (re.search(pattern, l) for l in out) if m]


def free_rows(out):
    """free's rows: {"Mem": (total, used, free), "Low": ..., "High": ...}."""
    return {m.group(1): tuple(int(g) for g in m.group(2, 3, 4))
            for m in lines_matching(out, r"^(Mem|Low|High): +(\d+) +(\d+) "
                                    r"+(\d+)")}


def free_adds_up(out, fig):
    rows = free_rows(out)
    return (set(rows) == {"Mem", "Low", "High"} and
            all(t == u + f for t, u, f in rows.values()) and
            rows["Low"][0] + rows["High"][0] == rows["Mem"][0] and
            rows["Low"][2] + rows["High"][2] == rows["Mem"][2])


PMAP_LINE = r"^([0-9a-f]{8}) +(\d+)K ([-r][-w][-x][-s]-) (\S.*)$"


def pmap_sums(out, start=0):
    """From out[start:], one pmap listing: its lines [(addr, kB, mode,
    name)] up to its total line, and the total (None if none)."""
    lines = []
    for l in out[start:]:
        m = re.search(PMAP_LINE, l)
        if m:
            lines.append((int(m.group(1), 16), int(m.group(2)), m.group(3),
                          m.group(4)))
        m = re.search(r"^ total +(\d+)K$", l)
        if m:
            return lines, int(m.group(1))
    return lines, None


def pmap_adds_up(out, fig):
    lines, total = pmap_sums(out)
    return lines and total == sum(kb for _, kb, _, _ in lines)


VMSTAT_COUNTERS = ("pgfault", "pgmajfault", "zero_fill", "cow_copy",
                   "cow_reuse", "pgalloc_dma", "pgalloc_normal",
                   "pgalloc_high", "pgfree", "nr_free_pages")


def vmstat_values(out, start=0):
    """The first vmstat table in out[start:]: {counter: number}."""
    values = {}
    for l in out[start:]:
        m = re.search(r"^(\w+) +(-?\d+)  \S", l)
        if m and m.group(1) in VMSTAT_COUNTERS:
            values.setdefault(m.group(1), int(m.group(2)))
    return values


def memdemo_lazy(out, fig):
    """RSS does not move at mmap, then grows by exactly 4 kB per touch."""
    m = lines_matching(out, r"^mmap of 8 pages \(32 kB\) at [0-9a-f]{8}: "
                       r"VmRSS (\d+) kB \(\+0 kB\)$")
    touches = lines_matching(out, r"^touch page (\d+): +VmRSS (\d+) kB "
                             r"\(\+(\d+) kB\), (\d+) of 8 pages resident$")
    if len(m) != 1 or len(touches) != 8:
        return False
    rss = int(m[0].group(1))
    return all(int(t.group(1)) == i + 1 and
               int(t.group(2)) == rss + 4 * (i + 1) and
               t.group(3) == "4" and int(t.group(4)) == i + 1
               for i, t in enumerate(touches))


def memdemo_brk(out, fig):
    """The [heap] line ends at the break sbrk moved to; 8 pages faulted."""
    text = "\n".join(out)
    m = re.search(r"^sbrk\(\+32 kB\): +break ([0-9a-f]{8}) .*\n +maps: "
                  r"[0-9a-f]{8}-([0-9a-f]{8}) rw-p 00000000 00:00 0 +"
                  r"\[heap\]$", text, re.M)
    return (m and m.group(1) == m.group(2) and
            re.search(r"^ +VmData grew by 32 kB: the VMA\. Pages with a "
                      r"frame: 0 of 8\.$", text, re.M) and
            re.search(r"faulted in a zeroed frame: 8 of 8 pages have one",
                      text))


def memdemo_cow(out, fig):
    """The child sees the parent's frame, then its own copy; the parent's
    frame never changes, not even at its own write after the child."""
    def pfns(pattern):
        return [int(m.group(1), 16) for m in lines_matching(out, pattern)]
    parent = pfns(r"^parent: page [0-9a-f]{8} holds 'P', in frame pfn "
                  r"([0-9a-f]+)$")
    shared = pfns(r"^child:  the page holds 'P', in frame pfn ([0-9a-f]+): "
                  r"the parent's frame$")
    copy = pfns(r"^child:  the page is now in pfn ([0-9a-f]+): a copy of "
                r"its own$")
    after = pfns(r"^parent: in pfn ([0-9a-f]+): unchanged$")
    kept = pfns(r"^parent: in pfn ([0-9a-f]+): the same frame$")
    return (len(parent) == 1 and parent[0] != 0 and shared == parent and
            len(copy) == 1 and copy != parent and after == parent and
            kept == parent)


def memdemo_segv(error, address):
    """A child killed by SIGSEGV, the kernel's line for it with this error
    code at this address, and the parent's report of the same pid."""
    def check(out, fig):
        text = "\n".join(out)
        addr = address
        if addr is None:
            m = re.search(r"^child:  reads the PROT_READ page at ([0-9a-f]+)",
                          text, re.M)
            addr = m.group(1).lstrip("0") if m else "?"
        m = re.search(rf"^memdemo\[(\d+)\]: segfault at {addr} ip "
                      rf"[0-9a-f]{{8}} sp [0-9a-f]{{8}} error {error} in "
                      rf"memdemo\[", text, re.M)
        return m and re.search(
            rf"^parent: child {m.group(1)} was killed by signal 11 "
            rf"\(SIGSEGV\)$\n.*\n +ends in \"error {error}\"", text, re.M)
    return check


def ls_sorted(out, fig):
    names = [l for l in out if re.fullmatch(r"[A-Za-z0-9._+-]+", l)]
    return "bin" in names and "etc" in names and names == sorted(names)


def tools_jobs():
    """The tools that show memory at work, each as init (no arguments)."""
    return [
        # The library pieces they stand on (user/lib).
        user_job("ulib_test", ktap=True),
        user_job("memdemo", checks=[
            ("brk-heap-line-follows-the-break", memdemo_brk),
            ("lazy-rss-grows-4kB-per-touch", memdemo_lazy),
            ("lazy-zero-fill-counted",
             has(r"^ +The kernel counted 8 zero-fill faults")),
            ("cow-pfns-shared-then-copied", memdemo_cow),
            ("cow-counters", lambda o, f: has(
                r"^child:  cow_copy went up by 1$")(o, f) and has(
                r"^parent: cow_reuse went up by 1$")(o, f)),
            ("segv-unmapped-read-error-4", memdemo_segv(4, "10")),
            ("segv-read-only-write-error-7", memdemo_segv(7, None)),
            ("no-unexpected-result", lambda o, f: not any(
                "unexpected" in l for l in o))]),
        user_job("ps", checks=[
            ("header", has(r"^  PID  PPID STATE    RSS    VSZ COMMAND$")),
            ("itself-as-pid-1", lambda o, f: any(
                0 < int(m.group(1)) <= int(m.group(2))
                for m in lines_matching(o, r"^    1     0 R +(\d+) +(\d+) "
                                        r"ps$")))]),
        user_job("free", mem="1G", checks=[
            ("used-plus-free-is-total", free_adds_up),
            ("has-highmem", lambda o, f: free_rows(o).get(
                "High", (0,))[0] > 0)]),
        user_job("pmap", checks=[
            ("header", has(r"^1:   pmap$")),
            ("text-and-stack", lambda o, f: has(r" r-x-- pmap$")(o, f) and
             has(r" rw--- \[ stack \]$")(o, f)),
            ("total-is-the-sum", pmap_adds_up)]),
        user_job("vmstat", checks=[
            ("every-counter", lambda o, f: set(vmstat_values(o)) ==
             set(VMSTAT_COUNTERS)),
            ("faults-counted", lambda o, f: vmstat_values(o).get(
                "pgfault", 0) >= vmstat_values(o).get("zero_fill", 1) > 0)]),
        user_job("ls", checks=[("root-sorted", ls_sorted)]),
        tools_shell_job(),
    ]


def tools_shell_job():
    """The tools at the shell's prompt, where they see other processes. Each
    command is typed once the last line of the one before is there (cat
    ends with /etc/motd for that); a tuple is typed a second apart, for
    commands that print nothing."""
    motd = r"^vmkern: a teaching kernel"

    def fn():
        code, lines, _, log = boot("shell-tools", mem="1G",
                                   cmdline="mmstat=1", typing=[
            (r"Run /bin/init as init process", "ls /bin /etc\n"),
            (r"^motd$", "ls -l /bin/hello\n"),
            (r"\d+ -r.x.* /bin/hello$", "ps\n"),
            (r" R +\d+ +\d+ ps$", "free\n"),
            (r"^High:", "cat /proc/meminfo /etc/motd\n"),
            (motd, "pmap 1\n"),
            (r"^ total ", "cat /proc/1/maps /etc/motd\n"),
            (motd, "pmap -x self\n"),
            (r"^total kB", "vmstat\n"),
            (r"^nr_free_pages ", "vmstat memdemo lazy\n"),
            (r"^nr_free_pages ", "tracefaults hello\n"),
            (r"hello, world", "hello\n"),
            (r"hello, world", ("tracefaults on\n", "hello\n")),
            (r"hello, world", ("tracefaults off\n", "hello\n")),
            (r"hello, world", "tracefaults nosuch\n"),
            (r"tracefaults: nosuch: ", "ls /nonexist\n"),
            (r"ls: /nonexist: ", "pmap 9999\n"),
            (r"pmap: /proc/9999/", "pmap -q\n"),
            (r"usage: pmap", "memdemo nosuch\n"),
            (r"usage: memdemo", "exit 3\n")])
        job.log = log
        out = strip(lines)
        # Output follows the "$ " prompt on the same line.
        out = [re.sub(r"^(\$ )+", "", l) for l in out]
        return [Result("shell/tools/exit", code == qemu_status(3),
                       f"QEMU status {code}, expected {qemu_status(3)}")] + \
            [Result(f"shell/tools/{label}", bool(check(out)),
                    "see the serial log")
             for label, check in tools_session_checks()]
    job = Job("qemu", "shell/tools", fn)
    return job


def after(out, pattern):
    """The index of the line after the first that matches (the echo of a
    command, say), or len(out)."""
    for i, l in enumerate(out):
        if re.search(pattern, l):
            return i + 1
    return len(out)


def ps_lists_sh_and_itself(out):
    rows = {m.group(5): (int(m.group(1)), int(m.group(2)), m.group(3))
            for m in lines_matching(out, r"^ +(\d+) +(\d+) ([RSZ]) +(\d+) "
                                    r"+\d+ (\w+)$")}
    return ("init" in rows and "sh" in rows and "ps" in rows and
            rows["init"][:2] == (1, 0) and rows["sh"][1] == 1 and
            rows["ps"][1] == rows["sh"][0] and rows["ps"][2] == "R")


def free_matches_meminfo(out):
    rows = free_rows(out)
    info = {m.group(1): int(m.group(2))
            for m in lines_matching(out, r"^(\w+): +(\d+) kB$")}
    return (free_adds_up(out, None) and
            rows["Mem"][0] == info.get("MemTotal") and
            rows["Low"][0] == info.get("LowTotal") and
            rows["High"][0] == info.get("HighTotal"))


def pmap_matches_maps(out):
    """pmap 1 against cat /proc/1/maps: the same VMAs, sizes, total."""
    lines, total = pmap_sums(out, after(out, r"^pmap 1$"))
    maps = [(int(m.group(1), 16), (int(m.group(2), 16) -
                                   int(m.group(1), 16)) // 1024)
            for m in lines_matching(out[after(out, r"^cat /proc/1/maps"):],
                                    r"^([0-9a-f]{8})-([0-9a-f]{8}) ")]
    return (lines and [(a, kb) for a, kb, _, _ in lines] == maps and
            total == sum(kb for _, kb in maps))


def pmap_x_adds_up(out):
    rows = lines_matching(out, r"^[0-9a-f]{8} +(\d+) +(\d+) +(\d+) +(\d+) "
                          r"[-r][-w][-x][-s]- ")
    total = lines_matching(out, r"^total kB +(\d+) +(\d+) +(\d+) +(\d+)$")
    sums = [sum(int(r.group(i)) for r in rows) for i in (1, 2, 3, 4)]
    return (rows and len(total) == 1 and
            sums == [int(g) for g in total[0].groups()] and
            all(int(r.group(2)) <= int(r.group(1)) for r in rows) and
            sums[1] > 0 and sums[2] > 0)


def vmstat_cost(out):
    """vmstat memdemo lazy: at least its 8 lazy pages, as zero-fills."""
    i = after(out, r"^vmstat: memdemo exited with status 0; it cost:$")
    d = vmstat_values(out, i)
    return (i < len(out) and set(d) == set(VMSTAT_COUNTERS) and
            d["zero_fill"] >= 8 and d["pgfault"] >= d["zero_fill"] and
            d["pgalloc_normal"] + d["pgalloc_high"] + d["pgalloc_dma"] >= 8
            and d["pgfree"] >= 8)


def hello_pids(out):
    return [int(m.group(1)) for m in
            lines_matching(out, r"hello, world \(pid (\d+)\)$")]


def traced(out, pid):
    """The fault lines of hello[pid]; zero-fills name their frame."""
    return lines_matching(out, rf"^fault: hello\[{pid}\] addr [0-9a-f]{{8}} "
                          rf"ip [0-9a-f]{{8}} error \d .* -> (.*)$")


def trace_on_off(out):
    """hello under `tracefaults CMD`, then alone, then between `tracefaults
    on` and `off`, then alone: only the traced runs have fault lines."""
    pids = hello_pids(out)
    if len(pids) != 4:
        return False
    on = [traced(out, pids[0]), traced(out, pids[2])]
    off = [traced(out, pids[1]), traced(out, pids[3])]
    return (all(on) and not any(off) and
            all(any(re.fullmatch(r"zero-fill pfn [0-9a-f]+", m.group(1))
                    for m in t) for t in on))


def ls_two_dirs(out):
    """ls /bin /etc: a header per directory, /bin's names sorted, all the
    tools among them, a blank line, then /etc's one file."""
    i = after(out, r"^ls /bin /etc$")
    if out[i:i + 1] != ["/bin:"]:
        return False
    names = []
    for line in out[i + 1:]:
        if not line:
            break
        names.append(line)
    rest = out[i + 2 + len(names):i + 4 + len(names)]
    tools = {"ls", "ps", "free", "pmap", "vmstat", "memdemo", "tracefaults"}
    return (names == sorted(names) and tools <= set(names) and
            rest == ["/etc:", "motd"])


def trace_only_the_command(out):
    """tracefaults hello: between the command line and hello's output, the
    fault lines are all hello's (the search for the program came first,
    the vfork child took no fault)."""
    i = after(out, r"^tracefaults hello$")
    pids = hello_pids(out)
    if not pids:
        return False
    lines = []
    for l in out[i:]:
        if re.search(r"hello, world", l):
            break
        lines.append(l)
    return lines and all(re.match(rf"^fault: hello\[{pids[0]}\] ", l)
                         for l in lines)


def tools_session_checks():
    return [
        ("ls-two-dirs", ls_two_dirs),
        ("ls-l", lambda o: lines_matching(
            o, r"^ +\d+ -rwxr-xr-x +\d+ /bin/hello$")),
        ("ps-lists-sh-and-itself", ps_lists_sh_and_itself),
        ("free-total-is-memtotal", free_matches_meminfo),
        ("pmap-matches-maps", pmap_matches_maps),
        ("pmap-x-adds-up", pmap_x_adds_up),
        ("vmstat-table", lambda o: set(vmstat_values(o)) ==
         set(VMSTAT_COUNTERS)),
        ("vmstat-command-cost", vmstat_cost),
        ("tracefaults-on-and-off", trace_on_off),
        ("tracefaults-traces-only-the-command", trace_only_the_command),
        ("tracefaults-unknown-command", lambda o: lines_matching(
            o, r"^tracefaults: nosuch: No such file or directory$")),
        ("ls-error", lambda o: lines_matching(
            o, r"^ls: /nonexist: No such file or directory$")),
        ("pmap-error", lambda o: lines_matching(
            o, r"^pmap: /proc/9999/status: No such file or directory$")),
        ("pmap-usage", lambda o: lines_matching(
            o, r"^usage: pmap \[-x\] \[PID\|self\]$")),
        ("memdemo-usage", lambda o: lines_matching(
            o, r"^usage: memdemo \[brk\|lazy\|cow\|segv\|all\]$")),
        ("no-frame-leaked", lambda o: lines_matching(
            o, r"^mmstat: machine .* leaked=0$")),
    ]


def lint_jobs():
    def step(what):
        def fn():
            status, out = run(["tools/lint.sh", what], timeout=600)
            return [Result(f"lint/{what}", status == 0, out[-4000:])]
        return Job("lint", f"lint/{what}", fn)
    return [step("format"), step("cppcheck"), step("tidy")]


# TAP checks that said "# SKIP reason" (not counted as passed): name, reason.
TAP_SKIPPED = []


def gdb_jobs():
    """The two scripted GDB sessions of tools/gdb-session.sh: the boot, and
    make debug PROG=/bin/gdb_target with every helper of tools/gdb/ checked
    (it finds the programs in build/debug/root)."""
    def fn():
        status, out = run(["tools/gdb-session.sh", "build/debug/kernel.elf",
                           "build/debug/initrd.cpio"], timeout=120)
        results = []
        prefix = "gdb/session"
        for r in parse_tap(prefix, out):
            what = re.escape(r.name[len(prefix) + 1:])
            skip = re.search(rf"^ok \d+ - {what} # SKIP (.*)$", out, re.M)
            if skip:
                TAP_SKIPPED.append((r.name, skip.group(1)))
            else:
                results.append(r)
        if status != 0 or not results:
            results.append(Result("gdb/session/exit", False, out[-4000:]))
        return results
    return [Job("gdb", "gdb/session", fn)]


# --- the runner -------------------------------------------------------------

def timed(fn):
    t = time.monotonic()
    results = fn()
    return results, time.monotonic() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filter", help="only jobs whose name matches this glob "
                    "or contains this text")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2,
                    help="QEMU boots at once")
    ap.add_argument("--update-guide", action="store_true",
                    help="build, then rewrite docs/guide.md's shell and gdb "
                    "blocks with what the kernel prints now (make guide)")
    args = ap.parse_args()
    if args.update_guide:
        for job in build_jobs():
            if not all(r.ok for r in job.fn()):
                sys.exit(f"{job.name} failed")
        update_guide()
        return

    layers = [("host", host_jobs()), ("fuzz", fuzz_jobs()),
              ("build", build_jobs()),
              ("qemu", qemu_jobs() + user_jobs() + guide_jobs()),
              ("peer", peer_jobs()),
              ("lint", lint_jobs()), ("gdb", gdb_jobs())]
    if args.filter:
        pat = args.filter
        keep = lambda j: fnmatch.fnmatch(j.name, pat) or pat in j.name
        # Builds always run: the other layers need their output.
        layers = [(n, [j for j in js if n == "build" or keep(j)])
                  for n, js in layers]
    total_jobs = sum(len(js) for _, js in layers)
    done, passed, failed = 0, 0, 0
    times = []
    for layer, jobs in layers:
        if not jobs:
            continue
        t_layer = time.monotonic()
        # Boots, and fuzz targets (one core each), run side by side.
        workers = args.jobs if layer in ("qemu", "fuzz") else 1
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            futures = {pool.submit(timed, j.fn): j for j in jobs}
            for fut in concurrent.futures.as_completed(futures):
                j = futures[fut]
                try:
                    results, secs = fut.result()
                except Exception as e:  # a bug in the runner is a failure too
                    results, secs = [Result(j.name, False,
                                            f"runner error: {e!r}")], 0.0
                done += 1
                bad = [r for r in results if not r.ok]
                passed += len(results) - len(bad)
                failed += len(bad)
                n = f"{len(results)} tests, " if len(results) > 1 else ""
                note = f", {j.note}" if j.note else ""
                print(f"[{done}/{total_jobs}] {j.name} ... "
                      f"{'FAILED' if bad else 'ok'} ({n}{secs:.1f} s{note})",
                      flush=True)
                for r in bad:
                    print(f"    not ok: {r.name}")
                    for line in r.why.strip().splitlines()[-LOG_TAIL:]:
                        print(f"      {line}")
                if bad and j.log:
                    print(f"    serial log {os.path.relpath(j.log, ROOT)}, "
                          f"last {LOG_TAIL} lines:")
                    with open(j.log, errors="replace") as f:
                        for line in f.read().splitlines()[-LOG_TAIL:]:
                            print(f"      | {line}")
                sys.stdout.flush()
        times.append((layer, len(jobs), time.monotonic() - t_layer))
    print()
    for layer, n, secs in times:
        print(f"layer {layer:6s} {n:3d} jobs {secs:7.1f} s")
    for why in PEER_SKIPPED:
        print(f"peer layer skipped: {why}")
    for name, why in TAP_SKIPPED:
        print(f"skipped: {name}: {why}")
    skipped = sum(len(p) for _, p in PEER_RUNS) if PEER_SKIPPED else 0
    skipped += len(TAP_SKIPPED)
    print(f"{passed} passed, {failed} failed" +
          (f", {skipped} skipped" if skipped else ""))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
