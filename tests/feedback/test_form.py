import re

import pytest
from django.test import Client

from accounts import roles
from feedback.models import Feedback, FeedbackContact, FeedbackEvent

pytestmark = pytest.mark.django_db

CONTENT = re.compile(r'<div class="feedback" lang="(?P<lang>[a-z]+)" dir="(?P<dir>rtl|ltr)"')


def test_language_choice_page_links_every_language_with_its_own_lang(client):
    html = client.get("/feedback/").content.decode()
    for code, name in [
        ("nl", "Nederlands"),
        ("en", "English"),
        ("ar", "العربية"),
        ("uk", "Українська"),
        ("ti", "ትግርኛ"),
    ]:
        assert f'href="/feedback/{code}/" lang="{code}"' in html
        assert name in html
    assert 'lang="ar" dir="rtl" hreflang="ar"' in html


@pytest.mark.parametrize(
    "code, direction, label, button",
    [
        ("nl", "ltr", "Wat wilt u vertellen?", "Versturen"),
        ("en", "ltr", "What do you want to tell us?", "Send"),
        ("ar", "rtl", "ماذا تريد أن تخبرنا؟", "إرسال"),
        ("uk", "ltr", "Що ви хочете розповісти?", "Надіслати"),
        ("ti", "ltr", "እንታይ ክትነግሩና ትደልዩ?", "ስደዱ"),
    ],
)
def test_form_renders_in_each_language_with_lang_and_dir(client, code, direction, label, button):
    response = client.get(f"/feedback/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    match = CONTENT.search(html)
    assert match and match["lang"] == code and match["dir"] == direction
    assert label in html and button in html
    # Only questions about the system: no name, birth date, BSN or case questions.
    assert 'name="name"' not in html and 'name="bsn"' not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_arabic_page_is_arabic_and_right_to_left_with_dutch_parts_marked(client):
    response = client.get("/feedback/ar/")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html  # the whole page, header included
    assert response["Content-Language"] == "ar"
    assert "انتقل إلى المحتوى" in html  # skip link from the shell's catalog
    assert '<span lang="nl">' in html  # the Dutch site name keeps its own language


def test_unknown_language_is_404(client):
    assert client.get("/feedback/xx/").status_code == 404


def test_anonymous_submission_stores_no_user_and_no_ip(client, submit):
    response = submit("nl", text="De lessen over Nederland waren goed.", kind="goed", topic="knm")
    assert response.status_code == 302
    assert response["Location"] == "/feedback/nl/bedankt/"
    feedback = Feedback.objects.get()
    assert (feedback.language, feedback.kind, feedback.topic) == ("nl", "goed", "knm")
    assert feedback.user is None
    assert not FeedbackContact.objects.exists()
    stored = [
        *Feedback.objects.values_list(),
        *FeedbackEvent.objects.values_list(),
    ]
    assert "203.0.113.77" not in repr(stored)
    field_names = {
        f.name for model in (Feedback, FeedbackContact, FeedbackEvent) for f in model._meta.fields
    }
    assert not any("ip" in name.split("_") for name in field_names)


def test_thank_you_page_in_chosen_language(client, submit):
    response = client.get(submit("uk").url)
    html = response.content.decode()
    assert "Дякуємо!" in html
    assert 'lang="uk" dir="ltr"' in html


def test_signed_in_person_stays_anonymous_unless_they_choose_to_give_their_name(client_for, submit):
    client, user = client_for(roles.INBURGERAAR)
    html = client.get("/feedback/nl/").content.decode()
    assert "Mijn naam mag bij deze feedback staan" in html
    submit("nl", client=client, text="Eerste bericht over werk.")
    submit("nl", client=client, text="Tweede bericht over werk.", give_name="on")
    first, second = Feedback.objects.order_by("pk")
    assert first.user is None
    assert second.user == user


def test_name_choice_is_not_offered_to_anonymous_visitors(client):
    assert 'name="give_name"' not in client.get("/feedback/nl/").content.decode()


def test_contact_address_is_stored_apart(client, submit):
    submit("en", contact="ja", contact_address="  amal@example.org ")
    feedback = Feedback.objects.get()
    assert "amal@example.org" not in feedback.text
    assert feedback.contact.address == "amal@example.org"
    submit(
        "en", text="Second message about housing.", contact="ja", contact_address="+31 6 1234 5678"
    )
    assert FeedbackContact.objects.filter(address="+31 6 1234 5678").exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"contact": "ja", "contact_address": ""}, "U koos ja. Schrijf dan uw e-mailadres"),
        ({"contact": "ja", "contact_address": "hallo"}, "Dit is geen goed e-mailadres"),
        ({"contact": "nee", "contact_address": "a@example.org"}, "maar u koos nee"),
    ],
)
def test_contact_choice_and_address_must_agree(client, submit, fields, message):
    response = submit("nl", **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("nl", "Mijn BSN is 111222333, dat klopt niet.", ["een burgerservicenummer (BSN)"]),
        ("en", "Email me at amal.h@example.org please", ["an e-mail address"]),
        ("ar", "اتصل بي على 06-12345678 من فضلك", ["رقم هاتف"]),
        ("uk", "Мій рахунок NL91 ABNA 0417 1643 00", ["номер банківського рахунку (IBAN)"]),
        ("ti", "V-nummer 1234567890 ኣሎኒ", ["ቁጽሪ V (ቁጽሪ ወጻእተኛ)"]),
        ("nl", "Ik ben geboren op 12-03-1988 in Syrië.", ["een geboortedatum"]),
        (
            "en",
            "Call 0612345678 or write to x@example.org",
            ["a phone number", "an e-mail address"],
        ),
    ],
)
def test_personal_data_in_free_text_is_refused_in_the_chosen_language(
    client, submit, language, text, expected
):
    response = submit(language, text=text)
    assert response.status_code == 400
    html = response.content.decode()
    for label in expected:
        assert label in html
    from feedback.texts import texts_for

    assert texts_for(language)["pd_why"] in html.replace("&#x27;", "'")
    # The form keeps what was typed; nothing is stored.
    assert text.split()[0] in html
    assert not Feedback.objects.exists()
    assert not FeedbackEvent.objects.exists()


