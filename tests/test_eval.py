"""``copydesk eval``: its metrics agree with the benchmark's scorer, and the command
reads truth sets in both layouts, restores or reads predictions, and says what went wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bench_data import BENCH, DEV, load_scorer

import copydesk
from copydesk.cli import main
from copydesk.evaluation import evaluate, find_problems, load_truth_set, score_case

needs_bench = pytest.mark.skipif(
    not (BENCH / "score.py").is_file(), reason="../shared/bench is absent"
)

ARTICLE = (
    "A Quiet Harbor Wakes Up\n\n"
    "By Jane Doe\n\n"
    "The fishing boats came back to the harbor on Monday after a month at sea, and the\n"
    "town turned out to meet them on the pier.\n\n"
    "Nobody had expected the catch to be so large this late in the season.\n"
)
TRUTH = {
    "title": "A Quiet Harbor Wakes Up",
    "authors": ["Jane Doe"],
    "paragraphs": [
        "The fishing boats came back to the harbor on Monday after a month at sea, and the"
        " town turned out to meet them on the pier.",
        "Nobody had expected the catch to be so large this late in the season.",
    ],
    "annotated": ["title", "authors", "paragraphs"],
}


@needs_bench
def test_metrics_agree_with_the_reference_scorer_on_dev_cases() -> None:
    reference = load_scorer()
    cases = load_truth_set(DEV)
    # A handful from every scenario and rendering, the truncated-truth seed among them.
    picked = [c for c in cases if c.scenario == "real"]
    for rendering in ("web", "print", "twocol"):
        picked += [c for c in cases if c.rendering == rendering][:4]
    assert len(picked) == 13
    for case in picked:
        path = case.input("txt")
        assert path is not None
        pred = copydesk.clean(path).to_dict()
        assert score_case(pred, case.truth) == reference.score_case(pred, case.truth), case.name


@needs_bench
def test_metrics_agree_with_the_reference_scorer_on_odd_predictions() -> None:
    reference = load_scorer()
    truth = json.loads((DEV / "cases" / "002.print" / "truth.json").read_text())
    odd: list[dict[str, Any]] = [
        {},
        {"title": None, "authors": "not a list", "paragraphs": None, "captions": ["bare"]},
        {"published": "2017-01-13T00:00:00Z", "links": ["", " x "], "captions": [{"text": 3}]},
        {"paragraphs": ["", "  "], "dek": 7, "bio": ["a"]},
    ]
    for pred in odd:
        assert score_case(pred, truth) == reference.score_case(pred, truth), pred


def write_case(folder: Path, text: str, truth: dict[str, Any]) -> None:
    folder.mkdir(parents=True)
    (folder / "input.txt").write_text(text, encoding="utf-8")
    (folder / "truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_eval_run_on_a_folder_of_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth_set = tmp_path / "truth"
    write_case(truth_set / "harbor", ARTICLE, TRUTH)
    wrong = dict(TRUTH, title="Another Title Altogether", scenario="news")
    write_case(truth_set / "harbor-again", ARTICLE, wrong)
    report_path = tmp_path / "report.json"
    assert (
        main(["eval", str(truth_set), "--run", "--workers", "1", "--json", str(report_path)]) == 0
    )
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["scenario", "n", "body_sim"]
    assert lines[1].split()[:3] == ["cases", "1", "1.000"]  # the default scenario
    assert lines[2].split()[:3] == ["news", "1", "1.000"]  # the one truth.json names
    assert "title: got 'A Quiet Harbor Wakes Up', expected 'Another Title Altogether'" in out
    report = json.loads(report_path.read_text())
    assert report["means"]["all"]["n"] == 2
    assert report["means"]["all"]["title"] == 0.5
    by_case = {row["case"]: row for row in report["cases"]}
    assert by_case["harbor"]["body_sim"] == 1.0 and by_case["harbor"]["problems"] == []
    assert by_case["harbor-again"]["title"] == 0.0


def test_eval_pred_scores_missing_predictions_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truth_set, pred = tmp_path / "truth", tmp_path / "pred"
    write_case(truth_set / "one", ARTICLE, TRUTH)
    write_case(truth_set / "two", ARTICLE, TRUTH)
    pred.mkdir()
    (pred / "one.json").write_text(copydesk.clean(ARTICLE).to_json())
    assert main(["eval", str(truth_set), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "failed cases: no prediction x1" in out
    report = evaluate(truth_set, predictions=pred)
    scores = {r.case: r.scores for r in report.results}
    assert scores["one"]["body_sim"] == 1.0
    assert scores["two"] == {m: 0.0 for m in scores["two"]}  # every annotated field zero
    assert "two.json does not exist" in next(r.error for r in report.results if r.case == "two")


def test_save_pred_is_what_pred_reads_back(tmp_path: Path) -> None:
    truth_set, pred = tmp_path / "truth", tmp_path / "pred"
    write_case(truth_set / "one", ARTICLE, TRUTH)
    ran = evaluate(truth_set, run=True, workers=1, save_predictions=pred)
    read = evaluate(truth_set, predictions=pred)
    assert ran.means() == read.means()
    assert json.loads((pred / "one.json").read_text())["title"] == TRUTH["title"]


def test_manifest_layout_with_only_and_limit(tmp_path: Path) -> None:
    root = tmp_path / "set"
    write_case(root / "cases" / "a.web", ARTICLE, TRUTH)
    write_case(root / "cases" / "a.print", ARTICLE, TRUTH)
    write_case(root / "cases" / "b.print", ARTICLE, TRUTH)
    entries = [
        {"case": name, "scenario": scenario, "rendering": name.split(".")[1],
         "txt": f"cases/{name}/input.txt", "truth": f"cases/{name}/truth.json"}
        for name, scenario in (("a.web", "web-print"), ("a.print", "typeset"),
                               ("b.print", "typeset"))
    ]  # fmt: skip
    (root / "manifest.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries))
    assert [c.name for c in load_truth_set(root)] == ["a.web", "a.print", "b.print"]
    assert [c.name for c in load_truth_set(root, only="typeset")] == ["a.print", "b.print"]
    assert [c.name for c in load_truth_set(root, only="web")] == ["a.web"]  # a rendering
    assert [c.name for c in load_truth_set(root, limit=1)] == ["a.web"]
    report = evaluate(root, run=True, workers=1, only="typeset")
    assert list(report.means()) == ["typeset", "all"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["eval", "{tmp}/nowhere", "--run"], "is not a folder"),
        (["eval", "{tmp}/empty", "--run"], "no manifest.jsonl and no folder with a truth.json"),
        (["eval", "{tmp}/empty", "--pred", "{tmp}"], "no manifest.jsonl"),
        (["eval", "{tmp}/bad", "--run"], 'has no "annotated" list'),
        (["eval", "{tmp}/bad2", "--run"], "annotates unknown fields subtitle"),
        (["eval", "{tmp}/good", "--pred", "{tmp}/nowhere"], "is not a folder"),
        (["eval", "{tmp}/good", "--pred", "{tmp}", "--save-pred", "x"], "give --run with it"),
        (["eval", "{tmp}/good", "--run", "--only", "sports"], "no case of"),
        (["eval", "{tmp}/good", "--run", "--json", "{tmp}/no/such/r.json"], "cannot write"),
        (
            ["eval", "{tmp}/good", "--run", "--save-pred", "{tmp}/good/case/input.txt"],
            "cannot keep",
        ),
    ],
)
def test_eval_bad_input_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    write_case(tmp_path / "bad" / "case", ARTICLE, {"title": "x"})
    write_case(tmp_path / "bad2" / "case", ARTICLE, {"annotated": ["subtitle"]})
    write_case(tmp_path / "good" / "case", ARTICLE, TRUTH)
    (tmp_path / "empty").mkdir()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("copydesk: error: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_eval_needs_run_or_pred_not_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(tmp_path)]) == 2
    assert main(["eval", str(tmp_path), "--run", "--pred", str(tmp_path)]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_problems_name_lost_and_leaked_paragraphs() -> None:
    pred = {
        "title": TRUTH["title"],
        "authors": ["John Roe"],
        "paragraphs": ["Share this story on Facebook", TRUTH["paragraphs"][0]],
    }
    problems = find_problems(pred, TRUTH)
    assert problems == [
        "authors: got ['John Roe'], expected ['Jane Doe']",
        "leaked 1 paragraph: 'Share this story on Facebook'",
        "lost 1 paragraph: 'Nobody had expected the catch to be so large this late in the season.'",
    ]
    joined = dict(TRUTH, paragraphs=[" ".join(TRUTH["paragraphs"])])
    (only,) = find_problems(joined, TRUTH)
    assert only.startswith("1 of 1 paragraphs hold the right words but not exactly")
    assert "on the pier. Nobody" in only
