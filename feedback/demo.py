"""Demo feedback of inburgeraars in several languages (own words). Idempotent."""

from django.contrib.auth import get_user_model

from . import services
from .models import Feedback

# (language, kind, topic, text, contact address or "")
DEMO_FEEDBACK = [
    (
        "nl",
        "moeilijk",
        "taalcursus",
        "Mijn taalcursus begon pas vier maanden na mijn verhuizing. In die tijd wist ik niet "
        "wat ik moest doen. Het zou fijn zijn als de cursus sneller begint.",
        "",
    ),
    (
        "en",
        "goed",
        "knm",
        "The KNM lessons were very useful. The teacher explained how the municipality and "
        "the tax office work, with many examples from daily life.",
        "",
    ),
    (
        "ar",
        "moeilijk",
        "gemeente",
        "الرسائل من البلدية مكتوبة بلغة هولندية صعبة. لم أفهم ماذا يجب أن أفعل، "
        "وكان من الصعب أن أجد شخصًا يشرح لي.",
        "",
    ),
    (
        "uk",
        "moeilijk",
        "werk",
        "Я хочу працювати, але не знаю, чи можна поєднувати роботу з мовним курсом. "
        "Різні організації кажуть різне.",
        "demo-contact@example.org",
    ),
    (
        "ti",
        "goed",
        "wonen",
        "ኣብ መንበሪ ገዛ ብዙሕ ሓገዝ ረኺበ። ሰራሕተኛታት ምምሕዳር ከተማ ብጽቡቕ ተቐቢሎምና።",
        "",
    ),
    (
        "nl",
        "moeilijk",
        "geld",
        "Na een half jaar moest ik ineens zelf alle rekeningen betalen. Niemand had mij "
        "goed uitgelegd wanneer dat zou gebeuren.",
        "",
    ),
]


def seed(stdout=None):
    created = []
    for language, kind, topic, text, contact in DEMO_FEEDBACK:
        existing = Feedback.objects.filter(language=language, topic=topic, text=text).first()
        if existing is None:
            existing = services.submit_feedback(
                language=language, kind=kind, topic=topic, text=text, contact_address=contact
            )
            created.append(existing)
    _convert_one_to_signal()
    _publish_outcome()
    if stdout is not None:
        stdout.write(f"  feedback: {len(created)} new items of inburgeraars")
    return created


def _convert_one_to_signal():
    """Turn the Arabic item about letters from the municipality into a signal, once."""
    coordinator = get_user_model().objects.filter(email="uitvoering@example.org").first()
    item = Feedback.objects.filter(language="ar", topic="gemeente").first()
    if coordinator is None or item is None or item.status != Feedback.Status.NEW:
        return
    services.convert_to_signal(
        item,
        coordinator=coordinator,
        title="Brieven van de gemeente zijn te moeilijk voor inburgeraars",
        description=(
            "Inburgeraars melden via het platform dat brieven van de gemeente in moeilijk "
            "Nederlands zijn geschreven. Zij begrijpen niet wat zij moeten doen en vinden "
            "niemand die het uitlegt. Eenvoudige taal (B1) en een contactpersoon helpen."
        ),
    )


def _publish_outcome():
    """One published 'wat we met jullie feedback doen' text, translated into Arabic only."""
    from taxonomy.models import Theme

    from . import outcomes
    from .models import FeedbackOutcome

    coordinator = get_user_model().objects.filter(email="uitvoering@example.org").first()
    theme = (
        Theme.objects.filter(slug="voorlichting-en-communicatie").first() or Theme.objects.first()
    )
    if coordinator is None or theme is None or FeedbackOutcome.objects.exists():
        return
    outcomes.save_outcome(
        coordinator=coordinator,
        theme=theme,
        title="Brieven in eenvoudige taal",
        body=(
            "Jullie schreven dat brieven van de gemeente moeilijk zijn. Wij hebben dit "
            "doorgegeven. Drie gemeenten schrijven hun brieven nu in eenvoudige taal. "
            "In elke brief staat een telefoonnummer voor vragen."
        ),
        is_published=True,
        translations={
            "ar": (
                "رسائل بلغة بسيطة",
                "كتبتم أن رسائل البلدية صعبة. نقلنا ذلك. ثلاث بلديات تكتب رسائلها الآن "
                "بلغة بسيطة. في كل رسالة رقم هاتف للأسئلة.",
            )
        },
    )
