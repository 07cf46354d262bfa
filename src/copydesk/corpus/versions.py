"""Find the renditions of one article in a corpus: MinHash LSH over the restored bodies.

Renditions of one article differ: a web print and a typeset PDF of the same text, OCR
errors, other line breaks, page furniture that leaked in, and partial renditions (a
paywalled page holding only the first paragraphs). The Jaccard similarity of a partial
and the whole is low, so two bodies are matched on *containment*: the share of the
shorter body's word 3-grams that the longer one holds.

How, in time near-linear in the size of the corpus (no pair is compared unless LSH puts
it in one bucket):

1. Each body becomes its word 3-grams (lower-cased words; a hyphen inside a word or at a
   line end dropped, so ``infor-\\nmation`` and ``information`` agree), hashed with a
   stable hash (never Python's salted ``hash()``). 3-grams found in many bodies (page
   furniture, stock phrases) are set aside where a body has enough others.
2. Two MinHash signatures per body, the values datasketch's ``MinHash`` (scheme
   ``affine32``) gives, computed for many bodies at once with numpy: one of the whole
   body, one of its *lead* (its first :data:`_LEAD` 3-grams). A partial rendition opens
   as the whole does, so their leads agree even when it holds a tenth of the whole.
3. Both are banded as datasketch's ``MinHashLSH`` bands them; bodies that share a bucket
   of either index are candidate pairs.
4. Each candidate pair is verified on its signatures: the 3-grams the two share are
   estimated from the body signatures and, as a lower bound, from the lead signatures (a
   lead is part of its body); an estimate counts only where chance agreement between
   unrelated bodies would be unlikely.
5. Union-find builds the clusters: two bodies that each hold ``threshold`` of the other
   are joined; a shorter body held in a longer one joins its single best container, if
   it makes up a fair part of it or opens as it does (so a paragraph quoted in another
   article does not make the two one, and a short body found inside two articles cannot
   bridge them).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from datasketch import MinHash

from copydesk.errors import OptionError

__all__ = ["find_versions", "pair_scores"]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
_Int = TypeVar("_Int", np.uint32, np.uint64, np.int64)

# Words per shingle. One OCR error breaks three 3-grams (five 5-grams), while different
# articles share hardly any 3-grams: on the dev set the shorter of two different articles
# has at most 3 % of its 3-grams in the other, renditions of one article 79 % or more.
_K = 3
# 3-grams in a body's lead: about the first paragraph. A partial rendition is found by its
# lead when it holds at least a third of that much text.
_LEAD = 64
# A body with fewer distinct 3-grams of its own (not common ones) than this, about a dozen
# words, is too short for containment to mean anything: it joins another body only when
# the two are near-identical.
_MIN_CONTAINED = 10
# A 3-gram found in more bodies than this, and than this share of a larger corpus, is
# common: furniture or a stock phrase. Renditions of one article are a handful of bodies.
_COMMON_DOCS = 20
_COMMON_SHARE = 0.001
# LSH finds with this probability two bodies of equal length, each holding the threshold
# of the other (Jaccard similarity t / (2 - t)).
_LSH_RECALL = 0.995
# A bucket shared by more bodies than this (a mass of near-duplicates) pairs each body with
# its next ones only, so that the work stays linear in the bucket's size.
_BUCKET_WINDOW = 16
# Unrelated bodies share stock phrases: the share of the shorter one's 3-grams that chance
# agreement of signatures is judged against (the dev set's worst is 3 %).
_BACKGROUND = 0.05
# ln(1/p): an estimate of shared 3-grams counts when the signatures agree more than two
# unrelated bodies of those sizes would with probability p = e**-12 (about 6e-6).
_SURPRISE = 12.0
# How much of the longer body a shorter one held in it must make up, or how much of their
# leads must agree, for the longer one to be a rendition of the same article.
_EXPLAINED = 0.4
# Text (bytes) turned into 3-grams at a time; 3-grams permuted at a time (a num_perm x this
# uint32 buffer: 8 MB at 128 permutations); candidate pairs verified at a time.
_TEXT_BLOCK = 1 << 19
_PERMUTE_BLOCK = 1 << 14
_PAIR_BLOCK = 1 << 14

_HYPHEN_JOIN = re.compile(r"(?<=\w)[-\u2010\u00ad]\n?(?=\w)")
_WORD = re.compile(r"\w+")
_HYPHEN_JOIN_ASCII = re.compile(rb"(?<=\w)-\n?(?=\w)")
# ASCII letters lower-cased, digits and "_" kept (what \w matches in ASCII), all else a space.
_ASCII_WORDS = bytes(
    (ord(chr(c).lower()) if chr(c).isalnum() or chr(c) == "_" else 0x20) if c < 128 else 0x20
    for c in range(256)
)
# Stands in for the missing words of a body too short for one 3-gram: no text holds it.
_PAD = b" \x01"
# The base of the words' polynomial hash (FNV's 64-bit prime).
_POLY = np.uint64(0x100000001B3)
# Odd 64-bit multipliers (digits of pi, e and sqrt 2) that place each word of a 3-gram.
_GRAM_MULT = np.array([0x243F6A8885A308D3, 0xB7E151628AED2A6B, 0x6A09E667F3BCC909], np.uint64)
_MAX32 = np.uint32(0xFFFFFFFF)


def find_versions(
    bodies: Iterable[tuple[str, str]],
    *,
    threshold: float = 0.5,
    num_perm: int = 128,
    seed: int = 1,
) -> list[list[str]]:
    """Group documents that are renditions of one article.

    ``bodies`` holds ``(document id, restored body text)`` pairs, e.g.
    ``(path, "\\n\\n".join(article.paragraphs))``. Returns the clusters: every id in
    exactly one cluster (a document with no other rendition is a cluster of its own),
    members in input order, clusters in the order of their first member. The same input
    gives the same clusters; reordering the input reorders them, and nothing else.

    Two bodies are renditions of one article when each holds at least ``threshold`` of
    the other's word 3-grams, or when the shorter holds that much of its own in the
    longer and either makes up a fair part of it or opens as it does (a partial
    rendition). Containment is estimated from ``num_perm`` MinHash permutations drawn
    from ``seed``; fewer permutations are faster and less accurate. An empty body (no
    words) is always alone, even beside another empty one; a body of fewer than about a
    dozen words of its own joins another only when the two are near-identical.

    >>> lead = ("The council voted on Tuesday to close the old bridge to all traffic from "
    ...         "next month, after engineers found cracks in two of its piers.")
    >>> rest = ("Repairs will take two years and cost four million pounds, officials said. "
    ...         "Buses will be diverted over the ring road while the work goes on. "
    ...         "Shops near the bridge fear that they will lose their passing trade.")
    >>> find_versions([
    ...     ("web", lead + "\\n\\n" + rest),
    ...     ("recipe", "Mix the flour, water, salt and yeast, then leave the dough to rise."),
    ...     ("paywalled", lead),
    ... ])
    [['web', 'paywalled'], ['recipe']]
    """
    return _find_versions_timed(bodies, threshold=threshold, num_perm=num_perm, seed=seed)[0]


def _find_versions_timed(
    bodies: Iterable[tuple[str, str]], *, threshold: float, num_perm: int, seed: int
) -> tuple[list[list[str]], dict[str, float]]:
    """:func:`find_versions`, and the seconds it spent making signatures ("sketch") and
    finding and verifying pairs ("index"), for ``bench/versions.py``."""
    _check_options(threshold, num_perm, seed)
    ids, texts = _read_bodies(bodies)
    start = time.perf_counter()
    sketches = _sketch(texts, num_perm, seed)
    sketched = time.perf_counter()
    forest = _UnionFind(len(ids))
    pairs = _candidates(sketches, _lsh_params(num_perm, threshold))
    _link(sketches, pairs, threshold, forest)
    seconds = {"sketch": sketched - start, "index": time.perf_counter() - sketched}
    return forest.clusters(ids), seconds


def _check_options(threshold: float, num_perm: int, seed: int) -> None:
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0.0 < threshold <= 1.0
    ):
        raise OptionError(
            f"threshold {threshold!r} is out of range: give the share of a body that must be"
            " found in another, a number above 0 and at most 1 (0.5 is the default)"
        )
    if isinstance(num_perm, bool) or not isinstance(num_perm, int) or num_perm < 16:
        raise OptionError(
            f"num_perm {num_perm!r} is too few permutations to estimate containment:"
            " give a whole number of at least 16 (128 is the default)"
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 1 << 32:
        raise OptionError(
            f"seed {seed!r} cannot seed the permutations: give a whole number from 0 to"
            " 4294967295 (1 is the default)"
        )


def _read_bodies(bodies: Iterable[tuple[str, str]]) -> tuple[list[str], list[str]]:
    ids: list[str] = []
    texts: list[str] = []
    seen: set[str] = set()
    for item in bodies:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise OptionError(
                f"{item!r} is not a (document id, body text) pair: give each document as"
                " a pair of its id and its restored body"
            )
        doc_id, text = item
        if not isinstance(doc_id, str):
            raise OptionError(
                f"document id {doc_id!r} is not text: give every document a str id (e.g. its path)"
            )
        if doc_id in seen:
            raise OptionError(
                f"document id {doc_id!r} is given twice: give every document a unique id"
                " (e.g. its path)"
            )
        if not isinstance(text, str):
            raise OptionError(
                f"the body of {doc_id!r} is {type(text).__name__}, not text: give the"
                " restored body as a str (e.g. '\\n\\n'.join(article.paragraphs))"
            )
        seen.add(doc_id)
        ids.append(doc_id)
        texts.append(text)
    return ids, texts


@dataclass
class _Sketches:
    """Signatures and set sizes of every body, row i for document i."""

    body: U32  # (documents, num_perm) MinHash values of the body
    lead: U32  # (documents, num_perm) MinHash values of its lead
    size: I64  # distinct 3-grams of the body (0: an empty body)
    lead_size: I64  # distinct 3-grams of its lead
    thin: npt.NDArray[np.bool_]  # too little of its own to be found inside another body
    content: U64  # a hash of the body's signature, to order bodies by content


def _sketch(texts: list[str], num_perm: int, seed: int) -> _Sketches:
    # Hash values identical to datasketch's MinHash(num_perm, seed, scheme="affine32",
    # hashfunc=<identity>) given each body's 3-gram hashes: its permutations, its pre-mix.
    perm_a, perm_b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    a, b = perm_a.astype(np.uint32), perm_b.astype(np.uint32)
    n = len(texts)
    body = np.full((n, num_perm), _MAX32, dtype=np.uint32)
    lead = np.full((n, num_perm), _MAX32, dtype=np.uint32)
    size = np.zeros(n, dtype=np.int64)
    lead_size = np.zeros(n, dtype=np.int64)
    thin = np.ones(n, dtype=bool)
    blocks = list(_gram_blocks(texts))
    # Each body's distinct 3-grams take as much memory again as the 3-grams: they are let
    # go as soon as they are counted.
    distinct = np.concatenate([np.zeros(0, np.uint32)] + [block[3] for block in blocks])
    kept = [block[:3] for block in blocks]
    del blocks
    common = _common_grams(distinct, n)
    del distinct
    for first, grams, counts in kept:
        if not len(grams):
            continue
        owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
        # Furniture and stock phrases found all over the corpus say nothing of which
        # article a body is: it is known by its other 3-grams, where it has enough. One
        # that has not (a stub of furniture, one of a mass of copies of a text) keeps all
        # and is "thin".
        rare = ~_member(grams, common)
        enough = _distinct_counts(grams[rare], owner[rare], len(counts)) >= _MIN_CONTAINED
        keep = rare | ~enough[owner]
        grams, owner = grams[keep], owner[keep]
        counts = np.bincount(owner, minlength=len(counts))
        docs = np.flatnonzero(counts)
        rows = first + docs
        thin[rows] = ~enough[docs]
        # Each body is cut in two, its lead and the rest: one pass gives the lead's
        # signature, and the body's is the smaller of the two.
        lead_counts = np.minimum(counts, _LEAD)
        segments = np.stack([lead_counts, counts - lead_counts], axis=1).ravel()
        minima = np.full((len(segments), num_perm), _MAX32, dtype=np.uint32)
        minima[segments > 0] = _segment_min(_fmix32(grams), segments[segments > 0], a, b)
        lead[rows] = minima[0::2][docs]
        body[rows] = np.minimum(minima[0::2], minima[1::2])[docs]
        size[rows] = _distinct_counts(grams, owner, len(counts))[docs]
        at = np.arange(len(grams)) - np.repeat(np.cumsum(counts) - counts, counts)
        in_lead = at < _LEAD
        lead_size[rows] = _distinct_counts(grams[in_lead], owner[in_lead], len(counts))[docs]
    content = _band_keys(body, 0, num_perm)
    return _Sketches(body, lead, size, lead_size, thin, content)


def _common_grams(distinct: U32, n: int) -> U32:
    """The 3-gram hashes found in more than :data:`_COMMON_DOCS` bodies and more than
    :data:`_COMMON_SHARE` of them, sorted. ``distinct`` (each body's distinct 3-grams, end
    to end) is sorted in place.

    >>> _common_grams(np.array([7] * 21 + [5] * 20 + [9], dtype=np.uint32), 100)
    array([7], dtype=uint32)
    """
    distinct.sort()
    # Sorted, a value found in at least m bodies equals the value m - 1 places on.
    m = int(max(_COMMON_DOCS, _COMMON_SHARE * n)) + 1
    repeated = distinct[m - 1 :][distinct[m - 1 :] == distinct[: len(distinct) - m + 1]]
    return _unique_sorted(repeated)


def _gram_blocks(texts: list[str]) -> Iterator[tuple[int, U32, I64, U32]]:
    """Yield (index of the block's first body, 3-gram hashes of its bodies end to end,
    3-grams per body, the block's distinct 3-grams per body end to end) for blocks of
    about :data:`_TEXT_BLOCK` bytes."""
    first = 0
    pending: list[bytes] = []
    size = 0
    for i, text in enumerate(texts):
        words = _words(text)
        pending.append(words)
        size += len(words) + 1
        if size >= _TEXT_BLOCK or i == len(texts) - 1:
            hashes, lengths = _word_hashes(pending)
            grams, counts = _grams(hashes, lengths)
            owner = np.repeat(np.arange(len(counts), dtype=np.uint64), counts)
            keys = _unique_sorted((owner << np.uint64(32)) | grams.astype(np.uint64))
            yield first, grams, counts, (keys & np.uint64(_MAX32)).astype(np.uint32)
            first = i + 1
            pending, size = [], 0


def _words(text: str) -> bytes:
    """The words of a text, lower-cased, in UTF-8, separated by white space: runs of
    letters, digits and ``_``, a hyphen inside a word or at a line end dropped
    (``infor-\\nmation``, ``well-known``).

    >>> _words("Well-known infor-\\nmation: ﬁne, CAFÉ!").split()
    [b'wellknown', b'information', b'fine', b'caf\\xc3\\xa9']
    """
    if text.isascii():
        # The same words as the regular expressions below give, several times faster.
        raw = text.encode("ascii")
        if b"-" in raw:
            raw = _HYPHEN_JOIN_ASCII.sub(b"", raw)
        words = raw.translate(_ASCII_WORDS)
    else:
        # Compatibility forms: ligatures (ﬁ), full-width letters, superscripts.
        text = _HYPHEN_JOIN.sub("", unicodedata.normalize("NFKC", text))
        words = " ".join(_WORD.findall(text.lower())).encode("utf-8")
    found = len(words.split(None, _K))
    if 0 < found < _K:
        # Too short for one 3-gram: the words there are make one, padded with a word that
        # no text can hold.
        words += _PAD * (_K - found)
    return words


def _word_hashes(texts: list[bytes]) -> tuple[U64, list[int]]:
    """A stable 64-bit hash of every word of the texts (as :func:`_words` gives them), end
    to end, and how many words each text has.

    A word's hash is the polynomial sum of its bytes c_0 ... c_(n-1), c_k * M**k mod 2**64,
    finished with MurmurHash3's 64-bit mixer, for all words at once.

    >>> hashes, lengths = _word_hashes([b"the cat", b"", b" cat  the "])
    >>> lengths, bool(hashes[0] == hashes[3]), bool(hashes[1] == hashes[2])
    ([2, 0, 2], True, True)
    """
    joined = b" " + b" ".join(texts) + b" "
    data = np.frombuffer(joined, dtype=np.uint8)
    letter = data != 0x20
    starts = np.flatnonzero(letter[1:] & ~letter[:-1]) + 1
    ends = np.flatnonzero(letter[:-1] & ~letter[1:]) + 1
    # Text i ends at byte bounds[i] of the joined bytes, the space before the next one.
    bounds = np.cumsum([len(t) + 1 for t in texts])
    lengths = np.diff(np.searchsorted(starts, bounds), prepend=0).tolist()
    if not len(starts):
        return np.zeros(0, dtype=np.uint64), lengths
    spans = ends - starts
    at = np.flatnonzero(letter)
    powers = np.ones(int(spans.max()), dtype=np.uint64)
    np.cumprod(np.full(len(powers) - 1, _POLY, dtype=np.uint64), out=powers[1:])
    terms = data[at].astype(np.uint64) * powers[at - np.repeat(starts, spans)]
    return _fmix64(np.add.reduceat(terms, np.cumsum(spans) - spans)), lengths


def _fmix64(h: U64) -> U64:
    h = h ^ (h >> np.uint64(33))
    h *= np.uint64(0xFF51AFD7ED558CCD)
    h ^= h >> np.uint64(33)
    h *= np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _grams(words: U64, lengths: list[int]) -> tuple[U32, I64]:
    """3-gram hashes of consecutive words within each body, and how many per body."""
    size = np.array(lengths, dtype=np.int64)
    counts = np.maximum(size - (_K - 1), 0)
    if len(words) < _K:
        return np.zeros(0, dtype=np.uint32), counts
    width = len(words) - _K + 1
    mixed = words[:width] * _GRAM_MULT[0]
    for offset in range(1, _K):
        mixed += words[offset : offset + width] * _GRAM_MULT[offset]
    keep = np.ones(width, dtype=bool)
    ends = np.cumsum(size)
    # A window that starts in the last K-1 words of a body runs into the next one.
    straddle = (ends[:, None] - np.arange(1, _K)[None, :]).ravel()
    keep[straddle[(straddle >= 0) & (straddle < width)]] = False
    # The high half of the product sum depends on every bit of every word hash.
    return (mixed[keep] >> np.uint64(32)).astype(np.uint32), counts


def _distinct_counts(grams: U32, owner: I64, n: int) -> I64:
    """How many distinct values each owner 0..n-1 has among ``grams``."""
    keys = _unique_sorted((owner.astype(np.uint64) << np.uint64(32)) | grams.astype(np.uint64))
    owners = (keys >> np.uint64(32)).astype(np.int64)
    return np.bincount(owners, minlength=n).astype(np.int64)


def _unique_sorted(values: npt.NDArray[_Int]) -> npt.NDArray[_Int]:
    # np.unique hashes integers since numpy 2.3, several times slower here than sorting.
    ordered = np.sort(values)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


def _member(values: U32, sorted_set: U32) -> npt.NDArray[np.bool_]:
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return np.asarray(sorted_set[at] == values)


def _fmix32(values: U32) -> U32:
    """MurmurHash3's finalizer, as datasketch pre-mixes its input in the affine32 scheme."""
    h = values ^ (values >> np.uint32(16))
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def _segment_min(values: U32, counts: I64, a: U32, b: U32) -> U32:
    """Per segment of ``values`` (consecutive, ``counts`` long, none empty) the minimum of
    ``a * value + b`` mod 2**32 for each permutation (a, b): each segment's MinHash
    signature, one row per segment."""
    perms = len(a)
    out = np.empty((perms, len(counts)), dtype=np.uint32)
    ends = np.cumsum(counts)
    starts = ends - counts
    # Permutations by rows and 3-grams along them: reducing along the contiguous axis is
    # ten times faster than across it. Whole segments are taken together up to a block;
    # a segment longer than that is reduced block by block.
    width = _PERMUTE_BLOCK
    buffer = np.empty((perms, width), dtype=np.uint32)
    i = 0
    while i < len(counts):
        lo = int(starts[i])
        j = max(i + 1, int(np.searchsorted(ends, lo + width, side="right")))
        hi = int(ends[j - 1])
        if hi - lo > width:
            out[:, i] = _MAX32
            for cut in range(lo, hi, width):
                block = _permute(values[cut : min(hi, cut + width)], a, b, buffer)
                np.minimum(out[:, i], block.min(axis=1), out=out[:, i])
        else:
            block = _permute(values[lo:hi], a, b, buffer)
            out[:, i:j] = np.minimum.reduceat(block, starts[i:j] - lo, axis=1)
        i = j
    return np.ascontiguousarray(out.T)


def _permute(values: U32, a: U32, b: U32, buffer: U32) -> U32:
    block = buffer[:, : len(values)]
    np.multiply(a[:, None], values[None, :], out=block)
    np.add(block, b[:, None], out=block)
    return block


def _lsh_params(num_perm: int, threshold: float) -> tuple[int, int]:
    """Bands and rows per band: as many rows as keep two equal-length renditions at the
    threshold (Jaccard t / (2 - t)) found with probability :data:`_LSH_RECALL`; more rows
    means fewer pairs of unrelated bodies to verify."""
    jaccard = threshold / (2.0 - threshold)
    # Two rows at least: with one, any two bodies that share a common phrase collide, and
    # the pairs to verify grow with the square of the corpus.
    best = (num_perm // 2, 2)
    for rows in range(2, num_perm + 1):
        bands = num_perm // rows
        if bands < 2:
            break
        if 1.0 - (1.0 - jaccard**rows) ** bands >= _LSH_RECALL:
            best = (bands, rows)
    return best


def _candidates(sketches: _Sketches, params: tuple[int, int]) -> I64:
    """Pairs (i, j), i < j, of bodies that share a bucket of the body or the lead index,
    as an (n, 2) array, sorted, without repeats.

    The index is datasketch's :class:`~datasketch.MinHashLSH` banding (``bands`` bands of
    ``rows`` hash values; a bucket holds the bodies whose values agree on a whole band),
    done with numpy by sorting one band at a time: ``MinHashLSH`` keeps a Python set per
    bucket, and for the two indexes of 20,000 bodies took 15 s and some 300 MB where this
    takes under a second and a few tens of MB. The pairs are the same (see the tests).
    """
    bands, rows = params
    n = len(sketches.size)
    present = np.flatnonzero(sketches.size > 0)
    if len(present) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    # Members of a bucket in an order set by their content, not their input position, so
    # that reordering the input cannot change which neighbours a big bucket pairs.
    content = sketches.content[present]
    found: list[I64] = []
    pending: list[I64] = []
    for signatures in (sketches.body[present], sketches.lead[present]):
        for band in range(bands):
            keys = _band_keys(signatures, band * rows, (band + 1) * rows)
            order = np.lexsort((content, keys))
            pending.append(_bucket_pairs(keys[order], present[order], n))
            if sum(len(p) for p in pending) > 4 * _PAIR_BLOCK:
                found = [_unique_sorted(np.concatenate(found + pending))]
                pending = []
    flat = _unique_sorted(np.concatenate(found + pending))
    return np.stack([flat // n, flat % n], axis=1)


def _band_keys(signatures: U32, start: int, stop: int) -> U64:
    """One 64-bit key per row for its hash values start..stop: equal values give equal
    keys, exactly for up to two values, else up to a 64-bit hash collision (which only
    adds a pair to verify)."""
    band = signatures[:, start:stop].astype(np.uint64)
    if band.shape[1] <= 2:
        keys = band[:, 0] << np.uint64(32)
        if band.shape[1] == 2:
            keys |= band[:, 1]
        return keys
    keys = np.zeros(len(band), dtype=np.uint64)
    for column in range(band.shape[1]):
        keys = (keys ^ band[:, column]) * np.uint64(0x9E3779B97F4A7C15)
        keys ^= keys >> np.uint64(29)
    return keys


def _bucket_pairs(keys: U64, members: I64, n: int) -> I64:
    """Pairs of bodies with equal keys (``keys`` sorted, ``members`` the bodies in that
    order), as i * n + j with i < j: all pairs of a bucket of up to :data:`_BUCKET_WINDOW`
    + 1 bodies, each body with its next :data:`_BUCKET_WINDOW` in a bigger one."""
    same = keys[1:] == keys[:-1]
    out: list[I64] = []
    run = same
    for step in range(1, _BUCKET_WINDOW + 1):
        if step > 1:
            # Bodies step apart share a bucket when every neighbour between them does.
            run = run[:-1] & same[step - 1 :]
        hit = np.flatnonzero(run)
        if not len(hit):
            break
        i, j = members[hit], members[hit + step]
        out.append(np.minimum(i, j) * n + np.maximum(i, j))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _shared(sig: U32, left: I64, right: I64, size: I64) -> Floats:
    """Estimated number of 3-grams two sets share, from their MinHash signatures; 0 where
    the signatures agree too little to tell the two from unrelated sets.

    The estimate is |A ∩ B| = J (|A| + |B|) / (1 + J) with J the share of equal values.
    Between a short set and a far longer one J is small and one chance agreement moves the
    estimate a lot (one value in 128 makes a body of 340 3-grams "34 % held" in one of
    15,000), so an estimate counts only where that many agreements would be unlikely, by a
    Chernoff bound under :data:`_BACKGROUND`, between unrelated sets of those sizes.
    """
    perms = sig.shape[1]
    agree = (sig[left] == sig[right]).sum(axis=1)
    small = np.minimum(size[left], size[right]).astype(np.float64)
    union_plus = (size[left] + size[right]).astype(np.float64)
    jaccard = agree / perms
    # Jaccard similarity of two unrelated sets: the shorter shares _BACKGROUND with the other.
    common = _BACKGROUND * small
    chance = np.clip(common / np.maximum(union_plus - common, 1.0), 1e-12, 0.5)
    share = np.clip(jaccard, 1e-12, 1.0 - 1e-12)
    divergence = share * np.log(share / chance) + (1.0 - share) * np.log(
        (1.0 - share) / (1.0 - chance)
    )
    unlikely = (jaccard > chance) & (perms * divergence >= _SURPRISE)
    return np.where(unlikely, jaccard * union_plus / (1.0 + jaccard), 0.0)


def _link(sketches: _Sketches, pairs: I64, threshold: float, forest: _UnionFind) -> None:
    size, lead_size = sketches.size, sketches.lead_size
    # Settles ties between containers by content, so that the input order cannot.
    content = sketches.content.tolist()
    best: dict[int, tuple[float, float, float, int, int, int]] = {}
    for lo in range(0, len(pairs), _PAIR_BLOCK):
        left, right = pairs[lo : lo + _PAIR_BLOCK, 0], pairs[lo : lo + _PAIR_BLOCK, 1]
        # A lead is part of its body: the 3-grams two leads share, two bodies share too.
        shared_lead = _shared(sketches.lead, left, right, lead_size)
        shared = np.maximum(_shared(sketches.body, left, right, size), shared_lead)
        held_left = np.minimum(shared / size[left], 1.0)
        held_right = np.minimum(shared / size[right], 1.0)
        alike = np.minimum(shared_lead / np.minimum(lead_size[left], lead_size[right]), 1.0)
        mutual = (held_left >= threshold) & (held_right >= threshold)
        for i, j in zip(left[mutual].tolist(), right[mutual].tolist(), strict=True):
            forest.union(i, j)
        inner_left = size[left] < size[right]
        held = np.where(inner_left, held_left, held_right)
        other = np.where(inner_left, held_right, held_left)
        # A longer body holding a shorter one is a rendition of its article if the shorter
        # makes up a fair part of it, or if the two open alike (a partial rendition);
        # otherwise the longer one only quotes it.
        one_way = (
            ~mutual
            & (held >= threshold)
            & ~sketches.thin[np.where(inner_left, left, right)]
            & (np.maximum(other, alike) >= _EXPLAINED)
        )
        for inner, outer, score, contained, like in zip(
            np.where(inner_left, left, right)[one_way].tolist(),
            np.where(inner_left, right, left)[one_way].tolist(),
            (held + alike)[one_way].tolist(),
            held[one_way].tolist(),
            other[one_way].tolist(),
            strict=True,
        ):
            # The best container holds the shorter body and opens as it does (a partial
            # rendition is the whole's beginning; a paragraph quoted elsewhere is not),
            # then is most like it, then longest.
            rank = (score, contained, like, int(size[outer]), content[outer], -outer)
            if inner not in best or rank > best[inner]:
                best[inner] = rank
    for inner, rank in sorted(best.items()):
        forest.union(inner, -rank[-1])


class _UnionFind:
    """Disjoint sets over 0..n-1 (union by size, path halving)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.weight = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return
        if self.weight[rx] < self.weight[ry]:
            rx, ry = ry, rx
        self.parent[ry] = rx
        self.weight[rx] += self.weight[ry]

    def clusters(self, ids: list[str]) -> list[list[str]]:
        groups: dict[int, list[str]] = {}
        for i, doc_id in enumerate(ids):
            groups.setdefault(self.find(i), []).append(doc_id)
        return list(groups.values())


def pair_scores(
    clusters: Sequence[Sequence[str]], truth: Mapping[str, Hashable]
) -> tuple[float, float]:
    """Pair precision and recall of ``clusters`` against the true article of each id:
    the pairs put in one cluster that are one article, and the pairs of one article that
    were put in one cluster. How a clustering of renditions is judged.

    >>> pair_scores([["a", "b"], ["c"]], {"a": 1, "b": 1, "c": 1})
    (1.0, 0.3333333333333333)
    """

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    found = sum(pairs(len(cluster)) for cluster in clusters)
    true = sum(pairs(n) for n in Counter(truth.values()).values())
    right = sum(pairs(n) for c in clusters for n in Counter(truth[d] for d in c).values())
    return (right / found if found else 1.0), (right / true if true else 1.0)
