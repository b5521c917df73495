#!/usr/bin/env python3
"""tools/fuzz.py - run the libFuzzer targets of tests/fuzz/ (`make fuzz`).

usage: tools/fuzz.py [--seconds N] [--seed S] [--fresh] [-j N] NAME...

Each target build/fuzz/fuzz_NAME (built by `make fuzz-targets`) runs for N
seconds over its seed corpus tests/fuzz/corpus/NAME/ and its working corpus
build/fuzz/NAME/corpus/, where the inputs that reach new code are kept: the
next run starts from what the earlier ones found. --fresh empties the working
corpus first, so that a run with a fixed --seed starts from the seeds alone
(the test suite's runs). libFuzzer's output goes to build/fuzz/NAME/fuzz.log.

One line per target, with what libFuzzer reports at the end:

  fuzz buddy: ok, 41230 executions in 25 s, cov 77 ft 391, corpus 140 (seed 1)

or, when the target crashed (a model disagreed, a sanitizer or a kernel
BUG fired, an input leaked or hung), FAILED with the input that did it, kept
in build/fuzz/NAME/, the command that runs it again, and the report. Exit
status 1 if any target failed.
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# An input that runs this long is a hang (libFuzzer's -timeout, seconds).
INPUT_TIMEOUT = 10
REPORT_LINES = 30
# libFuzzer's and libc's own stack frames, its notes and statistics, and the
# input's bytes (the file has them).
REPORT_NOISE = re.compile(r"in fuzzer::|in __sanitizer_print_stack_trace|"
                          r" (nptl|stdlib|csu|signal)/|\(/lib/|in _start |"
                          r"in main \(|rudimentary signal|Combine libFuzzer|"
                          r"^0x[0-9a-f]+,|^\\|^MS: |^Base64: |^stat::|"
                          r"^artifact_prefix=")
REPORT_START = re.compile(r"^console:|^model: |^Kernel panic|runtime error:|"
                          r"==\d+== ?ERROR: |^ALARM: ")


def last(pattern, text, default=None):
    found = re.findall(pattern, text, re.M)
    return found[-1] if found else default


def summarize(name, status, log, seconds):
    """One line (and, on failure, the report) from libFuzzer's output."""
    runs = last(r"^stat::number_of_executed_units:\s*(\d+)", log, "0")
    cov = last(r"\bcov: (\d+) ft: (\d+)", log, ("?", "?"))
    corpus = last(r"\bcorp: (\d+)/", log, "?")
    seed = last(r"^INFO: Seed: (\d+)", log, "?")
    artifact = last(r"Test unit written to (\S+)", log)
    if status == 0 and not artifact:
        return True, (f"fuzz {name}: ok, {runs} executions in {seconds} s, "
                      f"cov {cov[0]} ft {cov[1]}, corpus {corpus} "
                      f"(seed {seed})")
    lines = [f"fuzz {name}: FAILED after {runs} executions (seed {seed}, "
             f"exit status {status}): "
             + (artifact or "no reproducer written")]
    if artifact:
        lines.append(f"    reproduce: build/fuzz/fuzz_{name} {artifact}")
    # The report, from its first line: what the model, the kernel code or a
    # sanitizer said, then the stack. And its summary, wherever it is.
    report = [re.sub(r" \(BuildId: \w+\)", "", l)
              for l in log.splitlines() if not REPORT_NOISE.search(l)]
    start = next((i for i, l in enumerate(report) if REPORT_START.search(l)),
                 max(0, len(report) - REPORT_LINES))
    shown = report[start:start + REPORT_LINES]
    shown += [l for l in report[start + REPORT_LINES:]
              if l.startswith("SUMMARY:")]
    lines += ["    | " + l for l in shown]
    return False, "\n".join(lines)


def fuzz(name, seconds, seed, fresh):
    binary = os.path.join(ROOT, "build", "fuzz", f"fuzz_{name}")
    out = os.path.join(ROOT, "build", "fuzz", name)
    corpus = os.path.join(out, "corpus")
    seeds = os.path.join(ROOT, "tests", "fuzz", "corpus", name)
    if not os.path.exists(binary):
        return False, f"fuzz {name}: FAILED: no {binary} (make fuzz-targets)"
    if fresh:
        shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus, exist_ok=True)
    # New inputs go to the first corpus directory: the working one, never
    # the committed seeds.
    cmd = [binary, corpus, seeds, f"-max_total_time={seconds}",
           f"-timeout={INPUT_TIMEOUT}", "-print_final_stats=1",
           f"-artifact_prefix={os.path.relpath(out, ROOT)}/"]
    if seed is not None:
        cmd.append(f"-seed={seed}")
    env = dict(os.environ, UBSAN_OPTIONS="print_stacktrace=1")
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                           env=env, text=True, errors="replace",
                           timeout=seconds + 120)
        status, log = p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        status = "timeout"
        log = (e.stdout.decode(errors="replace") if e.stdout else "") + \
            f"\nfuzz.py: still running after {seconds + 120} s, stopped\n"
    with open(os.path.join(out, "fuzz.log"), "w") as f:
        f.write("# " + " ".join(cmd) + "\n" + log)
    return summarize(name, status, log, seconds)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="+", metavar="NAME",
                    help="targets: build/fuzz/fuzz_NAME")
    ap.add_argument("--seconds", type=int, default=60,
                    help="how long each target runs (default 60)")
    ap.add_argument("--seed", type=int,
                    help="libFuzzer's -seed (default: a new one each run)")
    ap.add_argument("--fresh", action="store_true",
                    help="start from the seed corpus alone")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="targets at once (each uses one core)")
    args = ap.parse_args()

    ok = True
    workers = max(1, min(args.jobs, len(args.names)))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        runs = [pool.submit(fuzz, n, args.seconds, args.seed, args.fresh)
                for n in args.names]
        for run in concurrent.futures.as_completed(runs):
            good, text = run.result()
            ok = ok and good
            print(text, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
