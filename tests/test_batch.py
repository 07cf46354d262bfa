"""``copydesk batch``: every input in exactly one of OUT or errors, resumable after a kill,
the same articles from the local engine and from Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import copydesk
import copydesk.corpus.restore
from copydesk.cli import main
from copydesk.corpus.batch import run_batch
from copydesk.corpus.restore import CRASH_ON
from copydesk.corpus.store import errors_path, journal_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "bench" / "dev"
needs_shared = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/bench/dev is absent")

PARAGRAPH = (
    "The council met on Tuesday to talk about the new bridge across the river, which"
    " has been closed since the storm in March.\n"
    "Members said the repairs would take another year and cost more than was planned.\n"
)


def article_text(n: int) -> str:
    """A small article of its own: headline, byline and a few hard-wrapped paragraphs."""
    body = "\n".join(f"Paragraph {k} of story {n}. " + PARAGRAPH for k in range(3))
    return f"Story number {n} about the bridge\n\nBy Jane Doe\n\n{body}"


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def make_folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        (folder / f"doc{n:03d}.txt").write_text(article_text(n), encoding="utf-8")
    return folder


def test_folder_to_jsonl_with_ids_sources_and_the_same_articles_as_clean(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 5)
    (folder / "notes.csv").write_text("not a document kind: left alone")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder)], out, workers=2)
    assert (summary.total, summary.done, summary.failed, summary.skipped) == (5, 5, 0, 0)
    got = rows(out)
    assert [Path(r["source"]).name for r in got] == [f"doc{n:03d}.txt" for n in range(5)]
    for row in got:
        expected = copydesk.clean(Path(row["source"])).to_dict()
        assert row["paragraphs"] == expected["paragraphs"]
        assert row["title"] == expected["title"] and row["authors"] == ["Jane Doe"]
        assert row["id"] == copydesk.corpus.restore.content_id(Path(row["source"]).read_bytes())
    assert errors_path(out).read_text() == ""
    assert not journal_path(out).exists()


def test_same_content_same_id(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 2)
    (folder / "copy.txt").write_text(article_text(0), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch([str(folder)], out, workers=1)
    ids = {Path(r["source"]).name: r["id"] for r in rows(out)}
    assert ids["copy.txt"] == ids["doc000.txt"] != ids["doc001.txt"]


def test_poisoned_inputs_go_to_the_errors_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 6)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    (folder / "crashes.txt").write_text(article_text(99), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    os.environ[CRASH_ON] = "crashes.txt"  # the worker that meets it kills itself
    try:
        summary = run_batch([str(folder)], out, workers=2)
    finally:
        del os.environ[CRASH_ON]
    good = {Path(r["source"]).name for r in rows(out)}
    bad = {Path(r["source"]).name: r for r in rows(errors_path(out))}
    assert good == {f"doc{n:03d}.txt" for n in range(6)}
    assert set(bad) == {"empty.txt", "binary.txt", "truncated.pdf", "crashes.txt"}
    assert bad["empty.txt"]["error"] == "EmptyInputError"
    assert bad["binary.txt"]["error"] == "NotTextError"
    assert bad["crashes.txt"]["error"] == "WorkerCrashed"
    assert all(r["message"] for r in bad.values())
    assert (summary.done, summary.failed) == (6, 4)


def test_tables_jsonl_and_parquet_in_and_out(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    table = tmp_path / "docs.jsonl"
    lines = [json.dumps({"text": article_text(n)}) for n in range(3)]
    lines.insert(1, json.dumps({"text": None}))  # a row without a document
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    summary = run_batch([str(table)], out, workers=1)
    assert (summary.done, summary.failed) == (3, 1)
    got = pq.read_table(out).to_pylist()
    assert [r["source"] for r in got] == [f"{table}:1", f"{table}:3", f"{table}:4"]
    assert got[0]["title"] == "Story number 0 about the bridge"
    assert got[0]["paragraphs"] == copydesk.clean(article_text(0)).paragraphs
    assert [r["source"] for r in rows(errors_path(out))] == [f"{table}:2"]

    # The Parquet output, read back as a table of paths, is a valid input too.
    paths = tmp_path / "paths.parquet"
    folder = make_folder(tmp_path, 2)
    import pyarrow as pa

    pq.write_table(pa.table({"path": [str(p) for p in sorted(folder.iterdir())]}), paths)
    out2 = tmp_path / "out2.jsonl"
    run_batch([str(paths)], out2, workers=1)
    assert [r["title"] for r in rows(out2)] == [
        f"Story number {n} about the bridge" for n in (0, 1)
    ]


def test_clear_errors_for_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_folder(tmp_path, 1)
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "*.nothing"), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "matches no file" in capsys.readouterr().err
    assert main(["batch", str(folder), "--out", str(tmp_path / "o.csv")]) == 1
    assert ".jsonl or .parquet" in capsys.readouterr().err
    table = tmp_path / "t.jsonl"
    table.write_text('{"body": "x"}\n')
    assert main(["batch", str(table), "--out", str(tmp_path / "o.jsonl")]) == 1
    assert "--column" in capsys.readouterr().err
    out = tmp_path / "done.jsonl"
    assert main(["batch", str(folder), "--out", str(out), "--quiet"]) == 0
    assert main(["batch", str(folder), "--out", str(out)]) == 1  # would overwrite
    assert "--overwrite" in capsys.readouterr().err
    assert main(["batch", str(folder), "--out", str(out), "--overwrite", "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "1 done, 0 failed, 0 skipped" in err and "errors:" in err
    assert main(["batch", str(folder), "--out", str(out), "--workers", "0"]) == 1
    assert "at least 1" in capsys.readouterr().err


def test_kill_9_mid_batch_then_the_same_command_finishes_the_rest(tmp_path: Path) -> None:
    """A real kill of the batch process while it works, then a resume."""
    count = 400
    table = tmp_path / "docs.jsonl"
    with table.open("w", encoding="utf-8") as f:
        for n in range(count):
            # Long enough that the batch is still running when it is killed.
            f.write(json.dumps({"text": article_text(n) + "\n" + PARAGRAPH * 120}) + "\n")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "copydesk", "batch", str(table), "--out", str(out)]
    command += ["--workers", "2", "--quiet"]
    batch = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    journal = journal_path(out)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and batch.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") > 40:
            break
        time.sleep(0.05)
    assert batch.poll() is None, f"the batch ended before it could be killed: {batch.stderr}"
    workers = _children(batch.pid)
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    assert batch.stderr is not None
    batch.stderr.close()
    assert not out.exists() and not errors_path(out).exists()  # nothing half-written
    finished_before = journal.read_bytes().count(b"\n") - 1  # less the header
    assert 0 < finished_before < count
    _wait_gone(workers)  # the workers died with their parent

    again = subprocess.run(command[:-1], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"skipped (done before) of {count}" in again.stderr
    skipped = int(again.stderr.split(" failed, ")[1].split(" skipped")[0])
    assert skipped >= finished_before - 1  # at most the one line cut by the kill is redone
    done = rows(out)
    assert [r["source"] for r in done] == [f"{table}:{n}" for n in range(1, count + 1)]
    assert errors_path(out).read_text() == "" and not journal.exists()


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def _wait_gone(pids: list[int], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(map(_alive, pids)):
        time.sleep(0.05)
    assert not any(map(_alive, pids)), "a worker outlived the killed batch"


def _alive(pid: int) -> bool:
    """Running, not a zombie (dead, and only waiting to be reaped by init)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@needs_shared
