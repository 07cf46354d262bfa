"""The pipeline: reader → classify → stages. ``--skip X`` skips exactly stage X.

Each stage names the edit kinds and removal reasons it logs (:data:`copydesk.STAGES`).
These tests run every stage's own test inputs (and, where the benchmark lies beside the
repository, a few of its documents) once whole and once without each stage in turn, and
check that:

- every edit and removal of a whole run is owned by exactly one stage;
- skipping a stage runs every other stage, leaves out everything the skipped stage logs,
  and does not change what kind of document the classify step found;
- skipping each stage changes the result of some document (so each stage is exercised).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bench_data import DEV

import copydesk
import copydesk.stages
from copydesk import STAGES, Article
from copydesk.draft import Draft

DATA = Path(__file__).parent / "data" / "stages"
# Benchmark documents that exercise the stages a stage file cannot (a PDF's link
# annotations, a web print's page around the article): used when the benchmark is there.
DEV_CASES = [
    ("002.web", "pdf"),
    ("002.twocol", "pdf"),
    ("bbc-1.twocol", "txt"),
    ("guardian-1.web", "txt"),
    ("ars-1.print", "pdf"),
]


# Text whose Unicode needs repair: no stage file holds such a document.
MOJIBAKE = (
    "The Bridge Reopens\n\nBy Jane Doe\n\nThe ﬁnal span of the townâ€™s bridge was set in"
    " place on Tuesday,\nand the first cars crossed it an hour later.\n"
)


def _linked_pdf() -> bytes | None:
    """A one-page PDF whose last line carries a link annotation (no stage file holds a
    PDF), made with fpdf2 where the test dependencies are installed."""
    try:
        from fpdf import FPDF
    except ImportError:
        return None
    pdf = FPDF(unit="pt", format=(600, 800))
    pdf.add_page()
    pdf.set_font("Helvetica", size=20)
    pdf.set_xy(72, 72)
    pdf.cell(400, 24, "The Bridge Reopens")
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(72, 110)
    pdf.cell(400, 14, "By Jane Doe")
    pdf.set_xy(72, 140)
    pdf.multi_cell(
        450,
        14,
        "The final span of the bridge was set in place on Tuesday, and the first cars"
        " crossed it an hour later, the council said.",
    )
    pdf.set_xy(72, 190)
    pdf.cell(300, 14, "The council's report is online.", link="https://example.org/report")
    return bytes(pdf.output())


def _documents() -> Iterator[tuple[str, str | bytes | Path]]:
    yield "mojibake", MOJIBAKE
    linked = _linked_pdf()
    if linked is not None:
        yield "linked.pdf", linked
    for path in sorted(DATA.glob("*.jsonl")):
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            if "fix" not in row:  # word-fix cases are text for one function, not documents
                yield f"{path.stem}:{k}", row["input"]
    for case, kind in DEV_CASES:
        path = DEV / "cases" / case / f"input.{kind}"
        if path.is_file():
            yield f"{case}.{kind}", path


DOCUMENTS = dict(_documents())


@pytest.fixture(scope="module")
def whole() -> dict[str, Article]:
    return {name: copydesk.clean(source) for name, source in DOCUMENTS.items()}


def _owners(kind: str, field: str) -> list[str]:
    return [stage.name for stage in STAGES if kind in getattr(stage, field)]


def test_every_edit_and_removal_has_one_owning_stage(whole: dict[str, Article]) -> None:
    for name, article in whole.items():
        for edit in article.edits:
            assert len(_owners(edit.kind, "edits")) == 1, (name, edit)
        for removal in article.removed:
            assert len(_owners(removal.reason, "removes")) == 1, (name, removal)


def test_stage_names_and_what_they_log_are_distinct() -> None:
    names = [stage.name for stage in STAGES]
    assert len(set(names)) == len(names)
    for field in ("edits", "removes"):
        logged = [kind for stage in STAGES for kind in getattr(stage, field)]
        assert len(set(logged)) == len(logged), field


def _recording(ran: list[str]) -> tuple[copydesk.stages.Stage, ...]:
    def wrap(stage: copydesk.stages.Stage) -> Callable[[Draft], None]:
        def run(draft: Draft) -> None:
            ran.append(stage.name)
            stage.run(draft)

        return run

    return tuple(dataclasses.replace(stage, run=wrap(stage)) for stage in STAGES)


@pytest.mark.parametrize("skipped", [stage.name for stage in STAGES])
def test_skip_leaves_out_exactly_that_stage(
    skipped: str, whole: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(copydesk.stages, "STAGES", _recording(ran))
    stage = next(stage for stage in STAGES if stage.name == skipped)
    changed = []
    for name, source in DOCUMENTS.items():
        ran.clear()
        article = copydesk.clean(source, skip=[skipped])
        assert ran == [s.name for s in STAGES if s.name != skipped], name
        assert article.kind == whole[name].kind, f"{name}: skipping {skipped} changed the kind"
        assert not {edit.kind for edit in article.edits} & stage.edits, name
        assert not {removal.reason for removal in article.removed} & stage.removes, name
        if article.to_dict() != whole[name].to_dict():
            changed.append(name)
    assert changed, f"no test document shows what the {skipped} stage does"


WEB_PRINT = json.loads((DATA / "webpage.jsonl").read_text(encoding="utf-8").splitlines()[0])


def test_a_web_print_without_the_furniture_stage_is_still_read_as_a_web_print() -> None:
    whole = copydesk.clean(WEB_PRINT["input"])
    without = copydesk.clean(WEB_PRINT["input"], skip=["furniture"])
    assert whole.kind == without.kind == "web-print"
    assert without.title == whole.title
    # The print stamps stay in (nothing else took them out), but the web-page stage still
    # finds the article and takes out the page around it.
    webpage = next(stage for stage in STAGES if stage.name == "webpage")
    assert any(r.reason in webpage.removes for r in without.removed)
    assert not any(r.reason == "print stamp" for r in without.removed)


def _classified(text: str) -> Draft:
    from copydesk.classify import classify
    from copydesk.readers.text import read_text

    draft = read_text(text)
    classify(draft)
    return draft


def test_classify_tells_a_web_print_by_the_browser_stamps_on_its_pages() -> None:
    facts = _classified(WEB_PRINT["input"]).facts
    assert facts.layout == "web-print"
    assert facts.page_title == "How the River Town Rebuilt Its Bridge | The Courier"
    assert facts.site == "www.courier.example"
    assert set(facts.page_edges.values()) >= {"print stamp", "running head"}


def test_classify_tells_pages_from_a_paste_and_finds_printed_link_notes() -> None:
    body = "The council met on Tuesday and voted for the bridge.1\n"
    paste = _classified("A headline\n\n" + body).facts
    assert (paste.layout, paste.footnotes) == ("plain", frozenset())
    pages = _classified(
        body + "\n1. https://example.org/minutes\n\fThe second page.\n2) www.example.org/b\n"
    ).facts
    assert pages.layout == "typeset"
    assert pages.footnotes == {1, 2}
    # An address that is no numbered note, or a number that is no address, is none.
    assert not _classified("See https://example.org/x today.\n3. Three\n").facts.footnotes
