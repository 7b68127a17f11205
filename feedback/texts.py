"""Texts of the newcomer pages (feedback form, status page, "wat we met jullie feedback
doen"), as gettext strings with the message context ``inburgeraar``.

Dutch is the source, written at B1 level: short sentences, common words, one idea per
sentence. The translations live in ``feedback/locale/<lang>/LC_MESSAGES/django.po`` for
nl, en, ar, uk and ti, like every other interface text; the context keeps the newcomer
strings apart so a test can demand that ar, uk and ti are complete for them (see
docs/languages.md). ``texts_for(language)`` resolves the table in one language.

NOTE FOR REVIEWERS: the Arabic, Ukrainian and Tigrinya texts were written by the
developers, not by native speakers. Have native speakers (for example members of
the platform van inburgeraars) review them before production use; Tigrinya most of all.
"""

from __future__ import annotations

from django.utils.translation import override, pgettext_lazy

CONTEXT = "inburgeraar"
DEFAULT_LANGUAGE = "nl"

# (code, name in the language itself, writing direction)
LANGUAGES: list[tuple[str, str, str]] = [
    ("nl", "Nederlands", "ltr"),
    ("en", "English", "ltr"),
    ("ar", "العربية", "rtl"),
    ("uk", "Українська", "ltr"),
    ("ti", "ትግርኛ", "ltr"),
]
LANGUAGE_CODES = [code for code, _, _ in LANGUAGES]
LANGUAGE_NAMES = {code: name for code, name, _ in LANGUAGES}
DIRECTIONS = {code: direction for code, _, direction in LANGUAGES}

KINDS = ["goed", "moeilijk"]
TOPICS = ["taalcursus", "knm", "werk", "geld", "gemeente", "wonen", "anders"]
PERSONAL_DATA_KINDS = ["bsn", "v_number", "email", "phone", "iban", "birth_date"]

MAX_TEXT_LENGTH = 2000


