"""The layout generator of ``bench/layouts``: deterministic, covering what it promises, and
printing exactly the truth it writes down.

These run on a small fixed sample (a handful of seeds); ``bench/layouts/generate.py``
draws thousands for the benchmark.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from dataclasses import fields, replace
from pathlib import Path

import pytest
from bench_data import DEV, REPO

sys.path.insert(0, str(REPO / "bench"))

from layouts import extract, generate, report
from layouts.articles import SEED_BASE, load_articles, split_of
from layouts.spec import Layout, draw
from layouts.typeset import compose, render

import copydesk
from copydesk.evaluation import evaluate

needs_dev = pytest.mark.skipif(
    not (DEV / "manifest.jsonl").is_file(), reason=f"benchmark data not found at {DEV}"
)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="pdftotext not installed (apt-get install poppler-utils)",
)
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed"
)


def test_a_seed_names_one_layout() -> None:
    assert draw(12345) == draw(12345)
    assert len({draw(seed) for seed in range(50)}) == 50


def test_the_draws_cover_every_choice() -> None:
    """Over a few hundred seeds, every value each feature can take turns up."""
    seen: dict[str, Counter[str]] = {}
    for seed in range(400):
        for name, value in draw(seed).features().items():
            seen.setdefault(name, Counter())[value] += 1
    assert set(seen["columns"]) == {"1", "2", "3", "4"}
    assert set(seen["byline"]) == {"by", "caps", "staff", "agency"}
    assert set(seen["date_form"]) == {"ap", "iso", "dmy", "long", "edition"}
    assert set(seen["credit"]) == {"parens", "slash", "own-line", "caps"}
    assert set(seen["drop_cap"]) == {"0", "1", "2", "3"}
    assert set(seen["extractor"]) == {"pdftotext", "pdftotext-raw", "pdfium", "ocr"}
    assert set(seen["running_head"]) == {"none", "left", "center", "right", "outside"}
    for name, counts in seen.items():
        assert len(counts) >= 2, f"{name} never varies"


def test_narrow_pages_hold_fewer_columns() -> None:
    for seed in range(300):
        layout = draw(seed)
        if layout.page == "a5":
            assert layout.columns <= 2


@needs_dev
def test_articles_split_apart_and_stably() -> None:
    tune, held = load_articles("tune"), load_articles("report")
    assert tune and held
    assert not {a.doc for a in tune} & {a.doc for a in held}
    assert all(split_of(a.doc) == "report" for a in held)
    assert SEED_BASE["report"] > 100 * len(tune)  # tuning seeds never reach the reported ones


@needs_dev
def test_the_truth_is_what_the_page_prints() -> None:
    article = next(a for a in load_articles("tune") if a.dek and a.captions and a.authors)
    layout = replace(
        draw(3),
        headline_case="capitals",
        dek=True,
        byline="caps",
        byline_place="after-dek",
        date_form="ap",
        date_time=False,
        date_place="own-line",
        photo="top",
        credit="parens",
        pull_quote=True,
        edition_line=False,
        bio="rule",
        links="endnotes",
    )
    composed = compose(article, layout)
    truth = composed.truth
    assert truth["title"] == article.title.upper()
    assert truth["dek"] == article.dek
    assert truth["authors"] == article.authors  # names as written, though set in capitals
    assert truth["paragraphs"] == article.paragraphs[: layout.paragraphs_set]
    assert truth["captions"][0]["text"] == article.captions[0]["text"]
    assert truth["bio"] == article.bio and truth["links"] == article.links[:4]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", truth["published"])
    page = composed.html
    assert "BY " + article.authors[0].upper() in page
    assert 'class="pull"' in page  # a pull quote is printed, and is no paragraph of the truth
    pulled = re.search(r'class="pull">“?(.*?)”?<', page)
    assert pulled is not None
    # Printed twice, once in the truth: a sentence of one paragraph, which is not whole.
    assert sum(p.count(pulled.group(1)) for p in truth["paragraphs"]) == 1
    assert pulled.group(1) not in truth["paragraphs"]


@needs_dev
def test_a_time_is_printed_in_the_zone_it_names() -> None:
    article = next(a for a in load_articles("tune") if a.published and "T" in a.published)
    for seed in range(40):
        layout = replace(draw(seed), date_time=True, date_form="dmy", date_place="own-line")
        composed = compose(article, layout)
        published = composed.truth["published"]
        assert "T" in published and re.search(r"[+-]\d\d:\d\d$", published)
        hour, minute = published[11:13], published[14:16]
        assert f"{hour}:{minute}" in composed.html  # the time printed is the truth's


@needs_dev
@needs_pdftotext
@pytest.mark.parametrize("seed", [1, 2, 7])
def test_what_is_extracted_holds_the_truths_words(seed: int, tmp_path: Path) -> None:
    layout = replace(draw(seed), extractor="pdftotext")
    article = load_articles("tune")[seed % 10]
    composed = compose(article, layout)
    pdf, measured = render(composed.html)
    assert measured["pages"] >= 1 and measured["headline_lines"] >= 1
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    words = Counter(re.findall(r"[a-z]{3,}", extract.pdftotext(path).lower()))
    truth = composed.truth
    wanted = Counter(
        re.findall(r"[a-z]{3,}", " ".join([truth["title"], *truth["paragraphs"]]).lower())
    )
    found = sum(min(n, words[w]) for w, n in wanted.items())
    # Hyphenation at line ends splits a few words: nearly all the rest are there.
    assert found >= 0.95 * sum(wanted.values())


@needs_dev
@needs_pdftotext
def test_generate_writes_a_truth_set_that_eval_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "set"
    status = generate.main(
        [
            str(out),
            "--split",
            "tune",
            "--count",
            "2",
            "--jobs",
            "1",
            "--extractors",
            "pdftotext,pdfium",
        ]
    )
    assert status == 0
    rows = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert [r["case"] for r in rows] == ["tune-0000000", "tune-0000001"]
    for row in rows:
        assert (out / row["pdf"]).read_bytes().startswith(b"%PDF")
        assert set(row["features"]) >= {f.name for f in fields(Layout)} - {
            "seed",
            "body_pt",
            "margin_mm",
            "headline_scale",
            "paragraphs",
        }
    result = evaluate(out, run=True, input="txt", workers=1)
    assert len(result.results) == 2 and not any(r.error for r in result.results)
    assert all(r.scores["body_sim"] > 0.5 for r in result.results)
    scores = tmp_path / "scores.json"
    assert (
        report.main(
            [str(out), "--input", "txt", "--workers", "1", "--min-n", "1", "--save", str(scores)]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "== per feature, txt input (2 cases)" in printed and "columns=" in printed
    assert set(json.loads(scores.read_text())["txt"]) == {"tune-0000000", "tune-0000001"}


@needs_tesseract
def test_a_scan_degrades_the_same_way_for_the_same_seed(tmp_path: Path) -> None:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("Times", size=14)
    document.multi_cell(0, 8, "A short page of text to scan, twice, the same way. " * 4)
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(bytes(document.output()))
    scan = extract.Scan.draw(5)
    first = extract.scan_pages(pdf, scan, 5)
    again = extract.scan_pages(pdf, scan, 5)
    assert [im.tobytes() for im in first] == [im.tobytes() for im in again]  # type: ignore[attr-defined]
    text, scanned, how = extract.extract(pdf, "ocr", 5)
    assert scanned is not None and scanned.startswith(b"%PDF") and "scan" in how
    assert "scan" in text.lower() and "twice" in text.lower()


@needs_dev
@pytest.mark.parametrize(
    ("photo", "place", "credit"),
    [("top", "below", "own-line"), ("inside", "above", "parens"), ("top", "below", "slash")],
)
def test_a_caption_is_found_by_its_picture(
    photo: str, place: str, credit: str, tmp_path: Path
) -> None:
    """On a typeset PDF the caption is the smaller type by the picture, and its credit
    is split off, whatever form the credit takes."""
    article = next(a for a in load_articles("tune") if a.captions and a.captions[0].get("credit"))
    layout = replace(
        draw(11), photo=photo, caption_place=place, credit=credit, columns=2, extractor="pdfium"
    )
    composed = compose(article, layout)
    pdf, _ = render(composed.html)
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    restored = copydesk.clean(path)
    truth = composed.truth["captions"][0]
    assert [c.text for c in restored.captions] == [truth["text"]]
    assert restored.captions[0].credit == truth["credit"]
    assert truth["text"] not in " ".join(restored.paragraphs)


# The quality gate on generated layouts: 16 tuning seeds (100-115), typeset by WeasyPrint,
# read from the PDF and from pdftotext's or pdfium's text. Floors a little under what was
# measured on 2026-12-04 (PDF: title 1.0, dek 0.94, authors 0.94, published 1.0, captions
# 1.0, body_sim 0.987, para_f1 0.84; text: title 0.56, body_sim 0.93, para_f1 0.60).
# Raise them as quality rises; never lower them to make this pass.
LAYOUT_FLOORS = {
    "pdf": {
        "title": 0.93,
        "dek": 0.87,
        "authors": 0.87,
        "published": 0.93,
        "captions": 0.93,
        "body_sim": 0.97,
        "para_f1": 0.80,
    },
    "txt": {
        "title": 0.50,
        "authors": 0.87,
        "published": 0.93,
        "body_sim": 0.92,
        "para_f1": 0.55,
    },
}


@needs_dev
@needs_pdftotext
def test_generated_layouts_stay_above_their_floors(tmp_path: Path) -> None:
    import random
    import statistics

    from copydesk.evaluation.metrics import score_case

    articles = load_articles("tune")
    scores: dict[str, list[dict[str, float]]] = {"pdf": [], "txt": []}
    for seed in range(100, 116):
        layout = replace(draw(seed), extractor="pdftotext" if seed % 2 else "pdfium")
        article = random.Random(f"article-{seed}").choice(articles)
        composed = compose(article, layout)
        pdf, _ = render(composed.html)
        path = tmp_path / f"{seed}.pdf"
        path.write_bytes(pdf)
        text = extract.extract(path, layout.extractor, seed)[0]
        for kind, source in (("pdf", path), ("txt", text)):
            article_out = copydesk.clean(source).to_dict()
            scores[kind].append(score_case(article_out, composed.truth))
    for kind, floors in LAYOUT_FLOORS.items():
        for metric, floor in floors.items():
            values = [row[metric] for row in scores[kind] if metric in row]
            assert values, f"{kind} {metric}: no case annotates it"
            mean = statistics.fmean(values)
            assert mean >= floor, f"{kind} {metric}: {mean:.3f} fell under its floor {floor}"
