"""The command line, run in process through ``copydesk.cli.main(argv) -> int``.

Also the decoding of text bytes in the encodings people really have (cp1252, UTF-16 with a
BOM, Windows line ends, mojibake) through :func:`copydesk.clean`.
"""

from __future__ import annotations

import gc
import io
import json
import random
from pathlib import Path

import pytest

import copydesk
from copydesk.cli import main

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_9a75605a1331ce5d.txt"
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"seed article not found at {SEED}")

TITLE = "The Afghan Who Won’t Surrender to the Taliban"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code != 0
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("copydesk: error:"), err
    assert "Traceback" not in err


# --- clean on the seed, every format --------------------------------------------------------


@needs_seed
def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["clean", str(SEED), "--format", "json"], capsys)
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert data["title"] == TITLE
    assert data["dek"].startswith("Ahmad Massoud leads the resistance")
    assert data["authors"] == ["Bernard-Henri Lévy"]
    assert data["published"] == "2021-08-23T12:56:00-04:00"
    assert data["captions"][0] == {
        "text": "Ahmad Massoud in Panjshir province, September 2020.",
        "credit": "MARC ROUSSEL",
    }
    assert data["bio"].startswith("Mr. Lévy is author of")
    assert len(data["links"]) == 3
    assert all(url.startswith("https://www.wsj.com/") for url in data["links"])
    assert data["paragraphs"][0].startswith("Ahmad Massoud is in a remote base")
    assert {"edits", "removed"} <= data.keys()


@needs_seed
def test_jsonld(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["clean", str(SEED), "--format", "jsonld"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == TITLE
    assert data["author"][0]["name"] == "Bernard-Henri Lévy"
    assert data["datePublished"] == "2021-08-23T12:56:00-04:00"
    assert data["articleBody"].startswith("Ahmad Massoud is in a remote base")
    assert "\n\n" in data["articleBody"]


@needs_seed
def test_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["clean", str(SEED), "--format", "md"], capsys)
    assert code == 0
    assert out.startswith(f"# {TITLE}\n")
    assert "By Bernard-Henri Lévy" in out
    assert "> Ahmad Massoud in Panjshir province, September 2020. (MARC ROUSSEL)" in out


@needs_seed
def test_text_is_the_default_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["clean", str(SEED), "--format", "text"], capsys)
    assert code == 0
    assert out.startswith("Ahmad Massoud is in a remote base")
    assert TITLE not in out  # the body alone
    assert out.count("\n\n") == len(copydesk.clean(SEED).paragraphs) - 1
    assert run(["clean", str(SEED)], capsys)[1] == out


@needs_seed
def test_explain_writes_the_edit_log_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["clean", str(SEED), "--format", "json", "--explain"], capsys)
    assert code == 0
    json.loads(out)  # stdout stays pure JSON
    assert err.startswith("edits: ")
    assert "ellipsis" in err
    assert "removed: " in err
    assert "  title  @" in err
    assert "  link  @" in err


@needs_seed
def test_skip_a_stage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["clean", str(SEED), "--format", "json", "--skip", "words"], capsys)
    assert code == 0
    assert not any(e["kind"] == "ellipsis" for e in json.loads(out)["edits"])


