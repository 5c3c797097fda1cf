"""The origins editors allow to frame the embeddable cards, kept in the admin."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from content.access import EDITORS, groups_setup
from linking.models import EmbedOrigin
from publishing.models import StoredPage
from tests import factories

KB = "https://wiki.example.net"


@pytest.fixture
def editor(db):
    groups_setup()
    user = User.objects.create_user("edna", "edna@example.org", "pw-pw-pw-pw", is_staff=True)
    user.groups.add(*User.groups.field.related_model.objects.filter(name=EDITORS))
    return user


@pytest.fixture
def stored_card(db, settings):
    """A role published with stored pages: its embed answer comes from the store, headers
    as rendered at publication."""
    settings.STORED_PAGES = True
    role = factories.make_role(slug="support-lead", title_en="Support Lead")
    factories.publish(role)
    path = "/en/embed/roles/support-lead/"
    assert StoredPage.objects.filter(path=path).exists()
    return path


def _frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    directive = next(d.strip() for d in policy.split(";") if "frame-ancestors" in d)
    return directive.split()[1:]


def test_an_origin_an_editor_adds_in_the_admin_may_frame_the_stored_card(
    client, editor, stored_card
):
    assert KB not in _frame_ancestors(client.get(stored_card))
    client.force_login(editor)
    response = client.post(
        "/admin/linking/embedorigin/add/",
        {"origin": "HTTPS://Wiki.Example.net/", "name": "Example wiki", "note": "Asked by Ola"},
    )
    assert response.status_code == 302, response.text
    client.logout()

    card = client.get(stored_card)
    assert card.status_code == 200
    # The settings' origins stay allowed beside the editors'.
    assert _frame_ancestors(card) == ["'self'", "https://kb.example.com", "http://kb.localhost", KB]
    assert "X-Frame-Options" not in card
    # Other pages still may not be framed by anyone.
    page = client.get("/en/roles/support-lead/")
    assert _frame_ancestors(page) == ["'none'"]
    assert page["X-Frame-Options"] == "DENY"

    EmbedOrigin.objects.get(origin=KB).delete()
    assert KB not in _frame_ancestors(client.get(stored_card))


def test_the_admin_keeps_who_changed_the_list(client, editor):
    client.force_login(editor)
    client.post("/admin/linking/embedorigin/add/", {"origin": KB, "name": "", "note": ""})
    origin = EmbedOrigin.objects.get()
    record = origin.history.get()
    assert record.history_user == editor
    assert record.history_type == "+"
    history = client.get(f"/admin/linking/embedorigin/{origin.pk}/history/")
    assert history.status_code == 200
    assert "edna" in history.text


def test_the_list_page_names_the_origins_the_settings_always_allow(client, editor):
    client.force_login(editor)
    page = client.get("/admin/linking/embedorigin/")
    assert page.status_code == 200
    assert "https://kb.example.com" in page.text


@pytest.mark.parametrize(
    "value",
    [
        "kb.example.com",
        "https://kb.example.com/wiki",
        "https://kb.example.com; script-src *",
        "https://kb.example.com 'unsafe-inline'",
        "*",
        "ftp://kb.example.com",
    ],
)
def test_only_an_origin_can_be_allowed(client, editor, value):
    """Anything else would be a path the browser ignores, or a way to write into the
    policy."""
    client.force_login(editor)
    response = client.post("/admin/linking/embedorigin/add/", {"origin": value})
    assert response.status_code == 200
    assert not EmbedOrigin.objects.exists()
    with pytest.raises(ValidationError):
        EmbedOrigin(origin=value).full_clean()
    # Nor past the form: the database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        EmbedOrigin.objects.create(origin=value)


def test_translators_may_read_the_list_but_not_change_it(client, db):
    from content import languages

    groups_setup()
    user = User.objects.create_user("olena", "o@example.org", "pw-pw-pw-pw", is_staff=True)
    user.groups.add(
        User.groups.field.related_model.objects.get(name=languages.get("uk").translator_group)
    )
    client.force_login(user)
    assert client.get("/admin/linking/embedorigin/").status_code == 200
    assert client.post("/admin/linking/embedorigin/add/", {"origin": KB}).status_code == 403
    assert not EmbedOrigin.objects.exists()


@pytest.mark.parametrize("stored", [True, False])
def test_a_revalidated_card_carries_the_origins_allowed_now(client, db, settings, stored):
    """The browser asks for the card each time (no-cache) and puts a 304's headers in place
    of those of the card it kept: the 304 carries the card's policy as it is now, so a site
    allowed since then shows the card (and the site's frame-ancestors 'none' never replaces
    the card's). Any other page's 304 carries no policy: the kept answer's stays."""
    settings.STORED_PAGES = stored
    role = factories.make_role(slug="support-lead", title_en="Support Lead")
    factories.publish(role)
    card = client.get("/en/embed/roles/support-lead/")
    assert card["Cache-Control"] == "no-cache"
    EmbedOrigin.objects.create(origin=KB)
    again = client.get("/en/embed/roles/support-lead/", HTTP_IF_NONE_MATCH=card["ETag"])
    assert again.status_code == 304
    assert KB in _frame_ancestors(again)
    assert _frame_ancestors(again)[0] == "'self'"
    assert again["Content-Security-Policy"].replace(" ".join(_frame_ancestors(again)), "") == card[
        "Content-Security-Policy"
    ].replace(" ".join(_frame_ancestors(card)), "")
    assert "X-Frame-Options" not in again
    assert again["Cross-Origin-Resource-Policy"] == "cross-origin"

    page = client.get("/en/roles/support-lead/")
    page_again = client.get("/en/roles/support-lead/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert page_again.status_code == 304
    assert "Content-Security-Policy" not in page_again
    assert "X-Frame-Options" not in page_again
