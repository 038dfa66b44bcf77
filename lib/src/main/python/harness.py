"""Runs tinyreason's notebooks headless, grades learners' notebooks, and tests the course end to end.

Called by ./tinyreason (never directly by learners):

    harness.py test    --root ROOT                       JUnit (mvn verify) + notebooks + a notebook in
                                                         1 GB + grader + browser
    harness.py grade   --root ROOT PATH... [--out F]     score learners' notebooks into a CSV
    harness.py execute --root ROOT NOTEBOOK...           run notebooks in place, keeping their outputs

Python only hosts Jupyter here; everything the course teaches lives in the Java library.
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

DEFAULT_BUDGET_S = 300
DEFAULT_MEMORY_MB = 1800   # Binder gives a session 1-2 GB; a kernel past that is killed silently
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
EXERCISE_REF = re.compile(r"Exercise\.([A-Z][A-Z0-9_]*)")


def log(msg: str) -> None:
    print(f"[tinyreason] {msg}", flush=True)


@contextmanager
def environment(name: str, value: str | None):
    """Sets the environment variable `name` to `value` inside the block and restores it after;
    None leaves it as it is."""
    old = os.environ.get(name)
    if value is not None:
        os.environ[name] = value
    try:
        yield
    finally:
        if value is not None:
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


# ---------------------------------------------------------------------------------------------
# Executing one notebook
# ---------------------------------------------------------------------------------------------

@dataclass
class Run:
    """What happened when one notebook was executed."""
    path: Path
    budget: int = DEFAULT_BUDGET_S    # seconds, from the notebook's metadata
    seconds: float = 0.0
    error: str | None = None          # None when the notebook ran to its end
    failed_cells: int = 0             # cells that raised (only with allow_errors)
    grades: list[dict] = field(default_factory=list)   # Grader.check reports, in order
    peak_rss_mb: float = 0.0          # the kernel's peak resident memory, children included
    memory_budget: int = DEFAULT_MEMORY_MB


def budget_of(nb) -> int:
    """A notebook's time budget in seconds: metadata tinyreason.budget_seconds, default 300."""
    return int(nb.metadata.get("tinyreason", {}).get("budget_seconds", DEFAULT_BUDGET_S))


def memory_budget_of(nb) -> int:
    """A notebook's memory budget in MB: metadata tinyreason.memory_budget_mb, default 1800."""
    return int(nb.metadata.get("tinyreason", {}).get("memory_budget_mb", DEFAULT_MEMORY_MB))


def rss_mb(pid: int) -> float:
    """Resident memory of process `pid` and all its descendants, in MB (from /proc; 0 if gone)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])  # kB
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total / 1024


class PeakMemory:
    """Samples the kernel's resident memory twice a second while a notebook runs."""

    def __init__(self, client: NotebookClient):
        import threading
        self.client = client
        self.peak = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _pid(self):
        km = getattr(self.client, "km", None)
        provisioner = getattr(km, "provisioner", None) if km is not None else None
        return getattr(provisioner, "pid", None) if provisioner is not None else None

    def _watch(self):
        while not self.stop.wait(0.5):
            pid = self._pid()
            if pid:
                self.peak = max(self.peak, rss_mb(pid))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        pid = self._pid()
        if pid:
            self.peak = max(self.peak, rss_mb(pid))
        self.stop.set()
        self.thread.join()


