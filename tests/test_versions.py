"""The renditions finder (copydesk.corpus.versions): the dev set's renditions of one article
found and no two articles joined, the seed article's partial rendition joined to the whole,
determinism, argument checks, short and empty bodies.
"""

from __future__ import annotations

import json
import random
import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
import wordfreq
from datasketch import LeanMinHash, MinHash, MinHashLSH

import copydesk
from copydesk.corpus import versions
from copydesk.corpus.versions import find_versions, pair_scores
from copydesk.errors import OptionError

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "bench" / "dev"
SEEDS = SHARED / "seeds"
BROKEN = SEEDS / "000_9a75605a1331ce5d.txt"  # the seed article, whole, as a broken rendition
PUBLISHED = SEEDS / "003_4ae584b06e6ae996.txt"  # its first five paragraphs as published

needs_dev = pytest.mark.skipif(
    not (DEV / "manifest.jsonl").is_file(),
    reason=f"benchmark data not found at {DEV} (check out ../shared beside the repo)",
)
needs_seeds = pytest.mark.skipif(
    not (BROKEN.is_file() and PUBLISHED.is_file()),
    reason=f"seed articles not found in {SEEDS} (check out ../shared beside the repo)",
)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class DevCase:
    def __init__(self, case: dict[str, str]) -> None:
        self.id = case["case"]
        self.doc = case["doc"]
        self.truth = tuple(
            norm(p) for p in json.loads((DEV / case["truth"]).read_text("utf-8"))["paragraphs"]
        )
        article = copydesk.clean((DEV / case["txt"]).read_text(encoding="utf-8"))
        self.body = "\n\n".join(article.paragraphs)


