"""The metrics of the benchmark format: how close a restored article comes to the truth.

They are the metrics that ``score.py`` of the copydesk benchmark defines, written here so
that anyone can measure copydesk on their own articles without the benchmark's files.
Text is compared after Unicode NFKC and with every run of white space made one space.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from rapidfuzz.distance import Levenshtein

# In the order the tables print them: the body first, then the fields.
FIELDS = (
    "body_sim",
    "para_f1",
    "token_p",
    "token_r",
    "title",
    "dek",
    "authors",
    "published",
    "captions",
    "links",
    "bio",
)
BODY_METRICS = frozenset(FIELDS[:4])
# Fields of the truth that the metrics read, as ``annotated`` names them.
ANNOTATIONS = frozenset(
    {"paragraphs", "paragraphs_prefix", "title", "dek", "authors", "published", "captions"}
    | {"links", "bio"}
)

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def norm(text: object) -> str:
    """Text as the metrics compare it: NFKC, white space collapsed; not text at all: empty.

    >>> norm("  ﬁne\\n\\tprint "), norm(None)
    ('fine print', '')
    """
    if not isinstance(text, str):
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def words(text: str) -> list[str]:
    """The case-folded words of ``text``, for the bag-of-words precision and recall.

    >>> words("Don't STOP-now")
    ['don', 't', 'stop', 'now']
    """
    return _WORD.findall(text.casefold())


def f1(pred: Counter[str], truth: Counter[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of two multisets; two empty ones agree completely.

    >>> f1(Counter("aab"), Counter("ab"))
    (0.6666666666666666, 1.0, 0.8)
    >>> f1(Counter(), Counter())
    (1.0, 1.0, 1.0)
    """
    if not pred and not truth:
        return 1.0, 1.0, 1.0
    hit = sum((pred & truth).values())
    precision = hit / sum(pred.values()) if pred else 0.0
    recall = hit / sum(truth.values()) if truth else 0.0
    both = precision + recall
    return precision, recall, (2 * precision * recall / both if both else 0.0)


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def parse_time(value: object) -> datetime | None:
    """An ISO 8601 date or time (``Z`` for UTC too), or its date part; else ``None``.

    >>> parse_time("2021-08-23T12:56:00Z").isoformat(), parse_time("soon")
    ('2021-08-23T12:56:00+00:00', None)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            return None


def same_time(pred: object, truth: str) -> float:
    """1.0 when ``pred`` is the truth's date (and its time, where the truth has one).

    Times compare as instants where both carry an offset.

    >>> same_time("2021-08-23T12:56:00-04:00", "2021-08-23T16:56:00+00:00")
    1.0
    >>> same_time("2021-08-23T09:00:00", "2021-08-23"), same_time(None, "2021-08-23")
    (1.0, 0.0)
    """
    t, p = parse_time(truth), parse_time(pred)
    if t is None or p is None:
        return 0.0
    if len(truth.strip()) <= 10:  # a date alone
        return float(p.date() == t.date())
    if t.tzinfo and p.tzinfo:
        return float(p.astimezone(UTC) == t.astimezone(UTC))
    return float(p.replace(tzinfo=None) == t.replace(tzinfo=None))


def _names(values: object) -> Counter[str]:
    return Counter(norm(x).casefold() for x in _as_list(values) if norm(x))


def _caption_texts(values: object) -> Counter[str]:
    return Counter(norm(c.get("text") if isinstance(c, dict) else c) for c in _as_list(values))


def _urls(values: object) -> Counter[str]:
    return Counter(norm(u) for u in _as_list(values) if norm(u))


def body_paragraphs(
    pred: Mapping[str, Any], truth: Mapping[str, Any]
) -> tuple[list[str], list[str]]:
    """The predicted and true paragraphs as the body metrics compare them: normalized, empty
    ones left out, and the prediction cut to the truth's length where the truth holds only
    the first paragraphs (``paragraphs_prefix``)."""
    annotated = set(truth.get("annotated", []))
    true = [p for p in map(norm, _as_list(truth.get("paragraphs"))) if p]
    got = [p for p in map(norm, _as_list(pred.get("paragraphs"))) if p]
    if "paragraphs_prefix" in annotated and "paragraphs" not in annotated:
        got = got[: len(true)]
    return got, true


def _same_text(field: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], float]:
    def score(pred: Mapping[str, Any], truth: Mapping[str, Any]) -> float:
        return float(norm(pred.get(field)).casefold() == norm(truth.get(field)).casefold())

    return score


_FIELD_SCORES: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], float]] = {
    "title": _same_text("title"),
    "dek": _same_text("dek"),
    "bio": _same_text("bio"),
    "authors": lambda p, t: f1(_names(p.get("authors")), _names(t.get("authors")))[2],
    "published": lambda p, t: same_time(p.get("published"), t.get("published") or ""),
    "captions": lambda p, t: f1(
        _caption_texts(p.get("captions")), _caption_texts(t.get("captions"))
    )[2],
    "links": lambda p, t: f1(_urls(p.get("links")), _urls(t.get("links")))[2],
}


def score_case(pred: Mapping[str, Any], truth: Mapping[str, Any]) -> dict[str, float]:
    """Every metric the truth's ``annotated`` fields allow, for one prediction.

    ``body_sim`` is 1 − the normalized Levenshtein distance of the paragraphs joined by
    newlines; ``para_f1`` the F1 of exactly matching paragraphs; ``token_p`` and ``token_r``
    the bag-of-words precision and recall of the body; ``title``, ``dek`` and ``bio`` exact
    (case aside); ``authors``, ``captions`` and ``links`` F1 over the sets; ``published``
    the date (and time, where the truth has one) equal.

    >>> truth = {"title": "A Day", "paragraphs": ["One two.", "Three."],
    ...          "annotated": ["title", "paragraphs"]}
    >>> scores = score_case({"title": "a day", "paragraphs": ["One two. Three."]}, truth)
    >>> {metric: round(value, 3) for metric, value in scores.items()}
    {'body_sim': 0.933, 'para_f1': 0.0, 'token_p': 1.0, 'token_r': 1.0, 'title': 1.0}
    """
    annotated = set(truth.get("annotated", []))
    out: dict[str, float] = {}
    if annotated & {"paragraphs", "paragraphs_prefix"}:
        got, true = body_paragraphs(pred, truth)
        out["body_sim"] = Levenshtein.normalized_similarity("\n".join(got), "\n".join(true))
        out["para_f1"] = f1(Counter(got), Counter(true))[2]
        precision, recall, _ = f1(Counter(words(" ".join(got))), Counter(words(" ".join(true))))
        out["token_p"], out["token_r"] = precision, recall
    for field in ("title", "dek", "bio", "authors", "published", "captions", "links"):
        if field in annotated:
            out[field] = _FIELD_SCORES[field](pred, truth)
    return out