def describe_failure(nb, exc: Exception) -> str:
    """The failing cell's source and the kernel's own error text (JJava's traceback alone says
    nothing useful: the javac message or exception text is in the cell's error output)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        lines = [f"cell {index} failed. Its source:", _indent(cell.source), "The kernel said:"]
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                lines.append(_indent(out.get("text", "")))
        for e in errors:
            lines.append(_indent(f"{e.get('ename', '')}: {e.get('evalue', '')}"))
            lines.append(_indent(ANSI.sub("", "\n".join(e.get("traceback", [])))))
        return "\n".join(lines)
    return f"{type(exc).__name__}: {ANSI.sub('', str(exc)).strip()[:2000]}"


def _indent(text: str) -> str:
    return "\n".join("    | " + line for line in text.rstrip().splitlines())


def execute(path: Path, *, allow_errors: bool = False, save_to: Path | None = None,
            grade_log: Path | None = None, kernel: str = "java") -> Run:
    """Executes the notebook at `path` in a fresh kernel with its folder as working directory."""
    nb = nbformat.read(path, as_version=4)
    budget = budget_of(nb)
    run = Run(path, budget)
    start = time.monotonic()

    def remaining(_cell) -> int:
        return max(1, int(budget - (time.monotonic() - start)))

    client = NotebookClient(nb, kernel_name=kernel, timeout_func=remaining,
                            allow_errors=allow_errors, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    if grade_log is not None:
        grade_log.unlink(missing_ok=True)
    memory = PeakMemory(client)
    with environment("TINYREASON_GRADE_LOG", None if grade_log is None else str(grade_log)):
        try:
            with memory:
                client.execute()
        except CellTimeoutError as exc:
            run.error = (f"over its time budget of {budget} s (metadata tinyreason.budget_seconds).\n"
                         + describe_failure(nb, exc))
        except DeadKernelError as exc:
            run.error = f"the kernel died: {exc}"
        except CellExecutionError as exc:
            run.error = describe_failure(nb, exc)
        except Exception as exc:  # a kernel that cannot start, a broken notebook file, ...
            run.error = f"{type(exc).__name__}: {exc}"
    run.seconds = time.monotonic() - start
    run.peak_rss_mb = memory.peak
    run.memory_budget = memory_budget_of(nb)
    run.failed_cells = sum(1 for c in nb.cells if c.cell_type == "code" and any(
        o.get("output_type") == "error" for o in c.get("outputs", [])))
    if run.error is None and run.seconds > budget:
        run.error = f"took {run.seconds:.0f} s, over its budget of {budget} s"
    if run.error is None and run.peak_rss_mb > run.memory_budget:
        run.error = (f"its kernel peaked at {run.peak_rss_mb:.0f} MB resident, over its memory budget "
                     f"of {run.memory_budget} MB (metadata tinyreason.memory_budget_mb): on Binder it "
                     f"would be killed")
    if grade_log is not None and grade_log.exists():
        run.grades = [json.loads(line) for line in grade_log.read_text().splitlines() if line.strip()]
    if save_to is not None:
        coalesce_streams(nb)
        record = nb.metadata.setdefault("tinyreason", {})
        record["budget_seconds"] = budget
        record["wall_seconds"] = round(run.seconds)
        record["peak_rss_mb"] = round(run.peak_rss_mb)
        nbformat.write(nb, save_to)
    return run


def coalesce_streams(nb) -> None:
    """Joins each cell's consecutive stdout (or stderr) pieces into one output, as JupyterLab
    shows them: text streamed token by token would otherwise be saved as hundreds of outputs,
    which GitHub renders one per line."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for out in cell.get("outputs", []):
            last = merged[-1] if merged else None
            if (last is not None and out.get("output_type") == "stream"
                    and last.get("output_type") == "stream" and last.get("name") == out.get("name")):
                last["text"] = last["text"] + out["text"]
            else:
                merged.append(out)
        cell["outputs"] = merged


# ---------------------------------------------------------------------------------------------
# Exercises: which a notebook poses, and how it scored
# ---------------------------------------------------------------------------------------------