@pytest.fixture(scope="module")
def dev() -> list[DevCase]:
    """Every dev case restored from its input.txt, in manifest order."""
    lines = (DEV / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [DevCase(json.loads(line)) for line in lines if line.strip()]


def articles(cases: list[DevCase]) -> dict[str, str]:
    """Case id -> article. A case is a rendition of the manifest's ``doc``; two docs whose
    truths hold the same body are one article too (the README: lifehacker-post-comment-load
    is "the same article as lifehacker-working")."""
    parent: dict[str, str] = {}

    def find(doc: str) -> str:
        while parent.get(doc, doc) != doc:
            doc = parent[doc]
        return doc

    by_truth: dict[tuple[str, ...], str] = {}
    for case in cases:
        one, other = find(case.doc), find(by_truth.setdefault(case.truth, case.doc))
        if one != other:
            parent[max(one, other)] = min(one, other)
    return {case.id: find(case.doc) for case in cases}


@needs_dev
def test_dev_renditions_are_found(dev: list[DevCase]) -> None:
    truth = articles(dev)
    assert len(set(truth.values())) < len(dev), "the dev set holds no two renditions of one"
    clusters = find_versions([(c.id, c.body) for c in dev])
    precision, recall = pair_scores(clusters, truth)
    assert precision >= 0.99, f"pair precision {precision:.4f}, recall {recall:.4f}"
    assert recall >= 0.95, f"pair precision {precision:.4f}, recall {recall:.4f}"


@needs_dev
@needs_seeds
def test_seed_partial_rendition_joins_the_whole(dev: list[DevCase]) -> None:
    whole = "\n\n".join(copydesk.clean(BROKEN).paragraphs)
    partial = "\n\n".join(copydesk.clean(PUBLISHED).paragraphs)
    published = tuple(norm(p) for p in PUBLISHED.read_text("utf-8").split("\n\n") if p.strip())
    # A dev case whose truth is the published beginning of the seed article is a rendition
    # of it too; every other dev article must stay out of the seed's cluster.
    of_seed = {c.id for c in dev if c.truth and c.truth == published[: len(c.truth)]}
    bodies = [("seed-whole", whole), *((c.id, c.body) for c in dev), ("seed-partial", partial)]
    clusters = find_versions(bodies)
    seed = next(c for c in clusters if "seed-whole" in c)
    assert "seed-partial" in seed
    assert set(seed) == {"seed-whole", "seed-partial"} | of_seed


def synthetic(rng: random.Random, count: int) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Articles of random common words, each with renditions: the whole, its first two
    paragraphs (paywalled), and one set as a typeset PDF's text (curly apostrophes, the
    "fi" ligature, lines broken with hyphens). Returns the bodies and their articles."""
    words = wordfreq.top_n_list("en", 5000)
    bodies: list[tuple[str, str]] = []
    article: dict[str, str] = {}
    for n in range(count):
        paragraphs = [
            " ".join(rng.choice(words) for _ in range(rng.randint(25, 60))).capitalize() + "."
            for _ in range(rng.randint(6, 10))
        ]
        whole = "\n\n".join(paragraphs)
        typeset = whole.replace("'", "\u2019").replace("fi", "\ufb01")
        lines = re.sub(r"(.{50,70}?) (\w{3})(\w{3,})", r"\1 \2-\n\3", typeset)
        for kind, text in (("whole", whole), ("paywalled", "\n\n".join(paragraphs[:2]))):
            bodies.append((f"a{n}.{kind}", text))
        bodies.append((f"a{n}.typeset", lines))
        article.update({f"a{n}.{k}": f"a{n}" for k in ("whole", "paywalled", "typeset")})
    return bodies, article


def test_synthetic_renditions_are_found() -> None:
    bodies, article = synthetic(random.Random(5), 40)
    rng = random.Random(6)
    rng.shuffle(bodies)
    clusters = find_versions(bodies)
    assert pair_scores(clusters, article) == (1.0, 1.0)


def test_a_quoted_paragraph_does_not_join_two_articles() -> None:
    rng = random.Random(7)
    words = wordfreq.top_n_list("en", 5000)

    def paragraph(length: int) -> str:
        return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."

    # A short article, most of it one paragraph, and a long one that quotes that paragraph
    # in its middle: the short one is mostly inside the long one, which is still another
    # article (it does not open as the short one does, and the quote is a small part of it).
    short = [paragraph(15), paragraph(80)]
    long = [paragraph(40) for _ in range(5)]
    quoting = [*long[:3], short[1], *long[3:]]
    bodies = [("short", "\n\n".join(short)), ("quoting", "\n\n".join(quoting))]
    assert find_versions(bodies) == [["short"], ["quoting"]]
    # Where it opens as the long one does, it is a partial rendition of it.
    paywalled = [("paywalled", "\n\n".join(quoting[:2])), bodies[1]]
    assert find_versions(paywalled) == [["paywalled", "quoting"]]


def test_a_paywalled_page_with_a_small_share_of_the_article_joins_it() -> None:
    rng = random.Random(14)
    words = wordfreq.top_n_list("en", 5000)
    paragraphs = [" ".join(rng.choice(words) for _ in range(45)) for _ in range(16)]
    other = " ".join(rng.choice(words) for _ in range(600))
    # The first of sixteen paragraphs: a sixteenth of the whole, found by their leads.
    bodies = [
        ("whole", "\n\n".join(paragraphs)),
        ("other", other),
        ("paywalled", paragraphs[0]),
    ]
    assert find_versions(bodies) == [["whole", "paywalled"], ["other"]]


def test_furniture_found_all_over_the_corpus_joins_nothing() -> None:
    bodies, article = synthetic(random.Random(15), 10)
    furniture = (
        "Skip to main content\n\nShare on Facebook Share on Twitter Share via Email\n\n"
        "Sign up for our daily briefing and get the news in your inbox\n\n"
    )
    # Every page of the site opens with its furniture; a stub of it, with a line of its
    # own, is inside every one of them but a rendition of none.
    bodies = [(d, furniture + t) for d, t in bodies]
    stub = ("stub", furniture + "Please enable cookies to continue.")
    clusters = find_versions([*bodies, stub])
    assert ["stub"] in clusters
    assert pair_scores([c for c in clusters if c != ["stub"]], article) == (1.0, 1.0)


def test_the_same_input_gives_the_same_clusters() -> None:
    bodies, _ = synthetic(random.Random(8), 30)
    once = json.dumps(find_versions(bodies))
    assert json.dumps(find_versions(bodies)) == once
    assert json.dumps(find_versions(iter(bodies), seed=1)) == once


def test_input_order_changes_only_the_order() -> None:
    bodies, _ = synthetic(random.Random(9), 30)
    clusters = find_versions(bodies)
    shuffled = list(bodies)
    random.Random(10).shuffle(shuffled)
    again = find_versions(shuffled)
    assert {frozenset(c) for c in again} == {frozenset(c) for c in clusters}
    position = {doc_id: i for i, (doc_id, _) in enumerate(shuffled)}
    for cluster in again:
        assert [position[d] for d in cluster] == sorted(position[d] for d in cluster)
    assert [position[c[0]] for c in again] == sorted(position[c[0]] for c in again)


def test_every_id_is_in_exactly_one_cluster() -> None:
    bodies, _ = synthetic(random.Random(11), 20)
    bodies += [("empty", ""), ("blank", " \n\n "), ("short", "Breaking news")]
    clusters = find_versions(bodies, threshold=0.3, num_perm=16, seed=7)
    members = [d for c in clusters for d in c]
    assert sorted(members) == sorted(d for d, _ in bodies)


def test_short_and_empty_bodies() -> None:
    long = " ".join(wordfreq.top_n_list("en", 400)[100:400])
    bodies = [
        ("empty", ""),
        ("blank", "   \n\n  "),
        ("symbols", "— * —"),
        ("one word", "Advertisement"),
        ("same word", "ADVERTISEMENT!"),
        ("two words", "Advertisement here"),
        ("long", long),
        ("opening", " ".join(long.split()[:8])),
    ]
    assert find_versions(bodies) == [
        ["empty"],
        ["blank"],
        ["symbols"],  # no words: empty
        ["one word", "same word"],  # identical words: near-identical
        ["two words"],
        ["long"],
        ["opening"],  # eight words inside a long body: too short to tell
    ]
    assert find_versions([]) == []
    assert find_versions([("alone", "")]) == [["alone"]]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 0}, "threshold 0 is out of range"),
        ({"threshold": -0.5}, "threshold -0.5 is out of range"),
        ({"threshold": 1.01}, "threshold 1.01 is out of range"),
        ({"threshold": float("nan")}, "threshold nan is out of range"),
        ({"threshold": "0.5"}, "threshold '0.5' is out of range"),
        ({"threshold": True}, "threshold True is out of range"),
        ({"num_perm": 8}, "num_perm 8 is too few"),
        ({"num_perm": 128.0}, "num_perm 128.0 is too few"),
        ({"seed": -1}, "seed -1 cannot seed"),
        ({"seed": 1 << 32}, "seed 4294967296 cannot seed"),
    ],
)
def test_options_are_checked(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError, match=re.escape(message)) as raised:
        find_versions([("a", "text")], **kwargs)  # type: ignore[arg-type]
    assert "give" in str(raised.value)


@pytest.mark.parametrize(
    ("bodies", "message"),
    [
        ([("a", "one"), ("b", "two"), ("a", "three")], "document id 'a' is given twice"),
        ([("a", b"bytes")], "the body of 'a' is bytes, not text"),
        ([(1, "text")], "document id 1 is not text"),
        ([("a", "text", "extra")], "is not a (document id, body text) pair"),
        (["ab"], "'ab' is not a (document id, body text) pair"),
    ],
)
def test_bodies_are_checked(bodies: list[object], message: str) -> None:
    with pytest.raises(OptionError, match=re.escape(message)) as raised:
        find_versions(bodies)  # type: ignore[arg-type]
    assert "give" in str(raised.value)


def test_threshold_one_joins_copies_only() -> None:
    bodies, _ = synthetic(random.Random(12), 10)
    wholes = [(d, t) for d, t in bodies if d.endswith(".whole")]
    copies = [(d + " copy", t) for d, t in wholes]
    misspelt = [(d + " misspelt", re.sub(r"(\w+ ){30}(\w)", r"\g<0>x", t)) for d, t in wholes]
    clusters = find_versions([*wholes, *copies, *misspelt], threshold=1.0)
    assert clusters == [[d, d + " copy"] for d, _ in wholes] + [[d] for d, _ in misspelt]
    assert len(find_versions([*wholes, *misspelt], threshold=0.5)) == len(wholes)


def test_signatures_are_datasketchs() -> None:
    text = " ".join(wordfreq.top_n_list("en", 300))
    ((_, grams, _, _),) = versions._gram_blocks([text])
    expected = MinHash(num_perm=64, seed=3, scheme="affine32", hashfunc=int)
    expected.update_batch(grams.tolist())
    sketches = versions._sketch([text], 64, 3)
    assert np.array_equal(sketches.body[0], expected.hashvalues)
    lead = MinHash(num_perm=64, seed=3, scheme="affine32", hashfunc=int)
    lead.update_batch(grams[: versions._LEAD].tolist())
    assert np.array_equal(sketches.lead[0], lead.hashvalues)


def test_banding_finds_the_pairs_datasketchs_index_finds() -> None:
    bodies, _ = synthetic(random.Random(13), 25)
    sketches = versions._sketch([text for _, text in bodies], 128, 1)
    params = versions._lsh_params(128, 0.5)
    found = {tuple(p) for p in versions._candidates(sketches, params).tolist()}
    expected: set[tuple[int, ...]] = set()
    for signatures in (sketches.body, sketches.lead):
        lsh = MinHashLSH(num_perm=128, params=params)
        for row, values in enumerate(signatures):
            lsh.insert(row, LeanMinHash(seed=1, hashvalues=values, scheme="affine32"))
        for table in lsh.hashtables:
            for key in table.itemcounts():
                expected.update(combinations(sorted(table.get(key)), 2))
    assert len(expected) >= len(bodies)  # the renditions of each article at least
    assert found == expected


def test_a_chance_agreement_is_no_evidence() -> None:
    # A body of 340 3-grams and one of 15,000: their signatures agreeing on one value of
    # 128 would make the short one "34 % held" in the long one.
    signatures = np.zeros((2, 128), dtype=np.uint32)
    signatures[1, 1:] = 1
    sizes = np.array([340, 15_000], dtype=np.int64)
    first, second = np.array([0]), np.array([1])
    assert versions._shared(signatures, first, second, sizes)[0] == 0.0
    signatures[1, :20] = 0  # twenty agreements are no chance: about 2,000 shared 3-grams
    assert 1500 < versions._shared(signatures, first, second, sizes)[0] < 2500