SOURCE: dict = {
    "choose_language": pgettext_lazy("inburgeraar", "Kies uw taal"),
    "page_title": pgettext_lazy("inburgeraar", "Uw mening over de inburgering"),
    "intro": pgettext_lazy(
        "inburgeraar",
        "Wij willen de inburgering beter maken. Vertel ons wat goed ging of wat moeilijk was. Het gaat over de regels en de organisaties. Het gaat niet over uw eigen dossier.",
    ),
    "anonymous_note": pgettext_lazy(
        "inburgeraar", "U hoeft uw naam niet te geven. Wij bewaren uw IP-adres niet."
    ),
    "other_language": pgettext_lazy("inburgeraar", "Andere taal kiezen"),
    "required": pgettext_lazy("inburgeraar", "(verplicht)"),
    "optional": pgettext_lazy("inburgeraar", "(niet verplicht)"),
    "kind_label": pgettext_lazy("inburgeraar", "Wat wilt u vertellen?"),
    "kinds": {
        "goed": pgettext_lazy("inburgeraar", "Iets ging goed"),
        "moeilijk": pgettext_lazy("inburgeraar", "Iets was moeilijk"),
    },
    "topic_label": pgettext_lazy("inburgeraar", "Waar gaat het over?"),
    "topic_help": pgettext_lazy("inburgeraar", "Kies één onderwerp."),
    "topics": {
        "taalcursus": pgettext_lazy("inburgeraar", "De taalcursus"),
        "knm": pgettext_lazy("inburgeraar", "KNM (lessen over Nederland)"),
        "werk": pgettext_lazy("inburgeraar", "Werk"),
        "geld": pgettext_lazy("inburgeraar", "Geld"),
        "gemeente": pgettext_lazy("inburgeraar", "Contact met de gemeente"),
        "wonen": pgettext_lazy("inburgeraar", "Wonen"),
        "anders": pgettext_lazy("inburgeraar", "Iets anders"),
    },
    "text_label": pgettext_lazy("inburgeraar", "Vertel het ons"),
    "text_help": pgettext_lazy(
        "inburgeraar",
        "Schrijf in uw eigen woorden. Gebruik maximaal 2000 tekens. Schrijf geen namen, nummers of andere gegevens over uzelf of over andere mensen.",
    ),
    "contact_label": pgettext_lazy("inburgeraar", "Mogen wij contact met u opnemen?"),
    "contact_help": pgettext_lazy(
        "inburgeraar",
        "Dit hoeft niet. Kiest u ja? Dan bewaren wij uw e-mailadres of telefoonnummer apart. Alleen de coördinatoren kunnen het zien. Na %(days)s dagen wissen wij het.",
    ),
    "contact_choices": {
        "nee": pgettext_lazy("inburgeraar", "Nee"),
        "ja": pgettext_lazy("inburgeraar", "Ja"),
    },
    "contact_address_label": pgettext_lazy("inburgeraar", "Uw e-mailadres of telefoonnummer"),
    "contact_address_help": pgettext_lazy("inburgeraar", "Vul dit alleen in als u ja kiest."),
    "name_legend": pgettext_lazy("inburgeraar", "Uw naam"),
    "name_label": pgettext_lazy("inburgeraar", "Mijn naam mag bij deze feedback staan"),
    "name_help": pgettext_lazy(
        "inburgeraar", "U bent ingelogd. Wij zetten uw naam er alleen bij als u dit aanvinkt."
    ),
    "honeypot_label": pgettext_lazy("inburgeraar", "Laat dit vak leeg"),
    "submit": pgettext_lazy("inburgeraar", "Versturen"),
    "error_summary_title": pgettext_lazy("inburgeraar", "Er ging iets mis. Kijk naar deze punten:"),
    "err_required_kind": pgettext_lazy("inburgeraar", "Kies wat u wilt vertellen."),
    "err_required_topic": pgettext_lazy("inburgeraar", "Kies een onderwerp."),
    "err_required_text": pgettext_lazy("inburgeraar", "Schrijf uw feedback."),
    "err_too_long": pgettext_lazy(
        "inburgeraar", "Uw tekst is te lang. Gebruik maximaal 2000 tekens."
    ),
    "err_invalid_choice": pgettext_lazy("inburgeraar", "Kies een van de mogelijkheden."),
    "err_contact_missing": pgettext_lazy(
        "inburgeraar", "U koos ja. Schrijf dan uw e-mailadres of telefoonnummer."
    ),
    "err_contact_invalid": pgettext_lazy(
        "inburgeraar", "Dit is geen goed e-mailadres of telefoonnummer."
    ),
    "err_contact_without_yes": pgettext_lazy(
        "inburgeraar",
        "U schreef een e-mailadres of telefoonnummer, maar u koos nee. Kies ja, of maak het vak leeg.",
    ),
    "err_rate_limit": pgettext_lazy(
        "inburgeraar",
        "U heeft de laatste tijd veel berichten gestuurd. Probeer het later nog eens. Uw tekst staat er nog.",
    ),
    "pd_intro": pgettext_lazy(
        "inburgeraar", "Uw tekst lijkt persoonlijke gegevens te bevatten: %(found)s."
    ),
    "pd_why": pgettext_lazy(
        "inburgeraar",
        "Wij vragen alleen naar de inburgering in het algemeen, niet naar u als persoon. Haal deze gegevens weg en verstuur het opnieuw. Wij hebben nog niets opgeslagen.",
    ),
    "pd_and": pgettext_lazy("inburgeraar", "en"),
    "pd_kinds": {
        "bsn": pgettext_lazy("inburgeraar", "een burgerservicenummer (BSN)"),
        "v_number": pgettext_lazy("inburgeraar", "een V-nummer (vreemdelingennummer)"),
        "email": pgettext_lazy("inburgeraar", "een e-mailadres"),
        "phone": pgettext_lazy("inburgeraar", "een telefoonnummer"),
        "iban": pgettext_lazy("inburgeraar", "een bankrekeningnummer (IBAN)"),
        "birth_date": pgettext_lazy("inburgeraar", "een geboortedatum"),
    },
    "thanks_title": pgettext_lazy("inburgeraar", "Dank u wel!"),
    "thanks_body": pgettext_lazy(
        "inburgeraar",
        "Wij hebben uw feedback ontvangen. Een coördinator leest het. Wij gebruiken het om de inburgering beter te maken.",
    ),
    "thanks_again": pgettext_lazy("inburgeraar", "Nog iets anders vertellen"),
    "thanks_code_label": pgettext_lazy("inburgeraar", "Uw referentiecode"),
    "thanks_code_help": pgettext_lazy(
        "inburgeraar",
        "Bewaar deze code. Met de code ziet u later wat wij met uw feedback doen. "
        "U hoeft geen account te maken.",
    ),
    "status_link": pgettext_lazy("inburgeraar", "Bekijk wat er met uw feedback gebeurt"),
    "status_title": pgettext_lazy("inburgeraar", "Wat gebeurt er met mijn feedback?"),
    "status_intro": pgettext_lazy(
        "inburgeraar", "Vul de referentiecode in die u kreeg na het versturen."
    ),
    "code_label": pgettext_lazy("inburgeraar", "Referentiecode"),
    "code_help": pgettext_lazy(
        "inburgeraar", "Bijvoorbeeld: KM4T-7WXR. Hoofdletters of kleine letters maakt niet uit."
    ),
    "code_submit": pgettext_lazy("inburgeraar", "Bekijken"),
    "code_unknown": pgettext_lazy(
        "inburgeraar",
        "Wij vinden geen feedback bij deze code. Kijk of u de code goed heeft overgenomen. "
        "Een code werkt een jaar.",
    ),
    "code_rate_limit": pgettext_lazy(
        "inburgeraar", "U heeft veel codes geprobeerd. Probeer het later nog eens."
    ),
    "status_current": pgettext_lazy("inburgeraar", "Status"),
    "states": {
        "received": pgettext_lazy("inburgeraar", "Ontvangen"),
        "read": pgettext_lazy("inburgeraar", "Gelezen door een coördinator"),
        "signal": pgettext_lazy("inburgeraar", "Er is een signaal van gemaakt"),
        "answered": pgettext_lazy("inburgeraar", "Beantwoord"),
    },
    "state_help": {
        "received": pgettext_lazy(
            "inburgeraar", "Wij hebben uw feedback ontvangen. Een coördinator gaat het lezen."
        ),
        "read": pgettext_lazy("inburgeraar", "Een coördinator heeft uw feedback gelezen."),
        "signal": pgettext_lazy(
            "inburgeraar",
            "Uw feedback is nu een signaal. Het gaat naar de mensen die er iets aan kunnen doen.",
        ),
        "answered": pgettext_lazy("inburgeraar", "Een coördinator heeft u een antwoord gegeven."),
    },
    "signal_link": pgettext_lazy("inburgeraar", "Lees wat er met het signaal gebeurt"),
    "answer_heading": pgettext_lazy("inburgeraar", "Het antwoord"),
    "outcomes_title": pgettext_lazy("inburgeraar", "Wat we met jullie feedback doen"),
    "outcomes_intro": pgettext_lazy(
        "inburgeraar",
        "Hier leest u per onderwerp wat wij met de feedback van inburgeraars hebben gedaan.",
    ),
    "outcomes_empty": pgettext_lazy(
        "inburgeraar", "Er is nog niets gepubliceerd. Kom later terug."
    ),
    "outcomes_untranslated": pgettext_lazy(
        "inburgeraar", "Deze tekst is nog niet vertaald. U leest hem in eenvoudig Nederlands."
    ),
    "give_feedback": pgettext_lazy("inburgeraar", "Geef zelf feedback"),
    "offer": {
        "nl": pgettext_lazy("inburgeraar", "Deze pagina is er ook in het Nederlands."),
        "en": pgettext_lazy("inburgeraar", "Deze pagina is er ook in het Engels."),
        "ar": pgettext_lazy("inburgeraar", "Deze pagina is er ook in het Arabisch."),
        "uk": pgettext_lazy("inburgeraar", "Deze pagina is er ook in het Oekraïens."),
        "ti": pgettext_lazy("inburgeraar", "Deze pagina is er ook in het Tigrinya."),
    },
    "mail_subject": pgettext_lazy("inburgeraar", "Antwoord op uw feedback"),
    "mail_body": pgettext_lazy(
        "inburgeraar",
        "Goedendag,\n\nU gaf ons feedback over de inburgering. "
        "Een coördinator heeft u geantwoord:\n\n%(answer)s\n\n"
        "Uw referentiecode is %(code)s. Hier ziet u de status van uw feedback: %(url)s\n\n"
        "U kunt niet op deze e-mail antwoorden. Wij wissen uw e-mailadres na %(days)s dagen.",
    ),
}


def _resolve(table):
    if isinstance(table, dict):
        return {key: _resolve(value) for key, value in table.items()}
    return str(table)


def texts_for(language: str) -> dict:
    """The text table in ``language`` (Dutch when the language is unknown)."""
    if language not in LANGUAGE_CODES:
        language = DEFAULT_LANGUAGE
    with override(language):
        return _resolve(SOURCE)


def text(language: str, key: str, **params) -> str:
    """One text in ``language``, with %-style parameters filled in."""
    message = texts_for(language)[key]
    return message % params if params else message


def personal_data_message(language: str, findings) -> str:
    """Say, in ``language``, which personal data was found (masked) and why it cannot be stored.

    ``findings`` are :class:`privacy.guard.Finding` objects from ``find_personal_data``.
    """
    t = texts_for(language)
    parts = []
    for finding in findings:
        label = t["pd_kinds"].get(finding.kind, finding.kind)
        part = f"{label} ({finding.excerpt})"
        if part not in parts:
            parts.append(part)
    if len(parts) == 1:
        found = parts[0]
    else:
        found = ", ".join(parts[:-1]) + f" {t['pd_and']} " + parts[-1]
    return t["pd_intro"] % {"found": found} + " " + t["pd_why"]