def exercise_catalog(root: Path) -> list[dict]:
    """[{exercise, notebook, tests}] from the Java library (one source of truth)."""
    out = subprocess.run([str(root / "tinyreason"), "exercises"], capture_output=True, text=True,
                         check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def posed_exercises(path: Path, catalog: list[dict]) -> list[dict]:
    """Exercises a notebook file poses: by its name (00_welcome*.ipynb poses 00_welcome's) and by
    the Exercise.X references in its cells."""
    stem = path.stem
    named = set()
    try:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                named.update(EXERCISE_REF.findall(cell.source))
    except Exception:
        pass
    return [e for e in catalog if stem.startswith(e["notebook"]) or e["exercise"] in named]


def scores(posed: list[dict], grades: list[dict]) -> list[dict]:
    """One row per posed exercise; the last Grader.check of each wins; unreached ones score 0."""
    last = {g["exercise"]: g for g in grades}
    rows = []
    for e in posed:
        g = last.get(e["exercise"])
        rows.append({"exercise": e["exercise"], "passed": g["passed"] if g else 0,
                     "total": g["total"] if g else e["tests"], "reached": g is not None})
    return rows


# ---------------------------------------------------------------------------------------------
# grade: learners' notebooks -> CSV
# ---------------------------------------------------------------------------------------------

def collect_submissions(paths: list[str]) -> list[tuple[str, Path]]:
    """(learner, notebook) pairs: a folder is one learner (its name) with every .ipynb inside;
    a single file belongs to the learner named by its parent folder."""
    found = []
    for p in map(Path, paths):
        if p.is_dir():
            for nb in sorted(p.rglob("*.ipynb")):
                if ".ipynb_checkpoints" not in nb.parts:
                    found.append((p.resolve().name, nb))
        elif p.suffix == ".ipynb" and p.is_file():
            found.append((p.resolve().parent.name, p))
        else:
            raise SystemExit(f"[tinyreason] error: {p} is neither a folder nor an .ipynb file. "
                             "Fix: pass a folder per learner, or notebook files.")
    if not found:
        raise SystemExit("[tinyreason] error: no .ipynb files found under " + ", ".join(paths))
    return found


def grade(root: Path, paths: list[str], out_csv: Path) -> list[dict]:
    catalog = exercise_catalog(root)
    rows = []
    with tempfile.TemporaryDirectory(prefix="tinyreason-grade-") as tmp:
        for i, (learner, original) in enumerate(collect_submissions(paths)):
            # Execute a copy, beside the course notebooks so relative paths resolve the same way.
            work = Path(tmp) / f"{i:03d}" / original.name
            work.parent.mkdir(parents=True)
            shutil.copy2(original, work)
            posed = posed_exercises(original, catalog)
            run = execute(work, allow_errors=True, grade_log=work.with_suffix(".grades.jsonl"))
            if run.error is not None:
                status = "crashed: " + run.error.splitlines()[0]
            elif run.failed_cells:
                status = f"ran to the end; {run.failed_cells} cell(s) raised an error"
            else:
                status = "ok"
            for s in scores(posed, run.grades):
                rows.append({"learner": learner, "notebook": original.name, **s,
                             "seconds": round(run.seconds, 1), "status": status})
            if not posed:
                rows.append({"learner": learner, "notebook": original.name, "exercise": "",
                             "passed": 0, "total": 0, "reached": False,
                             "seconds": round(run.seconds, 1), "status": status})
    out_csv.parent.mkdir(parents=True, exist_ok=True)
    with out_csv.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["learner", "notebook", "exercise", "passed", "total",
                                          "reached", "seconds", "status"])
        w.writeheader()
        w.writerows(rows)
    print_table(rows)
    log(f"wrote {out_csv}")
    return rows


def print_table(rows: list[dict]) -> None:
    head = ("learner", "notebook", "exercise", "score", "status")
    body = [(r["learner"], r["notebook"], r["exercise"] or "-", f'{r["passed"]}/{r["total"]}',
             r["status"] if r["reached"] or r["status"] != "ok" else "not reached") for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    for line in [head, tuple("-" * w for w in widths), *body]:
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip())


# ---------------------------------------------------------------------------------------------
# test: JUnit + notebooks + grader + browser, one closing line
# ---------------------------------------------------------------------------------------------

@dataclass
class Tally:
    passed: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)

    def record(self, name: str, ok: bool, detail: str = "") -> None:
        if ok:
            self.passed += 1
            log(f"PASS {name}")
        else:
            self.failed += 1
            self.failures.append(name)
            log(f"FAIL {name}" + (f"\n{detail}" if detail else ""))


def junit(root: Path, tally: Tally) -> None:
    """mvn verify, then count test cases from the Surefire reports (each one is a test)."""
    reports = root / "lib" / "target" / "surefire-reports"
    shutil.rmtree(reports, ignore_errors=True)
    log("running the JUnit suite (mvn verify)")
    code = subprocess.run(["mvn", "-q", "-B", "-Dstyle.color=never", "verify"],
                          cwd=root).returncode
    counted = 0
    skipped = []
    for xml in sorted(glob.glob(str(reports / "TEST-*.xml"))):
        for case in ET.parse(xml).getroot().iter("testcase"):
            counted += 1
            bad = case.find("failure") is not None or case.find("error") is not None
            if case.find("skipped") is not None:
                why = case.find("skipped").get("message") or "no reason given"
                skipped.append(f"{case.get('classname')}.{case.get('name')} ({why})")
                continue
            if bad:
                tally.failed += 1
                tally.failures.append(f"junit {case.get('classname')}.{case.get('name')}")
            else:
                tally.passed += 1
    if code != 0 and not tally.failures:
        tally.record("mvn verify (build failed before or outside the tests)", False)
    for name in skipped:
        log(f"SKIPPED junit {name}")
    log(f"JUnit: {counted} test cases ({len(skipped)} skipped), mvn exit code {code}")


