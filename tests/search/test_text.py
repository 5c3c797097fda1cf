"""Words as search compares them, and how a typed word matches: the same on every database."""

import pytest

from search.text import EXACT, PREFIX, TYPO, normalised, one_edit, quality, words


@pytest.mark.parametrize(
    ("typed", "compared"),
    [
        # case and compatibility forms (NFKC): full-width Latin from an East Asian keyboard
        ("NPS Csat", ["nps", "csat"]),
        ("ＮＰＳ", ["nps"]),
        # decomposed input (NFD) is composed
        ("cre\u0301me", ["creme"]),
        ("\u1100\u1169\u1100\u1162\u11a8", ["고객"]),
        # Norwegian letters as keyboards without them type them
        ("Kundestøtteleder", ["kundestotteleder"]),
        ("Lønn og Ålesund, Ærlig", ["lonn", "og", "alesund", "aerlig"]),
        # Devanagari: vowel signs and viramas stay in the word; nukta and chandrabindu fold
        ("ग्राहक सहायता प्रबंधक", ["ग्राहक", "सहायता", "प्रबंधक"]),
        ("ज़रूरी", ["जरूरी"]),
        ("जिम्मेदारियाँ", ["जिम्मेदारियां"]),
        ("क्\u200dष", ["क्ष"]),
        ("१२३", ["123"]),
        # apostrophes inside Ukrainian words, however they are typed
        ("обов’язки обов'язки обовʼязки", ["обовязки"] * 3),
        # a Latin abbreviation typed with Cyrillic look-alikes
        ("СSАТ", ["csat"]),
        ("Сервіс", ["сервіс"]),
        # what is not a word
        ("<b>!!!</b> 👩‍💻 \x00", ["b", "b"]),
    ],
)
def test_text_is_normalised_the_same_for_the_index_and_the_query(typed, compared):
    assert words(typed) == compared


@pytest.mark.parametrize(
    ("typed", "text", "kind"),
    [
        ("manager", "Customer Support Manager", EXACT),
        ("manag", "Customer Support Manager", PREFIX),
        ("менеджера", "Менеджер з підтримки клієнтів", "inflected"),
        ("менеджером", "Менеджер з підтримки клієнтів", "inflected"),
        ("관리자는", "고객 지원 관리자", "inflected"),
        ("관리자를", "고객 지원 관리자", "inflected"),
        ("관리자에게", "고객 지원 관리자", "inflected"),
        ("प्रबंधकों", "ग्राहक सहायता प्रबंधक", "inflected"),
        ("kundestøttelederen", "Kundestøtteleder", "inflected"),
        ("custmer", "Customer", TYPO),
        ("mangaer", "Manager", TYPO),
        ("nanager", "Manager", TYPO),
        ("kundestoetteleder", "Kundestøtteleder", TYPO),
        ("관리쟈", "고객 지원 관리자", "inflected"),
    ],
)
def test_a_typed_word_matches_its_forms_and_one_typo(typed, text, kind):
    found, _words = quality(words(typed)[0], normalised(text))
    if kind == "inflected":
        assert TYPO > found > 0 or found == TYPO
    else:
        assert found == kind


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("mager", "Manager"),  # two letters apart
        ("sale", "Salary"),  # too short for a typo, and not the same start
        ("tool", "School"),
        ("관리", "지원"),
    ],
)
def test_words_that_only_look_alike_do_not_match(typed, text):
    assert quality(words(typed)[0], normalised(text))[0] == 0


def test_one_edit_is_one_substitution_insertion_deletion_or_swap():
    assert one_edit("manager", "manager")
    assert one_edit("manager", "manoger") and one_edit("manager", "managr")
    assert one_edit("manager", "managers") and one_edit("manager", "mnaager")
    assert not one_edit("manager", "mnagaer") and not one_edit("manager", "maanger1")
