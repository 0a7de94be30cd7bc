"""Formatting helpers: numbers as printed, dates at their precision, inert text."""

import pandas as pd
import pytest

from components import data, i18n, text
from components.md_html import md_html
from tests.support.markdown import shown_numbers


@pytest.mark.parametrize(
    ("value", "shown"), [(0.0, "0.000"), (0.871, "0.871"), (3.016, "3.016"), (0.42, "0.420")]
)
def test_score_keeps_three_decimals(value, shown):
    assert text.score(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(0.0, "0.000"), (-0.46, "-0.460"), (0.328, "+0.328")])
def test_change_is_signed(value, shown):
    assert text.change(value) == shown


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2023", None, "2023"),
        ("2023-07", None, "July 2023"),
        ("2023", "2027", "2023 – 2027"),
        ("2022-04", "2022-05", "April 2022 – May 2022"),
        (None, None, "undated"),
        ("2024-03-05", None, "5 March 2024"),
    ],
)
def test_dates_are_no_more_precise_than_given(start, end, shown):
    assert text.date_range(start, end) == shown


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "[x](javascript:alert(1))",
        ":smile: :material/home: :red[x]",  # Streamlit's emoji, icons and colours
    ],
)
def test_md_escape_neutralises_markup(payload):
    out = text.md_escape(payload)
    for ch in "<>[]():":
        assert ch not in out.replace("\\" + ch, "")
    assert ":material/" not in out  # Streamlit reads it before the escapes


def test_md_escape_frame_escapes_cells_and_headers_and_keeps_missing_empty():
    out = text.md_escape_frame(pd.DataFrame({"<b>": ["<img src=x>", None], "n": ["a_b", "ok"]}))
    assert list(out.columns) == [text.md_escape("<b>"), "n"]
    assert out.iloc[0, 0] == text.md_escape("<img src=x>") and out.iloc[1, 0] == ""
    assert out.iloc[0, 1] == text.md_escape("a_b")


def test_html_escape():
    assert text.html_escape('<b a="1">') == "&lt;b a=&quot;1&quot;&gt;"


def test_footnote_links_follow_ibid_and_skip_missing_urls():
    md = text.footnote_links_md([37, 9], data.sources())
    assert md.startswith("[9]") is False
    assert "9, [37](https://reliefweb.int/report/world/global-terrorism-index-2024)" == md


def test_footnote_label():
    assert text.footnote_label([37, 36]) == "footnotes 36, 37"
    assert text.footnote_label([64]) == "footnote 64"


def test_footnote_links_label_counts_like_footnote_label():
    sources = data.sources()
    assert text.footnote_links_label([44], sources).startswith("footnote ")
    assert text.footnote_links_label([37, 9], sources) == "footnotes " + text.footnote_links_md(
        [37, 9], sources
    )


# ------------------------------------------------------------------ Russian (issue 19)

RU = i18n.Translator("ru")


