"""Per-session translators and locale formatting (Babel): values stay exactly as published."""

from pathlib import Path

import pytest

from components import i18n


@pytest.mark.parametrize(
    ("raw", "lang", "told"),
    [
        (None, "en", None),
        ("", "en", None),  # nothing asked for, nothing to explain
        ("ru", "ru", None),
        ("RU ", "ru", None),
        ("en", "en", None),
        ("de", "en", "de"),
        ("<script>", "en", "<script>"),
        ("ru" * 500, "en", "ru" * 12),  # cut, so a long value is never echoed whole
        (["en", "ru"], "ru", None),
        (["ru", "xx"], "en", "xx"),  # the last value counts
        ([], "en", None),
    ],
)
def test_unknown_languages_fall_back_to_english(raw, lang, told):
    assert (i18n.resolve(raw), i18n.unknown(raw)) == (lang, told)


@pytest.mark.parametrize(
    ("lang", "value", "places", "shown"),
    [
        ("en", 0.871, 3, "0.871"),
        ("ru", 0.871, 3, "0,871"),
        ("en", 0.0, 3, "0.000"),
        ("ru", 4.374, 3, "4,374"),
        ("ru", 1283, 0, "1\u00a0283"),
    ],
)
def test_decimals_keep_their_printed_places(lang, value, places, shown):
    assert i18n.Translator(lang).decimal(value, places) == shown


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("en", -0.46, "-0.460"),
        ("en", 0.328, "+0.328"),
        ("ru", 0.328, "+0,328"),
        ("ru", -1.653, "-1,653"),
        ("ru", 0.0, "0,000"),
    ],
)
def test_changes_carry_their_sign(lang, value, shown):
    assert i18n.Translator(lang).signed(value) == shown


@pytest.mark.parametrize(
    ("lang", "raw", "shown"),
    [
        ("en", "2023", "2023"),
        ("en", "2023-07", "July 2023"),
        ("en", "2023-07-04", "4 July 2023"),
        ("ru", "2023-07", "июль 2023"),
        ("ru", "2023-12-01", "1 декабря 2023"),
        ("ru", None, "без даты"),
        ("en", None, "undated"),
    ],
)
def test_dates_are_never_more_precise_than_the_source(lang, raw, shown):
    assert i18n.Translator(lang).partial_date(raw) == shown


def test_russian_has_three_plural_forms():
    tr = i18n.Translator("ru")
    # The catalogue's Plural-Forms header drives the choice (1 / 2-4 / 5-20, 21 / 22 ...).
    forms = [tr._t.plural(n) for n in (1, 2, 5, 11, 21, 22, 25, 111)]
    assert forms == [0, 1, 2, 2, 0, 1, 2, 2]


def test_translators_are_per_language_values_not_globals():
    en, ru = i18n.Translator("en"), i18n.Translator("ru")
    assert (en._("undated"), ru._("undated")) == ("undated", "без даты")
    assert en._("undated") == "undated"  # asking for Russian changed nothing for English


# Babel does not extract a marked literal inside an f-string (f"{tr._('GTI')}:"): the
# message never reaches the catalogue and shows in English.
def _marked_literals_in_fstrings() -> list[tuple[str, int, str]]:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [root / "app.py", *sorted((root / "components").rglob("*.py"))]
    files += sorted((root / "pages").rglob("*.py"))
    out = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call) or not call.args:
                    continue
                f = call.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
                arg = call.args[0]
                if name in ("_", "n_", "N_") and isinstance(arg, ast.Constant):
                    out.append((path.relative_to(root).as_posix(), call.lineno, arg.value))
    return out


def test_no_marked_literal_hides_inside_an_f_string():
    found = _marked_literals_in_fstrings()
    assert found == [], "pull each tr._('...') out of its f-string (Babel skips it)"


def test_words_once_hidden_in_f_strings_are_in_the_catalogue():
    ru = i18n.Translator("ru")
    assert (ru._("GTI"), ru._("translation")) == ("ГИТ", "перевод")
    assert ru._("Neighbouring Afghan provinces") == "Соседние провинции Афганистана"
    assert ru._("no score") == "нет балла"  # the map's country labels


def test_the_russian_catalogue_has_no_fuzzy_or_empty_entry():
    """gettext skips a fuzzy entry (Babel marks one when a message's English changes), so
    its text would show in English on a Russian page."""
    from babel.messages.pofile import read_po

    path = Path(__file__).resolve().parents[1] / "locale/ru/LC_MESSAGES/messages.po"
    with path.open("rb") as f:
        catalog = read_po(f)
    entries = [m for m in catalog if m.id]
    assert len(entries) > 700
    assert [m.id for m in entries if m.fuzzy] == []
    empty = [
        m.id for m in entries if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    assert empty == []
