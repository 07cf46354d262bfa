"""The HTML reader, through the public API (``copydesk.clean``) and the command line.

The fixtures under ``tests/data/html/`` are written by hand to look like the pages people
save: a news article with navigation, share buttons, a lead photo, an advertisement, related
links, a newsletter box and a footer around it; and an old blog page in Latin-1 whose
headline, byline and date are plain paragraphs inside the post.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copydesk
from copydesk.cli import main
from copydesk.readers.html import read_html

DATA = Path(__file__).parent / "data" / "html"
ARTICLE = DATA / "article.html"
BLOG = DATA / "blog-latin1.html"

TITLE = "City Council Approves Plan to Reopen the Old Harbor Ferry"
PARAGRAPHS = [
    "The Riverside City Council voted 7-2 on Monday night to bring back ferry service across "
    "the harbor, ending a 34-year gap that began when the last boat was sold for scrap in 1987.",
    "The plan, first proposed by Council Member Ana Ruiz in 2019, calls for two boats carrying "
    "up to 150 passengers each to run between Pier 4 and the East Landing every 30 minutes "
    "during the morning and evening rush. The full plan is posted on the city’s website.",
    "“People have been asking for this for as long as I have been on the council,” Ms. Ruiz "
    "said after the vote. “Today we finally said yes.”",
    "Supporters say the ferry will take pressure off the Harbor Bridge, where traffic has grown "
    "by a third in the past decade according to a state transportation report. Opponents, "
    "including the two council members who voted no, questioned whether ridership would be "
    "high enough to justify the cost.",
    "The city estimates the first year of service will cost $4.2 million, about half of which "
    "will be covered by a federal grant. Fares have not been set, but city officials said they "
    "expect a one-way ticket to cost about the same as a bus ride. An earlier feasibility study "
    "put the break-even point at 2,500 riders a day.",
    "Council Member Tom Becker, who voted against the plan, said the money would be better "
    "spent on buses. “We are buying boats for a few hundred commuters while thousands wait in "
    "the rain for the No. 12,” he said. He pointed to the same plan, which projects 1,800 "
    "riders a day in the first year.",
    "Service is expected to begin in the spring of 2023, once the Pier 4 dock has been rebuilt "
    "and the two boats have been delivered.",
]
LINKS = [
    "https://www.riverside.example/council/ferry-plan.pdf",
    "https://www.dot.example/reports/harbor-bridge-2020",
    # relative on the page: resolved against its canonical URL
    "https://www.riversideledger.example/news/2020/03/02/ferry-study",
]
# Text of the page around the article, none of which is the article.
FURNITURE = [
    "Skip to main content",
    "Subscribe for $1 a week",
    "Politics",
    "Breaking: Storm watch",
    "Local News",
    "By Jane Doe",
    "Aug. 23, 2021",
    "Share on Facebook",
    "Email this story",
    "Advertisement",
    "Related Coverage",
    "Harbor Bridge traffic hits a record high",
    "Morning Ledger newsletter",
    "Privacy policy",
    "All rights reserved",
]


@pytest.fixture(scope="module")
def article() -> copydesk.Article:
    return copydesk.clean(ARTICLE)


# --- the news article -----------------------------------------------------------------------


def test_head_of_the_article(article: copydesk.Article) -> None:
    assert article.title == TITLE
    assert article.authors == ["Jane Doe", "John Roe"]
    # The page's metadata gives the minute and the offset, not just the day.
    assert article.published == "2021-08-23T12:56:00-04:00"
    # The meta description is a summary for search engines, not printed on the page.
    assert article.dek is None


def test_paragraphs_exactly(article: copydesk.Article) -> None:
    assert article.paragraphs == PARAGRAPHS


def test_nothing_around_the_article_gets_in(article: copydesk.Article) -> None:
    body = "\n".join(article.paragraphs)
    for text in [*FURNITURE, TITLE, "The old ferry dock at Pier 4, which"]:
        assert text not in body


def test_caption_with_its_credit(article: copydesk.Article) -> None:
    assert article.captions == [
        copydesk.Caption(
            text="The old ferry dock at Pier 4, which has stood empty since the service ended "
            "in 1987.",
            credit="Maria Santos/The Riverside Ledger",
        )
    ]


def test_links_of_the_body_only(article: copydesk.Article) -> None:
    # The plan is linked twice: once is enough. Share, nav, related and footer links are
    # not the article's.
    assert article.links == LINKS


def test_source_is_the_paragraphs_and_edits_point_into_it(article: copydesk.Article) -> None:
    assert article.source == "\n\n".join(PARAGRAPHS)
    for edit in article.edits:
        assert article.source[edit.start : edit.end] == edit.before


def test_bytes_give_the_same_article(article: copydesk.Article) -> None:
    from_bytes = copydesk.clean(ARTICLE.read_bytes())
    assert from_bytes.to_dict() == article.to_dict()


def test_draft_says_its_structure_is_known() -> None:
    draft = read_html(ARTICLE.read_bytes(), str(ARTICLE))
    assert draft.facts.medium == "html"
    assert draft.facts.one_paragraph_per_line
    assert draft.stages == frozenset({"unicode", "paragraphs", "lists", "words"})
    assert [line.text for line in draft.lines if line.text] == PARAGRAPHS


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["clean", str(ARTICLE), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.err == ""
    data = json.loads(captured.out)
    assert data["title"] == TITLE
    assert data["authors"] == ["Jane Doe", "John Roe"]
    assert data["published"] == "2021-08-23T12:56:00-04:00"
    assert data["paragraphs"] == PARAGRAPHS
    assert data["captions"][0]["credit"] == "Maria Santos/The Riverside Ledger"
    assert data["links"] == LINKS


def test_cli_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(ARTICLE), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {TITLE}\n")
    assert "Jane Doe" in out and PARAGRAPHS[-1] in out


# --- an old blog page -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blog() -> copydesk.Article:
    return copydesk.clean(BLOG)


def test_declared_latin1_is_read_as_cp1252(blog: copydesk.Article) -> None:
    # Curly quotes are cp1252 bytes in a page that says ISO-8859-1, as browsers read it.
    quote = "“We will never again plant lettuce in full sun in May,” said Tomás Ortega"
    assert any(p.startswith(quote) for p in blog.paragraphs)
    assert blog.authors == ["Anne-Marie Lévêque"]


def test_headline_byline_and_date_set_as_paragraphs(blog: copydesk.Article) -> None:
    assert blog.title == "Notes From the Allotment: What the Dry Spring Taught Us"
    assert blog.published == "2015-03-05"
    assert blog.paragraphs[0].startswith("It was the driest spring")
    body = "\n".join(blog.paragraphs)
    for text in ["Notes From the Allotment", "By Anne-Marie", "March 5, 2015"]:
        assert text not in body


def test_subheads_list_items_and_quotes_are_blocks(blog: copydesk.Article) -> None:
    assert blog.paragraphs[3:8] == [
        "What worked",
        "Mulching every bed with straw in early March, before the soil dried out.",
        "Watering deeply twice a week instead of a little every evening.",
        "Sharing one rota for the communal hose, pinned to the shed door.",
        "What did not",
    ]
    assert blog.paragraphs[9].startswith("“We will never again")
    assert len(blog.paragraphs) == 11


def test_two_line_breaks_part_a_paragraph(blog: copydesk.Article) -> None:
    assert blog.paragraphs[1] == (
        "We learned a great deal, most of it the hard way. Here is what we would do again, "
        "and what we would not."
    )
    assert blog.paragraphs[2] == (
        "First, the good news: the beans did far better than anyone expected, and the garlic "
        "has never been so sweet."
    )


def test_sidebar_and_footer_stay_out(blog: copydesk.Article) -> None:
    body = "\n".join(blog.paragraphs)
    for text in ["Recent posts", "The great seed swap", "Powered by", "Archive"]:
        assert text not in body


# --- pages without an article -----------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        b"<html><body></body></html>",
        b"<!DOCTYPE html><html><head><title>Nothing</title></head><body>  </body></html>",
        b"<html><head><script>var a = 1;</script></head><body><div></div></body></html>",
    ],
)
def test_page_without_text_is_an_empty_input(page: bytes) -> None:
    with pytest.raises(copydesk.EmptyInputError) as caught:
        copydesk.clean(page)
    message = str(caught.value)
    assert "\n" not in message
    assert "no article text found" in message


def test_cli_page_without_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(b"<html><body></body></html>")
    code = main(["clean", str(path)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("copydesk: error:"), captured.err
    assert str(path) in lines[0] and "Traceback" not in captured.err


def test_xml_declared_xhtml_page() -> None:
    # lxml refuses text that still declares an encoding; the reader has decoded it already.
    page = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>A short note</title></head>'
        b"<body><article><h1>A short note</h1>"
        b"<p>This note has one paragraph that is long enough for the extractor to keep it as "
        b"the text of the page, with a few more words for luck.</p>"
        b"</article></body></html>"
    )
    article = copydesk.clean(page)
    assert article.paragraphs == [
        "This note has one paragraph that is long enough for the extractor to keep it as the "
        "text of the page, with a few more words for luck."
    ]


# --- the standfirst ---------------------------------------------------------------------------

TEXT = (
    "<p>The first paragraph of the story runs long enough for the extractor to keep it, "
    "telling what happened at the harbor on Monday night and why it matters.</p>"
    "<p>The second paragraph goes on with the reactions of the people who were there, "
    "with a quote or two and the numbers that the council gave out afterwards.</p>"
)


def page(head: str, header: str, body: str = TEXT) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><title>Harbor vote</title>{head}</head><body>"
        f"<article><header><h1>Harbor vote</h1>{header}</header>"
        f"<div class='body'>{body}</div></article></body></html>"
    ).encode()


def test_standfirst_marked_as_such() -> None:
    dek = "The council voted to bring the ferry back after thirty-four years."
    article = copydesk.clean(page("", f"<p class='article-standfirst'>{dek}</p>"))
    assert article.dek == dek
    assert dek not in article.paragraphs


def test_description_printed_under_the_headline_is_the_dek() -> None:
    dek = "The council voted to bring the ferry back after thirty-four years."
    head = f'<meta name="description" content="{dek}">'
    article = copydesk.clean(page(head, f"<div>{dek}</div>"))
    assert article.dek == dek


def test_description_that_is_the_lede_stays_in_the_body() -> None:
    lede = TEXT.split("</p>")[0].removeprefix("<p>")
    head = f'<meta name="description" content="{lede}">'
    article = copydesk.clean(page(head, ""))
    assert article.dek is None
    assert article.paragraphs[0] == lede