def test_personal_data_message_masks_the_value(client, submit):
    html = submit("nl", text="Mijn BSN is 111222333.").content.decode()
    assert "111222333" not in html.split("</textarea>")[-1]  # not repeated outside the textarea
    from privacy.guard import mask

    assert mask("111222333") in html and mask("111222333") != "111222333"


def test_error_summary_at_the_top_links_to_each_field(client):
    response = client.post("/feedback/en/", {})  # nothing filled in at all
    html = response.content.decode()
    assert response.status_code == 400
    summary = html[html.index('id="error-summary"') : html.index("feedback-form")]
    assert 'href="#id_kind_0"' in summary and "Choose what you want to tell us." in summary
    assert 'href="#id_topic_0"' in summary and "Choose a topic." in summary
    assert 'href="#id_text"' in summary and "Write your feedback." in summary
    assert 'id="id_kind_0"' in html and 'aria-invalid="true"' in html


def test_text_longer_than_2000_characters_is_refused(client, submit):
    response = submit("nl", text="a" * 2001)
    assert "Uw tekst is te lang" in response.content.decode()
    assert not Feedback.objects.exists()


def test_markup_is_stripped_from_the_text(client, submit):
    submit("nl", text="<script>alert(1)</script><b>De cursus</b> begon laat.")
    assert Feedback.objects.get().text == "alert(1)De cursus begon laat."


def test_rate_limit_for_anonymous_submissions(client, submit, settings):
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "2/h"
    assert submit("nl", text="Bericht een.").status_code == 302
    assert submit("nl", text="Bericht twee.").status_code == 302
    response = submit("ar", text="رسالة ثالثة عن السكن")
    assert response.status_code == 429
    html = response.content.decode()
    assert "لقد أرسلت رسائل كثيرة" in html
    assert "رسالة ثالثة عن السكن" in html  # what was typed is kept
    assert Feedback.objects.count() == 2
    # Another address is not affected.
    other = Client().post(
        "/feedback/nl/",
        {"kind": "goed", "topic": "werk", "text": "Ander adres."},
        REMOTE_ADDR="198.51.100.5",
    )
    assert other.status_code == 302


def test_honeypot_pretends_success_but_stores_nothing(client, submit):
    response = submit("nl", website="http://spam.example")
    assert response.status_code == 302
    assert not Feedback.objects.exists()
    html = client.get("/feedback/nl/").content.decode()
    honeypot = html[html.index('class="feedback-hp"') :]
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in honeypot.split("</div>")[0]


def test_csrf_is_required(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/feedback/nl/", {"kind": "goed", "topic": "werk", "text": "Zonder token."}
    )
    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_every_language_has_its_own_text_for_every_key():
    """The catalogs translate every newcomer text (the catalog test checks the .po files)."""
    from feedback.texts import LANGUAGE_CODES, texts_for

    def flat(table, prefix=""):
        for key, value in table.items():
            if isinstance(value, dict):
                yield from flat(value, prefix + key + ".")
            else:
                yield prefix + key, value

    dutch = dict(flat(texts_for("nl")))
    for code in LANGUAGE_CODES[1:]:
        table = dict(flat(texts_for(code)))
        assert table.keys() == dutch.keys()
        same = [key for key in dutch if table[key] == dutch[key] and key != "status_current"]
        assert same == [], code


def test_contact_help_states_the_configured_retention_period(client, settings):
    settings.FEEDBACK_CONTACT_RETENTION_DAYS = 30
    assert "Na 30 dagen wissen wij het." in client.get("/feedback/nl/").content.decode()
    assert "after 30 days" in client.get("/feedback/en/").content.decode()
