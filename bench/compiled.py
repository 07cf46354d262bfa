"""Does the compiled build restore exactly what the Python sources do, and how much faster?

    python bench/compiled.py                   # build the wheel (mypyc), then compare
    python bench/compiled.py --no-build        # compare with the build of the last run

Builds copydesk's wheel as ``pip install .`` does (``pip wheel --no-deps``, about two
minutes) and unpacks it under ``build/compiled``. Then restores every input twice, each
time in a fresh process: once from the sources in ``src`` (pure Python), once from the
wheel (compiled by mypyc). The inputs are the text inputs of the benchmark set, the seeds,
and the inputs of the stages' data-file test cases. Every article (its JSON, edits and
removals included) must be the same, character for character.

Prints how many articles matched, the first that did not, and the time of one pass of each
build over the benchmark's inputs. Exits 1 when an article differs or the wheel holds no
compiled module (mypyc or the C compiler failed, as the build log says); CI runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from speed import DEFAULT_SET, MB, load_inputs  # bench/speed.py, beside this script

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
BUILD = ROOT / "build" / "compiled"

# Run in each child process: restore every input, print one JSON line per article, then
# the build it ran and its time over the benchmark inputs.
CHILD = r"""
import json, sys, time
import copydesk
inputs = json.load(open(sys.argv[1], encoding="utf-8"))
copydesk.clean(inputs[0][1])  # loads the word tables: not part of the timing
seconds = 0.0
for name, text in inputs:
    start = time.perf_counter()
    article = copydesk.clean(text)
    if name.startswith("bench:"):
        seconds += time.perf_counter() - start
    print(json.dumps([name, article.to_dict()], ensure_ascii=False, sort_keys=True))
print(json.dumps({"compiled": copydesk.COMPILED, "seconds": seconds}))
"""


def build_wheel() -> None:
    """Build the wheel as ``pip install .`` would and unpack it into :data:`BUILD`."""
    # setuptools builds in ROOT/build and packs whatever it finds there: start it empty, so
    # that nothing of an earlier build (a module since renamed) comes along.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    with tempfile.TemporaryDirectory() as wheels:
        print("building the wheel (mypyc compiles the restorer: about two minutes) ...")
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "wheel", "--no-deps", "-w", wheels, str(ROOT)], check=True)
        wheel = next(Path(wheels).glob("copydesk-*.whl"))
        subprocess.run(
            [*pip, "install", "--no-deps", "--target", str(BUILD), str(wheel)],
            check=True,
        )


def collect_inputs(bench: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, text) of every input: the benchmark's (``bench``), seeds, stage test cases."""
    inputs = [(f"bench:{name}", text) for name, text in bench]
    for path in sorted(SEEDS.glob("*.txt")):
        inputs.append((f"seed:{path.name}", path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "tests" / "data" / "stages").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                inputs.append((f"case:{path.stem}:{number}", json.loads(line)["input"]))
    return inputs


def restore_all(code_dir: Path, inputs_file: str) -> tuple[dict[str, str], dict[str, object]]:
    """Every article as restored by the copydesk found first in ``code_dir``."""
    env = dict(os.environ, PYTHONPATH=str(code_dir), PYTHONHASHSEED="0")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, inputs_file],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    *articles, summary = done.stdout.splitlines()
    return {json.loads(line)[0]: line for line in articles}, json.loads(summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-build", action="store_true", help=f"compare with the build in {BUILD}"
    )
    args = parser.parse_args(argv)
    bench: list[tuple[str, str]] = []
    if DEFAULT_SET.is_dir():
        bench = load_inputs(DEFAULT_SET)
    else:
        print(f"no benchmark set at {DEFAULT_SET}: the stage cases alone")
    if not args.no_build:
        build_wheel()
    inputs = collect_inputs(bench)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(inputs, handle, ensure_ascii=False)
        handle.flush()
        pure, pure_run = restore_all(ROOT / "src", handle.name)
        compiled, compiled_run = restore_all(BUILD, handle.name)
    failed = False
    if pure_run["compiled"] or not compiled_run["compiled"]:
        print(
            f"compiled: the builds are not what they should be (sources compiled: "
            f"{pure_run['compiled']}, wheel compiled: {compiled_run['compiled']}); "
            "see the build's output for why mypyc or the C compiler failed"
        )
        failed = True
    differ = [name for name, _ in inputs if pure.get(name) != compiled.get(name)]
    print(f"{len(inputs) - len(differ)} of {len(inputs)} articles the same in both builds")
    if differ:
        name = differ[0]
        print(f"first that differs: {name}\n  pure:     {pure.get(name)}")
        print(f"  compiled: {compiled.get(name)}")
        failed = True
    size = sum(len(text.encode("utf-8")) for _, text in bench)
    for label, run in (("pure Python", pure_run), ("compiled", compiled_run)):
        if not bench:
            break
        seconds = float(str(run["seconds"]))
        print(
            f"  {label:12} {seconds:6.2f} s for {len(bench)} benchmark inputs "
            f"({size / MB / seconds:.2f} MB/s, one pass)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