def test_notebooks(root: Path, tally: Tally, catalog: list[dict]) -> None:
    out_dir = root / "lib" / "target" / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    total = 0.0
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        log(f"executing notebooks/{path.name} ...")
        grades_file = out_dir / (path.stem + ".grades.jsonl")
        run = execute(path, save_to=out_dir / path.name, grade_log=grades_file)
        total += run.seconds
        detail = run.error or ""
        # The shipped starter code must fail every test of every exercise the notebook poses.
        if run.error is None:
            for s in scores(posed_exercises(path, catalog), run.grades):
                if not s["reached"]:
                    detail += f"\n    exercise {s['exercise']} was never graded in the notebook"
                elif s["passed"] != 0:
                    detail += (f"\n    exercise {s['exercise']}: the shipped stub passes "
                               f"{s['passed']}/{s['total']} tests; a stub must fail them all")
        log(f"notebooks/{path.name}: {run.seconds:.1f} s (budget {run.budget} s), "
            f"peak {run.peak_rss_mb:.0f} MB resident (budget {run.memory_budget} MB)")
        tally.record(f"notebook {path.name}", not detail.strip(), detail.strip("\n"))
    log(f"notebooks: {total:.1f} s in all")


def test_solutions(root: Path, tally: Tally) -> None:
    """./tinyreason grade on the solutions notebooks must give every exercise full marks."""
    solutions = sorted((root / "notebooks" / "solutions").glob("*.ipynb"))
    if not solutions:
        return
    out = root / "lib" / "target" / "grade-solutions.csv"
    log("grading notebooks/solutions/ with ./tinyreason grade")
    code = subprocess.run([str(root / "tinyreason"), "grade", *map(str, solutions), "--out",
                           str(out)]).returncode
    rows = list(csv.DictReader(out.open())) if out.exists() else []
    for nb in solutions:
        mine = [r for r in rows if r["notebook"] == nb.name]
        bad = [r for r in mine if not r["exercise"] or r["passed"] != r["total"]
               or int(r["total"]) == 0]
        ok = code == 0 and mine and not bad
        tally.record(f"grade solutions/{nb.name} (full marks)", bool(ok),
                     "" if ok else f"    exit {code}; rows: {mine}")


def test_grade_crashes(root: Path, tally: Tally, catalog: list[dict]) -> None:
    """A learner whose kernel dies before the exercises gets 0 for them and grading goes on; a
    learner with a failing cell keeps the scores of the exercises after it."""
    source = nbformat.read(root / "notebooks" / "00_welcome.ipynb", as_version=4)
    solved = nbformat.read(root / "notebooks" / "solutions" / "00_welcome_solutions.ipynb",
                           as_version=4)
    with tempfile.TemporaryDirectory(prefix="tinyreason-grade-test-") as tmp:
        crash, broken = Path(tmp, "crash"), Path(tmp, "broken")
        crash.mkdir()
        broken.mkdir()
        nb = nbformat.from_dict(json.loads(json.dumps(source)))
        nb.cells.insert(3, nbformat.v4.new_code_cell("System.exit(3);"))
        nbformat.write(nb, crash / "00_welcome.ipynb")
        nb = nbformat.from_dict(json.loads(json.dumps(solved)))
        nb.cells.insert(3, nbformat.v4.new_code_cell('throw new IllegalStateException("oops");'))
        nbformat.write(nb, broken / "00_welcome.ipynb")
        out = Path(tmp, "grades.csv")
        code = subprocess.run([str(root / "tinyreason"), "grade", str(crash), str(broken),
                               "--out", str(out)], capture_output=True, text=True).returncode
        rows = list(csv.DictReader(out.open())) if out.exists() else []
    got = {(r["learner"], r["exercise"]): (r["passed"], r["total"], r["status"][:7]) for r in rows}
    tests = {e["exercise"]: str(e["tests"]) for e in catalog}
    want = {("crash", "ARGMAX"): ("0", tests["ARGMAX"], "crashed"),
            ("crash", "SOFTMAX"): ("0", tests["SOFTMAX"], "crashed"),
            ("broken", "ARGMAX"): (tests["ARGMAX"], tests["ARGMAX"], "ran to "),
            ("broken", "SOFTMAX"): (tests["SOFTMAX"], tests["SOFTMAX"], "ran to ")}
    tally.record("grade: a crashed notebook scores 0 for unreached exercises, grading goes on",
                 code == 0 and got == want, f"    exit {code}; got {got}")