@needs_seed
def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(SEED.read_bytes())

    monkeypatch.setattr("sys.stdin", Stdin())
    code, out, err = run(["clean", "-", "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["title"] == TITLE


def test_empty_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Stdin:
        buffer = io.BytesIO(b"")

    monkeypatch.setattr("sys.stdin", Stdin())
    assert_one_line_error(*run(["clean", "-"], capsys))


class ClosedPipe(io.StringIO):
    """A standard output whose reader went away (``copydesk clean ... | head -1``)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@needs_seed
def test_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    monkeypatch.setattr("sys.stderr", err)
    code = main(["clean", str(SEED), "--format", "json"])
    assert isinstance(code, int)
    assert "Traceback" not in err.getvalue()


# --- bad input: exit non-zero, one line on stderr, no traceback ------------------------------


def _binary_with_nuls() -> bytes:
    data = bytearray(random.Random(20210823).randbytes(4096))
    data[10:20] = bytes(10)
    return bytes(data)


BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t \r\n",
    "random.bin": _binary_with_nuls(),
    "mostly-ascii-with-nuls.bin": b"plain words\x00here " * 200,
    "paper.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    assert_one_line_error(*run(["clean", str(path)], capsys))


def test_damaged_pdf_error_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(BAD_FILES["paper.pdf"])  # a PDF header and nothing a reader can open
    _, _, err = run(["clean", str(path)], capsys)
    assert "damaged or truncated PDF" in err
    assert "complete copy" in err


def test_nonexistent_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["clean", str(tmp_path / "no-such-file.txt")], capsys)
    assert_one_line_error(code, out, err)
    assert "no-such-file.txt" in err


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_line_error(*run(["clean", str(tmp_path)], capsys))


@pytest.mark.parametrize("name", ["empty.txt", "photo.png", "random.bin"])
def test_bad_bytes_raise_input_errors(name: str) -> None:
    with pytest.raises(copydesk.InputError):
        copydesk.clean(BAD_FILES[name])


def test_api_error_types(tmp_path: Path) -> None:
    with pytest.raises(copydesk.InputNotFoundError):
        copydesk.clean(tmp_path / "missing.txt")
    with pytest.raises(copydesk.InputNotFoundError):
        copydesk.clean(tmp_path)
    with pytest.raises(copydesk.EmptyInputError):
        copydesk.clean(b"")
    with pytest.raises(copydesk.NotTextError):
        copydesk.clean(BAD_FILES["paper.pdf"])
    with pytest.raises(copydesk.OptionError):
        copydesk.clean("Some text.", skip=["no-such-stage"])
    assert issubclass(copydesk.OptionError, copydesk.CopydeskError)
    assert issubclass(copydesk.InputError, copydesk.CopydeskError)


def test_missing_tesseract_is_its_own_error_with_exit_status_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An image needs OCR; without tesseract on PATH that is no fault of the input: its
    own error type (not an InputError), one line that says how to install it, exit 3."""
    from PIL import Image

    page = tmp_path / "page.png"
    Image.new("L", (600, 400), 255).save(page)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    code, out, err = run(["clean", str(page)], capsys)
    assert_one_line_error(code, out, err)
    assert code == 3
    assert "tesseract" in err and "apt-get install tesseract-ocr tesseract-ocr-eng" in err
    with pytest.raises(copydesk.OCRUnavailableError) as raised:
        copydesk.clean(page)
    assert not isinstance(raised.value, copydesk.InputError)
    assert isinstance(raised.value, copydesk.CopydeskError)


def test_clean_leaves_the_garbage_collector_as_it_found_it() -> None:
    """clean() pauses the cyclic collector while it works, and only then."""
    was = gc.isenabled()
    try:
        gc.enable()
        copydesk.clean("Some text.")
        assert gc.isenabled()
        with pytest.raises(copydesk.EmptyInputError):
            copydesk.clean(b"")  # an error on the way out still restarts it
        assert gc.isenabled()
        gc.disable()
        copydesk.clean("Some text.")
        assert not gc.isenabled()  # a caller's choice to keep it off stands
    finally:
        (gc.enable if was else gc.disable)()


# --- usage errors: exit 2 ---------------------------------------------------------------------


def test_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["clean", "x.txt", "--format", "xml"], capsys)
    assert code == 2
    assert out == ""
    assert "--format" in err
    assert "Traceback" not in err


def test_unknown_stage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["clean", "x.txt", "--skip", "no-such-stage"], capsys)
    assert code == 2
    assert out == ""
    assert "--skip" in err


def test_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([], capsys)
    assert code == 2
    assert out == ""
    assert "usage:" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    # The tests run on the sources (an editable install): the restorer is not compiled.
    assert not copydesk.COMPILED
    assert out.strip() == f"copydesk {copydesk.__version__} (pure Python)"


def test_help_lists_the_stages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["clean", "--help"], capsys)
    assert code == 0
    for name in copydesk.STAGE_NAMES:
        assert name in out


# --- encodings --------------------------------------------------------------------------------

ARTICLE = (
    "Crème Brûlée Returns\n"
    "\n"
    "By Bernard-Henri Lévy\n"
    "\n"
    "The café owner said the “naïve” idea — a soufflé at every table — was\n"
    "his own, and it cost him €40 a night.\n"
    "\n"
    "He is not sorry.\n"
)
TITLE_E = "Crème Brûlée Returns"
PARAGRAPHS = [
    "The café owner said the “naïve” idea — a soufflé at every table — was his own, "
    "and it cost him €40 a night.",
    "He is not sorry.",
]


def _mojibake(text: str) -> bytes:
    """UTF-8 bytes read as Windows-1252 and saved again as UTF-8, as a careless tool does.

    Bytes that cp1252 leaves undefined (0x9D, the tail of ”) come through as C1 controls,
    the way browsers and Windows tools pass them on.
    """
    broken = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8")
    )
    return broken.encode("utf-8")


ENCODINGS: dict[str, bytes] = {
    "utf-8": ARTICLE.encode("utf-8"),
    "utf-8-bom": b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
    "cp1252": ARTICLE.encode("cp1252"),
    "utf-16-le-bom": b"\xff\xfe" + ARTICLE.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + ARTICLE.encode("utf-16-be"),
    "crlf-utf-8": ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "crlf-cp1252": ARTICLE.replace("\n", "\r\n").encode("cp1252"),
    "crlf-utf-16-bom": ARTICLE.replace("\n", "\r\n").encode("utf-16"),
    "mojibake": _mojibake(ARTICLE),
}


def test_mojibake_input_is_really_broken() -> None:
    broken = ENCODINGS["mojibake"].decode("utf-8")
    assert "LÃ©vy" in broken
    assert "â€œnaÃ¯veâ€\x9d" in broken


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_decodes(encoding: str) -> None:
    article = copydesk.clean(ENCODINGS[encoding])
    assert article.title == TITLE_E
    assert article.authors == ["Bernard-Henri Lévy"]
    assert article.paragraphs == PARAGRAPHS


def test_crlf_offsets_point_into_the_source() -> None:
    article = copydesk.clean(ENCODINGS["crlf-utf-8"])
    assert "\r\n" in article.source
    for edit in article.edits:
        assert article.source[edit.start : edit.end] == edit.before


@pytest.mark.parametrize("encoding", ["cp1252", "mojibake", "utf-16-le-bom"])
def test_cli_reads_encoded_files(
    encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ENCODINGS[encoding])
    code, out, err = run(["clean", str(path), "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == TITLE_E
    assert data["paragraphs"] == PARAGRAPHS
