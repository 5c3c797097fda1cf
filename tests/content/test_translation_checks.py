"""The translation checks: what blocks a save and what is only a warning."""

from content.translation_checks import GLOSSARY, Term, blocking_problems, check, figures


def codes(problems, blocking=None):
    return [p.check for p in problems if blocking is None or p.blocking == blocking]


def test_figures_compare_digits_whatever_the_grouping_of_the_language():
    assert figures("$160,000 a year, 4.5 points") == figures("$1,60,000 प्रति वर्ष, 4,5 अंक")
    assert figures("160 000 USD") == figures("$160,000")


def test_a_figure_of_the_english_missing_from_the_translation_blocks():
    problems = check("Answer within 24 hours.", "एक दिन के भीतर जवाब दें।", "hi")
    assert codes(problems, blocking=True) == ["numbers"]
    assert "24" in problems[0].message


def test_a_figure_the_english_does_not_have_is_a_warning():
    problems = check("Answer quickly.", "3 घंटे में जवाब दें।", "hi")
    assert codes(problems, blocking=False) == ["numbers"]


def test_markup_placeholders_and_another_script_block():
    assert "markup" in codes(check("Plan.", "<b>योजना</b>।", "hi"), blocking=True)
    assert "markup" in codes(check("Plan.", "योजना {name}।", "hi"), blocking=True)
    assert codes(check("Plan.", "Plan karo.", "hi"), blocking=True) == ["script"]
    # Names and acronyms of the text rules stay in Latin letters.
    assert check("Use the CRM.", "CRM का उपयोग करें।", "hi") == []


def test_a_text_longer_than_its_field_blocks():
    assert codes(blocking_problems("Title", "ш" * 201, "uk", max_length=200)) == ["too-long"]


def test_end_punctuation_whitespace_identical_and_length_are_warnings():
    assert codes(check("Plan ahead.", "Плануйте заздалегідь", "uk")) == ["punctuation"]
    assert codes(check("Plan ahead.", "योजना बनाएँ।", "hi")) == []  # the danda is a full stop
    assert "whitespace" in codes(check("Plan.", "Плануйте.\n", "uk"))
    assert codes(check("Customer journey", "Customer journey", "nb")) == ["identical"]
    assert codes(check("CSM", "CSM", "nb")) == []
    assert codes(check("Plan.", "Планування на багато років уперед.", "uk")) == ["length"]
    assert all(not p.blocking for p in check("Plan ahead.", "Плануйте заздалегідь\n", "uk"))


def test_the_same_english_translated_two_ways_is_a_warning():
    problems = check("Onboarding", "Адаптація", "uk", others={"Адаптація", "Онбординг"})
    assert codes(problems) == ["inconsistent"]
    assert "Онбординг" in problems[0].message


def test_glossary_terms_must_be_followed_inflected_or_not():
    glossary = [
        Term("customer success manager", "менеджер з успіху клієнтів"),
        Term("senior customer success manager", "старший менеджер з успіху клієнтів"),
        Term("NPS", do_not_translate=True),
    ]
    source = "A senior customer success manager tracks NPS."
    good = "Старшого менеджера з успіху клієнтів оцінюють за NPS."
    assert codes(check(source, good, "uk", glossary=glossary)) == []
    bad = check(source, "Старший фахівець стежить за індексом.", "uk", glossary=glossary)
    assert codes(bad) == [GLOSSARY, GLOSSARY]
    assert "старший менеджер з успіху клієнтів" in bad[0].message  # the longest term only