# ---------------------------------------------------------------------------------------------
# Binder-sized memory: one notebook in a kernel that really has only 1 GB
# ---------------------------------------------------------------------------------------------

BINDER_MB = 1024                       # mybinder.org's smallest session
BINDER_HEAP = "384m"                   # the heap set-up chooses there: a third, at least 384 MB
BINDER_NOTEBOOK = "01_chain_of_thought.ipynb"   # a model, generation, evaluation, plots


def memory_cgroup(limit_mb: int) -> tuple[Path, str] | None:
    """A fresh memory cgroup of `limit_mb` (swap included where the kernel accounts it), as
    (folder, 'v2' or 'v1'), or None where this machine does not let us make one (not root, a
    read-only /sys/fs/cgroup, no memory controller)."""
    name = f"tinyreason-binder-{os.getpid()}"
    limit = str(limit_mb * 1024 * 1024)
    tries = []
    if Path("/sys/fs/cgroup/cgroup.controllers").exists():
        tries.append((Path("/sys/fs/cgroup") / name, "v2",
                      [("memory.max", limit), ("memory.swap.max", "0")]))
    if Path("/sys/fs/cgroup/memory/memory.limit_in_bytes").exists():
        tries.append((Path("/sys/fs/cgroup/memory") / name, "v1",
                      [("memory.limit_in_bytes", limit), ("memory.memsw.limit_in_bytes", limit)]))
    for folder, version, settings in tries:
        try:
            folder.mkdir()
        except OSError:
            continue
        try:
            (folder / settings[0][0]).write_text(settings[0][1])   # the limit itself must hold
        except OSError:
            folder.rmdir()
            continue
        for key, value in settings[1:]:
            try:
                (folder / key).write_text(value)   # swap accounting is optional
            except OSError:
                pass
        return folder, version
    return None


def cgroup_report(folder: Path, version: str) -> tuple[float, int]:
    """The cgroup's peak usage in MB (0 if the kernel does not say) and its OOM kills."""
    peak_file = folder / ("memory.peak" if version == "v2" else "memory.max_usage_in_bytes")
    events = folder / ("memory.events" if version == "v2" else "memory.oom_control")
    peak = int(peak_file.read_text()) / 2**20 if peak_file.exists() else 0.0
    kills = 0
    if events.exists():
        for line in events.read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                kills = int(value)
    return peak, kills


def remove_cgroup(folder: Path) -> None:
    for _ in range(20):   # its last processes may take a moment to exit
        try:
            folder.rmdir()
            return
        except OSError:
            time.sleep(0.5)
    log(f"could not remove the test's cgroup {folder}; remove it with: rmdir {folder}")


