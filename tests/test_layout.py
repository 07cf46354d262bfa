"""The width estimate: its fast byte-table paths must agree with the per-character table."""

from __future__ import annotations

import pytest

from copydesk.layout import _WIDTHS, text_width

SAMPLES = [
    "",
    "plain ASCII words, numbers 1234 and symbols #$%&*@",
    "“Curly quotes,” ‘single ones’ — and an em dash – and an en dash",
    "soft\u00adhyphen, hyphen‐char, non‑breaking, ellipsis…",
    "Lévy, Panjshir, Ærø, ß, naïve café",
    "中文 текст ελληνικά عربى",
    "\x02 control \t tab",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_width_is_the_sum_of_character_widths(text: str) -> None:
    assert text_width(text) == sum(_WIDTHS[ch] for ch in text)


def test_wide_letters_are_wider() -> None:
    assert text_width("MMMM") > text_width("iiii")
    assert text_width("—") == 2 * text_width("n")
