"""``copydesk merge`` and ``copydesk versions`` on the command line, in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk.cli import main

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
WHOLE, FIRST_FIVE = SEEDS / "000_9a75605a1331ce5d.txt", SEEDS / "003_4ae584b06e6ae996.txt"
needs_seeds = pytest.mark.skipif(not WHOLE.exists(), reason="../shared/seeds is absent")


def published_paragraphs() -> list[str]:
    """003 as published: paragraphs are blocks between blank lines, white space normalized."""
    blocks = FIRST_FIVE.read_text(encoding="utf-8").split("\n\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


@needs_seeds
def test_merge_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", str(WHOLE), str(FIRST_FIVE), "--format", "json", "--explain"]) == 0
    captured = capsys.readouterr()
    merged = json.loads(captured.out)
    expected = published_paragraphs()
    assert len(expected) == 5
    assert [" ".join(p.split()) for p in merged["paragraphs"][:5]] == expected
    assert "Haqqani’s" in merged["paragraphs"][3]
    assert len(merged["paragraphs"]) > 5  # and the rest of the article, from 000
    assert merged["title"] == "The Afghan Who Won’t Surrender to the Taliban"
    assert merged["merge"]["base"] == str(WHOLE)
    assert "Haqqgani’s" in captured.err and "→ 'Haqqani’s'" in captured.err


@needs_seeds
def test_merge_text_is_the_body(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", str(FIRST_FIVE), str(WHOLE)]) == 0
    paragraphs = capsys.readouterr().out.strip().split("\n\n")
    assert paragraphs[:5] == published_paragraphs()


def test_merge_needs_two_readable_renditions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Title\n\nA paragraph of the article, long enough to read as prose here.\n")
    assert main(["merge", str(one)]) == 1
    assert "at least two" in capsys.readouterr().err
    assert main(["merge", str(one), str(tmp_path / "missing.txt")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_versions_groups_renditions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    words = [
        "the",
        "council",
        "met",
        "on",
        "tuesday",
        "to",
        "talk",
        "about",
        "the",
        "new",
        "bridge",
        "across",
        "the",
        "river",
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    stories = {}
    for n in range(3):
        # Three different articles, each a long run of its own sentences.
        sentences = [
            f"Story {n} sentence {k} says {' '.join(words[(k + n) % 7 :])} number {k * (n + 3)}."
            for k in range(40)
        ]
        stories[n] = sentences
        (folder / f"story{n}.txt").write_text("\n".join(sentences), encoding="utf-8")
    # A second rendition of story 1: rewrapped, with a running head and one word garbled.
    again = [
        line.replace("bridge", "brdige", 1) if k == 3 else line for k, line in enumerate(stories[1])
    ]
    (folder / "story1-print.txt").write_text(
        "\n".join(again[:20]) + "\n\fTHE DAILY NEWS\n" + "\n".join(again[20:]), encoding="utf-8"
    )
    out = tmp_path / "clusters.jsonl"
    assert main(["versions", str(folder), "--out", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "4 articles, 3 clusters (1 with two renditions or more)" in err
    clusters = [json.loads(line) for line in out.read_text().splitlines()]
    names = sorted(sorted(Path(m["source"]).name for m in c["members"]) for c in clusters)
    assert names == [["story0.txt"], ["story1-print.txt", "story1.txt"], ["story2.txt"]]
    assert all(m["id"] for c in clusters for m in c["members"])
    # The restored articles were kept: run again on them, without restoring.
    articles = tmp_path / "clusters.articles.jsonl"
    again_out = tmp_path / "again.jsonl"
    assert main(["versions", str(articles), "--out", str(again_out), "--quiet"]) == 0
    assert again_out.read_text() == out.read_text()


def test_versions_bad_output_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["versions", str(tmp_path), "--out", str(tmp_path / "c.csv")]) == 1
    assert "*.jsonl" in capsys.readouterr().err