@pytest.mark.parametrize(
    ("call", "english", "russian"),
    [
        (lambda tr: text.footnote_label([44], tr), "footnote 44", "сноска 44"),
        (lambda tr: text.footnote_label([37, 36], tr), "footnotes 36, 37", "сноски 36, 37"),
        (lambda tr: text.footnote_label([], tr), "no footnote", "без сноски"),
        (lambda tr: text.short_footnote_label([12], tr), "fn 12", "сн. 12"),
        (lambda tr: text.short_footnote_label([1, 2], tr), "fns 1, 2", "сн. 1, 2"),
        (lambda tr: text.ibid_note(22, tr), "Ibid. = footnote 22", "Там же = сноска 22"),
        (lambda tr: text.join_list(["A", "B", "C"], tr), "A, B and C", "A, B и C"),
        (lambda tr: text.join_list(["A"], tr), "A", "A"),
        (lambda tr: text.plural(1, "initiative", tr=tr), "1 initiative", "1 инициатива"),
        (lambda tr: text.plural(3, "initiative", tr=tr), "3 initiatives", "3 инициативы"),
        (lambda tr: text.plural(5, "initiative", tr=tr), "5 initiatives", "5 инициатив"),
        (lambda tr: text.plural(21, "slide", tr=tr), "21 slides", "21 слайд"),
        (lambda tr: text.plural(1283, "footnote", tr=tr), "1283 footnotes", "1\u00a0283 сноски"),
        (lambda tr: text.date_range("2022-04", "2022-05", tr), "April 2022 – May 2022",
         "апрель 2022 – май 2022"),
        (lambda tr: text.date_range(None, None, tr), "undated", "без даты"),
        (lambda tr: text.partial_date("2024-03-05", tr), "5 March 2024", "5 марта 2024"),
        (lambda tr: text.score(0.871, tr), "0.871", "0,871"),
        (lambda tr: text.change(-0.46, tr), "-0.460", "-0,460"),
        (lambda tr: text.change(0.0, tr), "0.000", "0,000"),
    ],
)  # fmt: skip
def test_text_helpers_speak_russian_and_keep_english(call, english, russian):
    assert call(None) == english  # the default: English exactly as before
    assert call(i18n.Translator("en")) == english
    assert call(RU) == russian


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        # nothing a label would render as markup: no backslash for a screen reader to read
        ("GTI 2023 score (2024) · fns 34, 35", "GTI 2023 score (2024) · fns 34, 35"),
        ("Score: 1.5 - rank 12 + more!", "Score: 1.5 - rank 12 + more!"),
        # what would render as markup stays literal
        ("a*b_c~d`e", r"a\*b\_c\~d\`e"),
        ("[x](javascript:alert(1))", r"\[x\](javascript\:alert(1))"),
        (":red[x] :smile: :+1:", r"\:red\[x\] \:smile\: \:+1\:"),
        (":material/home:", r"\:material\/home\:"),
        ("Tom & Jerry &amp; co", r"Tom & Jerry \&amp; co"),
        ("<img src=x>", r"\<img src=x\>"),
        ("$5 and $6", r"\$5 and \$6"),
        ("1. first", r"1\. first"),
        ("- item", r"\- item"),
        ("# heading", r"\# heading"),
        ("C:\\x", "C:\\\\x"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_label_escape_escapes_only_what_a_label_renders(raw, label):
    assert text.label_escape(raw) == label


@pytest.mark.parametrize(
    ("code", "lang", "md"),
    [
        ("country_mismatch", "en", "**Flag (country mismatch):** n\\*"),
        ("text_contradiction", "en", "**Flag (contradiction in the paper):** n\\*"),
        ("country_mismatch", "ru", "**Пометка (несовпадение страны):** n\\*"),
        (None, "en", "**Flag:** n\\*"),  # a flag of no stated kind
        ("new_*kind*", "en", "**Flag (new \\*kind\\*):** n\\*"),  # an unknown code, escaped
    ],
)
def test_a_flag_names_its_kind_in_words(code, lang, md):
    assert text.flag_md(code, "n*", i18n.translator(lang)) == md


def test_every_flag_kind_the_data_allows_has_words():
    allowed = {
        kind
        for r in data.package().meta["resources"]
        for f in (r.get("schema") or {}).get("fields", [])
        if f["name"] == "flag"
        for kind in f.get("constraints", {}).get("enum", [])
    }
    assert allowed and allowed <= set(text.FLAG_KINDS), allowed - set(text.FLAG_KINDS)


@pytest.mark.parametrize(
    ("remark", "md"),
    [
        ("desert", " (desert)"),
        ("Mountainous (the paper says so)", " — Mountainous \\(the paper says so\\)"),
        ("held regularly (no dates given)", " — held regularly \\(no dates given\\)"),
        ("a*b", " (a\\*b)"),
    ],
)
def test_a_remark_after_a_name_never_doubles_its_brackets(remark, md):
    assert text.aside_md(remark) == md


@pytest.mark.parametrize(
    "numbers", [[46], [32, 33], [4, 16, 17], [18, 59], [86, 1]], ids=lambda n: "-".join(map(str, n))
)
def test_numbered_lines_keep_their_own_numbers(numbers):
    markdown = text.numbered_md((n, f"citation {n}") for n in numbers)
    assert "<ol" not in md_html(markdown)
    assert shown_numbers(markdown) == numbers  # one line each, each with its own number
