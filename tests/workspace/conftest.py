import pytest

from content import languages
from content.access import EDITORS
from content.services import content_save
from publishing.services import content_publish
from tests import factories


@pytest.fixture
def hindi_translator(groups):
    return factories.make_staff("asha", languages.get("hi").translator_group)


@pytest.fixture
def hindi_reviewer(groups):
    return factories.make_staff("ravi", languages.get("hi").reviewer_group)


@pytest.fixture
def editor(groups):
    return factories.make_staff("erin", EDITORS)


@pytest.fixture
def role(db):
    """A published role, translated into Hindi, with two responsibilities."""
    role = factories.make_role(
        slug="support-lead", title_en="Support lead", title_hi="सहायता प्रमुख",
        summary_en="Leads the support team.", summary_hi="सहायता टीम का नेतृत्व करता है।",
    )  # fmt: skip
    factories.make_responsibility(
        role, title_en="Answer within 24 hours", title_hi="24 घंटे के भीतर जवाब",
        description_en="Every ticket gets a first answer.",
        description_hi="हर टिकट को पहला जवाब मिलता है।",
    )  # fmt: skip
    factories.make_responsibility(role, title_en="Coach the team", description_en="Weekly.")
    factories.publish(role)
    return role


def change_english(obj, user=None, **texts):
    """An editor changes English texts and publishes them."""
    for name, text in texts.items():
        setattr(obj, f"{name}_en", text)
    content_save(obj=obj, user=user)
    owner = getattr(obj, "role", obj)
    content_publish(obj=owner, languages=["en"], user=None)
    obj.refresh_from_db()
    return obj


# The checked-in files of tests/workspace/tool_files/ were exported from this article: its
# ids are fixed (large, so that no sequence reaches them), and so are its drafts and their
# fingerprints.
FIXED_ID = 900_001
NORWEGIAN = {
    "Support lead": "Kundestøtteleder",
    "Leads the support team.": "Leder kundestøtteteamet.",
    "Answer within 24 hours": "Svare innen 24 timer",
    "What answering within 24 hours means.": "Hva det betyr å svare innen 24 timer.",
    "Coach the team": "Veilede teamet",
    "What coaching the team means.": "Hva det betyr å veilede teamet.",
    "Report weekly": "Rapportere ukentlig",
    "What reporting weekly means.": "Hva det betyr å rapportere ukentlig.",
}


def to_norwegian(english):
    return NORWEGIAN.get(english)


@pytest.fixture
def tool_article(db):
    """A published role with three responsibilities; its title is translated into Bokmål,
    the rest is not."""
    role = factories.make_role(
        pk=FIXED_ID, slug="fixture-support-lead",
        family=factories.make_family(pk=FIXED_ID, slug="fixture-family", name_en="Support"),
        title_en="Support lead", title_nb="Kundestøtteleder", summary_en="Leads the support team.",
    )  # fmt: skip
    for n, (title, gerund) in enumerate(
        [("Answer within 24 hours", "answering within 24 hours"),
         ("Coach the team", "coaching the team"), ("Report weekly", "reporting weekly")]
    ):  # fmt: skip
        factories.make_responsibility(
            role, pk=FIXED_ID + n, order=n, title_en=title,
            description_en=f"What {gerund} means.",
        )  # fmt: skip
    factories.publish(role)
    return role


@pytest.fixture
def norwegian_translator(groups):
    return factories.make_staff("kari", languages.get("nb").translator_group)