def binder_kernelspec(into: Path, cgroup: Path | None) -> None:
    """The installed 'java' kernel as 'java-binder': the Binder-sized heap, and, with a cgroup,
    a launcher that moves the kernel into it before the JVM starts."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("java").to_dict()
    argv = [f"-Xmx{BINDER_HEAP}" if a.startswith("-Xmx") else a for a in spec["argv"]]
    if cgroup is not None:
        argv = ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(cgroup / "cgroup.procs"), *argv]
    spec["argv"] = argv
    spec["display_name"] = f"Java (tinyreason, {BINDER_MB} MB)"
    folder = into / "kernels" / "java-binder"
    folder.mkdir(parents=True)
    (folder / "kernel.json").write_text(json.dumps(spec, indent=2))


def test_binder_memory(root: Path, tally: Tally) -> None:
    """Runs one notebook in a kernel limited as Binder's smallest session is: a 1 GB memory
    cgroup where the machine allows one (the kernel is killed past it, as on Binder), else the
    Binder-sized heap with the measured peak held to 1 GB."""
    path = root / "notebooks" / BINDER_NOTEBOOK
    cgroup = memory_cgroup(BINDER_MB)
    how = (f"a {BINDER_MB} MB memory cgroup ({cgroup[1]})" if cgroup else
           f"no memory cgroup allowed here, so the {BINDER_HEAP} heap and a measured peak "
           f"of at most {BINDER_MB} MB")
    log(f"executing notebooks/{path.name} in {how}, heap {BINDER_HEAP} ...")
    old = os.environ.get("JUPYTER_PATH")
    with tempfile.TemporaryDirectory(prefix="tinyreason-binder-") as tmp:
        binder_kernelspec(Path(tmp), cgroup[0] if cgroup else None)
        with environment("JUPYTER_PATH", tmp + (os.pathsep + old if old else "")):
            run = execute(path, kernel="java-binder")
    detail = run.error or ""
    note = f"{run.seconds:.0f} s, peak {run.peak_rss_mb:.0f} MB resident"
    if cgroup:
        peak, kills = cgroup_report(*cgroup)
        remove_cgroup(cgroup[0])
        note += f", cgroup peak {peak:.0f} MB"
        if kills:
            detail += f"\n    the cgroup's OOM killer fired {kills} time(s)"
    if run.peak_rss_mb > BINDER_MB:
        detail += f"\n    its kernel peaked at {run.peak_rss_mb:.0f} MB, over {BINDER_MB} MB"
    log(f"notebooks/{path.name} in {BINDER_MB} MB: {note}")
    tally.record(f"notebook {path.name} within {BINDER_MB} MB ({'cgroup' if cgroup else 'heap only'})",
                 not detail.strip(), detail.strip("\n"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_browser(root: Path, tally: Tally) -> None:
    """Starts ./tinyreason lab, then headless Chromium runs 00_welcome in JupyterLab."""
    browser_dir = root / "lib" / "src" / "test" / "browser"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium or not shutil.which("node"):
        log("!" * 72)
        log("SKIPPED the browser test: " + ("Chromium" if not chromium else "Node.js")
            + " is not installed and could not be installed here (needs root: "
            "apt-get install chromium nodejs npm).")
        log("!" * 72)
        return
    if not (browser_dir / "node_modules" / "playwright-core").is_dir():
        code = subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"],
                              cwd=browser_dir).returncode
        if code != 0:
            tally.record("browser: npm ci (playwright-core)", False)
            return
    port, token = free_port(), "tinyreason-test-" + os.urandom(6).hex()
    shots = root / "lib" / "target" / "browser"
    # The lab serves a copy: running cells in a browser autosaves, and the committed notebook
    # must keep the outputs of its real default run.
    served = shots / "notebooks"
    shutil.rmtree(served, ignore_errors=True)
    served.mkdir(parents=True)
    shutil.copy2(root / "notebooks" / "00_welcome.ipynb", served)
    env = dict(os.environ, JUPYTER_TOKEN=token)
    started = time.monotonic()
    with open(shots / "lab.log", "w") as lab_log:
        lab = subprocess.Popen([str(root / "tinyreason"), "lab", "--no-browser", "--port",
                                str(port), f"--ServerApp.root_dir={served}"], env=env, stdout=lab_log, stderr=subprocess.STDOUT,
                               start_new_session=True)
        try:
            up = wait_for_port(port, 90, lab)
            if up:
                log(f"lab answered on port {port} after {time.monotonic() - started:.1f} s")
            else:
                tally.record("browser: ./tinyreason lab serves JupyterLab", False,
                             (shots / "lab.log").read_text()[-3000:])
                return
            code = subprocess.run(["node", "run-welcome.mjs", "--url",
                                   f"http://127.0.0.1:{port}", "--token", token,
                                   "--chromium", chromium, "--out", str(shots)],
                                  cwd=browser_dir).returncode
            tally.record("browser: 00_welcome runs in JupyterLab (plot, table, no errors)",
                         code == 0, f"    see {shots}/ for screenshots")
        finally:
            stop(lab)


def stop(process: subprocess.Popen) -> None:
    """Stops a process started with start_new_session=True, and everything it started."""
    try:
        os.killpg(process.pid, 15)
        process.wait(20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)


def wait_for_port(port: int, seconds: float, process: subprocess.Popen) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.3)
    return False


# ---------------------------------------------------------------------------------------------
# README: the learning path's run-time column, from each notebook's recorded run
# ---------------------------------------------------------------------------------------------

README_ROW = re.compile(r"^(\| [0-9][0-9a-z]* \| \[[^]]+\]\(notebooks/([^)]+\.ipynb)\) \|.*\| )([^|]*)( \|)$")


def run_time_cell(path: Path) -> str:
    """What the README shows for a notebook: its last recorded run time against its budget."""
    nb = nbformat.read(path, as_version=4)
    record = nb.metadata.get("tinyreason", {})
    if "wall_seconds" not in record:
        return "not yet run"
    return f"{record['wall_seconds']} s of {budget_of(nb)}"


def readme_with_run_times(root: Path) -> str:
    """README.md with each learning-path row's last cell set from its notebook's metadata."""
    lines = (root / "README.md").read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        m = README_ROW.match(line)
        if m and (root / "notebooks" / m.group(2)).exists():
            lines[i] = m.group(1) + run_time_cell(root / "notebooks" / m.group(2)) + m.group(4)
    return "\n".join(lines)


def update_readme_run_times(root: Path) -> None:
    text = readme_with_run_times(root)
    if text != (root / "README.md").read_text(encoding="utf-8"):
        (root / "README.md").write_text(text, encoding="utf-8")
        log("README.md: the learning path's run times now match the notebooks' metadata")


def test_readme_run_times(root: Path, tally: Tally) -> None:
    """The README's run times are the committed notebooks' recorded ones (./tinyreason execute
    rewrites them)."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    rows = [m.group(2) for m in map(README_ROW.match, readme.split("\n")) if m]
    listed = sorted(p.name for p in (root / "notebooks").glob("*.ipynb"))
    stale = [a for a, b in zip(readme.split("\n"), readme_with_run_times(root).split("\n"))
             if a != b]
    missing = sorted(set(listed) - set(rows))
    detail = "".join(f"\n    stale: {line}" for line in stale)
    detail += "".join(f"\n    not in the learning path: {name}" for name in missing)
    if stale:
        detail += "\n    fix: ./tinyreason execute notebooks/NAME.ipynb rewrites the column"
    tally.record("README learning path lists every notebook with its recorded run time",
                 not detail, detail.strip("\n"))


