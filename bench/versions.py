"""Speed and accuracy of the renditions finder (copydesk.corpus.versions) on a synthetic corpus.

    python bench/versions.py                      # 100,000 documents, corpus seed 1
    python bench/versions.py --docs 20000 --seed 7
    python bench/versions.py --threshold 0.6 --num-perm 64

Builds a deterministic corpus of short documents: base articles of a few hundred real
English words (drawn by their frequency from wordfreq's 20,000 commonest, with a seeded
``random.Random``), some of which quote a paragraph of another article, each with 0 to 4
further renditions made by any of: truncation to the first paragraphs (a paywalled page),
leaked page furniture, typeset punctuation (curly apostrophes, the "fi" ligature), OCR-like
character errors, and lines broken again (words hyphenated at line ends). The documents
are shuffled and clustered by ``find_versions`` (its own seed left at 1) on one core.
Prints the corpus, the clusters, the seconds spent (3-grams and MinHash signatures; LSH
banding, candidate pairs and their verification; in all), documents per second, peak
RSS, and the pair precision and recall against the renditions as generated. The phase
times come from ``versions._find_versions_timed``, which ``find_versions`` runs. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate

import wordfreq
from speed import interpreter, pin_to_one_core, rss_mb  # bench/speed.py, beside this script

import copydesk
from copydesk.corpus import versions
from copydesk.corpus.versions import pair_scores

VOCABULARY = 20_000

# Lines a page adds around an article's text: site furniture, the same on every page.
FURNITURE = [
    "Advertisement",
    "ADVERTISEMENT",
    "Share this article",
    "Share on Facebook Share on Twitter Share via Email",
    "Subscribe to our newsletter for the latest news",
    "Sign up for our daily briefing and get the news in your inbox",
    "Continue reading the main story",
    "Read more: the week in review",
    "Most popular stories this week",
    "This article is more than five years old",
    "Photo: Getty Images",
    "Photograph: Associated Press",
    "Support independent journalism. Subscribe today.",
    "Skip to main content",
    "Home News Sport Business Culture Opinion",
    "Related coverage",
    "Comments are closed for this article",
    "Copyright 2024 The Daily Courier. All rights reserved.",
    "Terms of use Privacy policy Cookie settings",
    "Listen to this article 5 minutes",
]
OCR_SWAPS = {
    "m": "rn",
    "rn": "m",
    "l": "1",
    "i": "l",
    "e": "c",
    "o": "0",
    "O": "0",
    "h": "b",
    "cl": "d",
    "t": "f",
    ",": ".",
    "u": "v",
    "a": "o",
    "s": "5",
}


class Corpus:
    """Base articles and their renditions, all from one seeded random generator."""

    def __init__(self, docs: int, seed: int) -> None:
        self.rng = random.Random(seed)
        words = wordfreq.top_n_list("en", VOCABULARY)
        self.words = words
        self.weights = list(accumulate(wordfreq.word_frequency(w, "en") for w in words))
        self.docs: list[tuple[str, str]] = []
        self.truth: dict[str, int] = {}
        self.made: Counter[str] = Counter()
        self.kinds: dict[str, tuple[str, ...]] = {}  # what was done to make each rendition
        bases: list[list[str]] = []
        while len(self.docs) < docs:
            base = len(bases)
            article = self.article()
            if bases and self.rng.random() < 0.05:
                # A quoted statement or a wire paragraph: one paragraph of an unrelated
                # article appears in this one too. They remain two articles.
                quoted = self.rng.choice(self.rng.choice(bases))
                article.insert(self.rng.randrange(1, len(article)), quoted)
                self.made["quotes"] += 1
            bases.append(article)
            for copy in range(1 + self.rng.randint(0, 4)):
                if len(self.docs) == docs:
                    break
                doc_id = f"a{base:06d}.{copy}"
                text = "\n\n".join(article) if copy == 0 else self.rendition(article, doc_id)
                self.docs.append((doc_id, text))
                self.truth[doc_id] = base
        self.rng.shuffle(self.docs)
        self.bases = len(bases)

    def sentence(self) -> str:
        count = self.rng.randint(8, 28)
        picked = self.rng.choices(self.words, cum_weights=self.weights, k=count)
        return " ".join(picked).capitalize() + "."

    def article(self) -> list[str]:
        paragraphs = self.rng.randint(3, 10)
        return [
            " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))
            for _ in range(paragraphs)
        ]

    def rendition(self, article: Sequence[str], doc_id: str) -> str:
        paragraphs = list(article)
        rng = self.rng
        kinds: list[str] = []
        if rng.random() < 0.35:
            paragraphs = paragraphs[: rng.randint(1, len(paragraphs) - 1)]
            kinds.append("truncated")
        if rng.random() < 0.4:
            for _ in range(rng.randint(1, 4)):
                paragraphs.insert(rng.randint(0, len(paragraphs)), rng.choice(FURNITURE))
            kinds.append("furniture")
        text = "\n\n".join(paragraphs)
        if rng.random() < 0.3:
            # Typeset: curly apostrophes, and the "fi" ligature a PDF's text layer keeps.
            text = text.replace("'", "\u2019").replace("fi", "\ufb01")
            kinds.append("typeset")
        if rng.random() < 0.35:
            text = self.ocr(text, rng.uniform(0.005, 0.03))
            kinds.append("ocr")
        if rng.random() < 0.5:
            text = self.reflow(text, rng.randint(45, 90))
            kinds.append("reflowed")
        self.made.update(kinds)
        self.kinds[doc_id] = tuple(kinds)
        return text

    def ocr(self, text: str, rate: float) -> str:
        out: list[str] = []
        i = 0
        rng = self.rng
        while i < len(text):
            if rng.random() >= rate:
                out.append(text[i])
                i += 1
                continue
            pair = text[i : i + 2]
            roll = rng.random()
            if pair in OCR_SWAPS:
                out.append(OCR_SWAPS[pair])
                i += 2
            elif text[i] in OCR_SWAPS and roll < 0.6:
                out.append(OCR_SWAPS[text[i]])
                i += 1
            elif roll < 0.8:
                i += 1  # a character lost
            else:
                out.append(text[i] + " ")  # a space where there is none
                i += 1
        return "".join(out)

    def reflow(self, text: str, width: int) -> str:
        lines: list[str] = []
        for paragraph in text.split("\n\n"):
            line = ""
            for word in paragraph.split():
                if line and len(line) + 1 + len(word) > width:
                    room = width - len(line) - 2
                    if len(word) >= 7 and room >= 3 and self.rng.random() < 0.5:
                        lines.append(f"{line} {word[:room]}-")
                        line = word[room:]
                        continue
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            lines.append(line)
            lines.append("")
        return "\n".join(lines).strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=100_000, help="documents (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the corpus (default 1)")
    ap.add_argument("--threshold", type=float, default=0.5, help="find_versions threshold")
    ap.add_argument("--num-perm", type=int, default=128, help="find_versions num_perm")
    ap.add_argument(
        "--write-jsonl",
        metavar="PATH",
        help="only write the corpus as a JSONL table (id, text), to time the whole command:"
        " copydesk versions PATH --out clusters.jsonl",
    )
    args = ap.parse_args(argv)
    print(f"copydesk {copydesk.__version__}, {interpreter()}, {pin_to_one_core()}")

    start = time.perf_counter()
    corpus = Corpus(args.docs, args.seed)
    built = time.perf_counter() - start
    words = sum(len(text.split()) for _, text in corpus.docs)
    made = ", ".join(f"{n} {what}" for what, n in sorted(corpus.made.items()))
    print(
        f"corpus: {len(corpus.docs)} documents of {corpus.bases} articles,"
        f" {words / len(corpus.docs):.0f} words each on average, built in {built:.1f} s"
    )
    print(f"  renditions: {made}")
    if args.write_jsonl:
        with open(args.write_jsonl, "w", encoding="utf-8") as table:
            for doc_id, text in corpus.docs:
                table.write(json.dumps({"id": doc_id, "text": text}) + "\n")
        print(f"written to {args.write_jsonl}")
        return 0

    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    clusters, seconds = versions._find_versions_timed(
        corpus.docs, threshold=args.threshold, num_perm=args.num_perm, seed=1
    )
    total = time.perf_counter() - start
    precision, recall = pair_scores(clusters, corpus.truth)
    sizes = Counter(len(c) for c in clusters)
    print(f"find_versions(threshold={args.threshold}, num_perm={args.num_perm}, seed=1)")
    print(f"  documents: {len(corpus.docs)}")
    print(
        f"  clusters: {len(clusters)} ({sizes[1]} single, largest {max(sizes)}),"
        f" true articles: {corpus.bases}"
    )
    print(
        f"  seconds: 3-grams and MinHash {seconds['sketch']:.1f},"
        f" LSH index, candidates and verification {seconds['index']:.1f}, total {total:.1f}"
    )
    print(f"  throughput: {len(corpus.docs) / total:,.0f} docs/s on one core")
    print(
        f"  peak RSS: {rss_mb():.0f} MB, of which {before:.0f} MB before find_versions"
        " (the corpus, its text and its making)"
    )
    print(f"  pair precision {precision:.4f}, pair recall {recall:.4f}")
    where = {doc_id: i for i, cluster in enumerate(clusters) for doc_id in cluster}
    joined: Counter[str] = Counter()
    made: Counter[str] = Counter()
    for doc_id, kinds in corpus.kinds.items():
        together = where[doc_id] == where[doc_id.rsplit(".", 1)[0] + ".0"]
        for kind in kinds or ("untouched",):
            made[kind] += 1
            joined[kind] += together
    shares = ", ".join(f"{kind} {100 * joined[kind] / made[kind]:.1f} %" for kind in sorted(made))
    print(f"  renditions found with their original, by what was done to them: {shares}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