def test_ray_engine_gives_the_same_articles_as_the_local_engine(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    inputs = sorted(str(p) for p in (DEV / "cases").glob("*/input.txt"))
    assert len(inputs) > 100
    local, ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    run_batch(inputs, local, workers=2)
    summary = run_batch(inputs, ray, workers=2, engine="ray")
    assert summary.done == len(inputs) and summary.engine == "ray"
    assert local.read_text(encoding="utf-8") == ray.read_text(encoding="utf-8")


def test_an_unfinished_batch_resumes_only_with_its_own_options(tmp_path: Path) -> None:
    from copydesk.corpus.restore import Options
    from copydesk.corpus.store import Journal

    folder = make_folder(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    # A batch that was stopped before it finished anything: only its journal is there.
    Journal.open(out, Options(with_edits=True)).close()
    with pytest.raises(copydesk.OptionError, match="other options"):
        run_batch([str(folder)], out, workers=1)
    summary = run_batch([str(folder)], out, workers=1, with_edits=True)
    assert summary.done == 3 and all("edits" in row for row in rows(out))


def test_a_journal_line_cut_by_a_kill_is_done_again(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    run_batch([str(folder)], out, workers=1)
    finished = out.read_text(encoding="utf-8").splitlines()
    from copydesk.corpus.restore import Options
    from copydesk.corpus.store import Journal

    # Rebuild the journal of a batch killed while it wrote its second line.
    out.unlink()
    Journal.open(out, Options()).close()
    first = json.loads(finished[0])
    with journal_path(out).open("ab") as journal:
        key = json.dumps(first["source"])
        journal.write(f"0\t1\t{key}\t{finished[0]}\n".encode())
        journal.write(b'1\t1\t"cut')  # no line end: the kill came here
    summary = run_batch([str(folder)], out, workers=1)
    assert (summary.skipped, summary.done) == (1, 2)
    assert out.read_text(encoding="utf-8").splitlines() == finished


def test_a_document_over_the_time_limit_is_an_error_row(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, 1)
    # Text is read at once; the limit then has to stop the stages themselves. 20 MB takes
    # seconds even on a fast host (4 MB took 0.5 s on one: the test must not race the code).
    (folder / "long.txt").write_text(article_text(1) + PARAGRAPH * 100_000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder)], out, workers=1, time_limit=0.5)
    assert (summary.done, summary.failed) == (1, 1)
    (error,) = rows(errors_path(out))
    assert Path(error["source"]).name == "long.txt"
    assert error["error"] == "InputTimeoutError" and "--time-limit" in error["message"]
    assert error["id"]  # it was read: its id is known


def test_a_missing_tesseract_is_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An image to OCR on a machine without tesseract: an error row of its own type, which
    says how to install it, and the batch goes on; in process (what a worker runs) and
    through the workers, which inherit the PATH without tesseract."""
    from PIL import Image

    from copydesk.corpus.inputs import Task
    from copydesk.corpus.restore import Options, restore

    folder = make_folder(tmp_path, 1)
    Image.new("L", (600, 400), 255).save(folder / "scan.png")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    outcome = restore(Task(0, "scan.png", str(folder / "scan.png"), None), Options())
    assert not outcome.ok
    assert json.loads(outcome.line)["error"] == "OCRUnavailableError"

    out = tmp_path / "out.jsonl"
    summary = run_batch([str(folder)], out, workers=1)
    assert (summary.done, summary.failed) == (1, 1)
    (error,) = rows(errors_path(out))
    assert Path(error["source"]).name == "scan.png"
    assert error["error"] == "OCRUnavailableError"
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in error["message"]


def test_ray_engine_records_a_document_that_kills_its_worker(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    folder = make_folder(tmp_path, 5)
    (folder / "crashes.txt").write_text(article_text(99), encoding="utf-8")
    (folder / "empty.txt").write_text("")
    out = tmp_path / "out.jsonl"
    os.environ[CRASH_ON] = "crashes.txt"  # Ray's workers are started with this environment
    try:
        summary = run_batch([str(folder)], out, workers=2, engine="ray")
    finally:
        del os.environ[CRASH_ON]
    assert {Path(r["source"]).name for r in rows(out)} == {f"doc{n:03d}.txt" for n in range(5)}
    bad = {Path(r["source"]).name: r["error"] for r in rows(errors_path(out))}
    assert bad == {"crashes.txt": "WorkerCrashed", "empty.txt": "EmptyInputError"}
    assert (summary.done, summary.failed) == (5, 2)