def main() -> int:
    ap = argparse.ArgumentParser(prog="harness.py")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("test")
    t.add_argument("--root", type=Path, required=True)
    t.add_argument("--skip-junit", action="store_true", help="notebooks and browser only")
    g = sub.add_parser("grade")
    g.add_argument("--root", type=Path, required=True)
    g.add_argument("--out", type=Path, default=Path("grades.csv"))
    g.add_argument("paths", nargs="+")
    e = sub.add_parser("execute")
    e.add_argument("--root", type=Path, required=True)
    e.add_argument("notebooks", nargs="+", type=Path)
    a = ap.parse_args()

    if a.cmd == "grade":
        grade(a.root, a.paths, a.out)
        return 0
    if a.cmd == "execute":
        failed = 0
        for nb in a.notebooks:
            run = execute(nb, save_to=nb)
            log(f"{nb}: {run.seconds:.1f} s" + ("" if run.error is None else "\n" + run.error))
            failed += run.error is not None
        update_readme_run_times(a.root)
        return 1 if failed else 0

    tally = Tally()
    started = time.monotonic()
    if not a.skip_junit:
        junit(a.root, tally)
    catalog = exercise_catalog(a.root)
    test_readme_run_times(a.root, tally)
    test_notebooks(a.root, tally, catalog)
    test_binder_memory(a.root, tally)
    test_solutions(a.root, tally)
    test_grade_crashes(a.root, tally, catalog)
    test_browser(a.root, tally)
    log(f"all tests: {time.monotonic() - started:.0f} s")
    if tally.failures:
        log("failed: " + "; ".join(tally.failures))
    print(f"{tally.passed} passed, {tally.failed} failed", flush=True)
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
