"""A corpus of hostile text through every user-text field, rendered in Debian's Chromium.

Each payload enters through the real forms (HTTP posts with the test client) or the
services the forms call, is stored, and is then rendered on the pages where people see
it. The browser context *bypasses the Content-Security-Policy*, so the test proves the
escaping itself, not just the CSP safety net. For every page we assert:

(a) nothing executed: ``alert``/``confirm``/``prompt`` calls in the corpus are rewritten to
    ``__xss(n)``, the dialog functions are hooked as well, ``page.on("dialog")`` is
    watched, and the DOM holds no event-handler attribute, ``javascript:`` URL, inline
    script, frame, object or embed that came from user text;
(b) the text is preserved as text: the stored value appears in the page's text (for
    fields stored as sanitised HTML, the text of that HTML), so ``<b>`` typed by a user
    is shown as ``<b>``, and ``{{7*7}}`` stays ``{{7*7}}``.

Payloads are rendered many per page (lists of 20-25, or one text holding a batch).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client

from accounts import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORPUS_PATH = Path(__file__).parent / "payloads" / "xss.txt"
BATCH = 20


def load_corpus() -> list[str]:
    lines = CORPUS_PATH.read_text(encoding="utf-8").splitlines()
    payloads = [line for line in lines if line.strip() and not line.startswith("# ")]
    return [re.sub(r"\b(alert|confirm|prompt)\b", "__xss", p) for p in payloads]


CORPUS = load_corpus()


def test_corpus_is_large_and_diverse():
    assert len(CORPUS) >= 100
    joined = "\n".join(CORPUS).lower()
    for family in (
        "<script",
        "onerror=",
        "javascript:",
        "<svg",
        "<math",
        "&#",
        "{{7*7}}",
        "{% debug %}",
        "expression(",
        "%3cscript",
        "\\u003c",
        "srcdoc",
        "data:text/html",
    ):
        assert family in joined, family


def tagged(prefix: str, index: int, payload: str) -> str:
    """A unique visible marker first, so each payload can be found again on the page."""
    return f"{prefix}{index:03d} {payload}"


def batches(items, size=BATCH):
    return [items[i : i + size] for i in range(0, len(items), size)]


INIT_SCRIPT = """
(() => {
  window.__xssHits = [];
  const hit = (n) => { window.__xssHits.push(String(n)); };
  Object.defineProperty(window, '__xss', {value: hit, writable: false});
  window.alert = hit; window.confirm = hit; window.prompt = hit; window.print = hit;
})();
"""

INSPECT = """
([expected, adminPage]) => {
  const squash = (s) => (s || '').replace(/\\s+/g, '');
  const fieldValues = Array.from(document.querySelectorAll('input, textarea'), (el) => el.value);
  const text = squash(
    [document.title, document.body ? document.body.textContent : '', ...fieldValues].join(' ')
  );
  const dangerous = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background',
                    'poster', 'srcdoc'];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'object', 'embed', 'base', 'portal', 'frame', 'frameset', 'applet'].includes(tag)) {
      dangerous.push(tag);
    }
    const src = el.getAttribute('src') || '';
    const ownScript = src.startsWith('/static/') || (adminPage && src.startsWith('/admin/')) ||
      (adminPage && !el.getAttribute('src') && !el.textContent.includes('__xss'));
    if (tag === 'script' && !ownScript) {
      dangerous.push('script:' + (el.getAttribute('src') || el.textContent.slice(0, 40)));
    }
    if (tag === 'meta' && el.hasAttribute('http-equiv')) dangerous.push('meta http-equiv');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) dangerous.push(tag + '[' + name + ']');
      if (urlAttrs.includes(name)) {
        const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
        if (value.startsWith('javascript:') || value.startsWith('vbscript:') ||
            value.startsWith('data:text/html') || name === 'srcdoc') {
          dangerous.push(tag + '[' + name + '=' + attr.value.slice(0, 40) + ']');
        }
      }
      if (name === 'style' && /expression|javascript|url\\(/i.test(attr.value)) {
        dangerous.push(tag + '[style]');
      }
    }
  }
  const parser = new DOMParser();
  const missing = [];
  for (const [mode, value] of expected) {
    const wanted = mode === 'html'
      ? squash(parser.parseFromString(value, 'text/html').body.textContent)
      : squash(value);
    if (!text.includes(wanted)) missing.push(value.slice(0, 80));
  }
  return {hits: window.__xssHits, dangerous, missing};
}
"""


@pytest.fixture
def hostile_browser(_playwright_browser, live_server):
    """open(path, expected=[(mode, text)], user=None): visit as ``user`` and inspect."""
    pages = {}
    dialogs = []

    def page_for(user):
        key = getattr(user, "pk", None)
        if key not in pages:
            context = _playwright_browser.new_context(
                locale="nl-NL", base_url=live_server.url, bypass_csp=True
            )
            context.set_default_timeout(15_000)
            context.add_init_script(INIT_SCRIPT)
            if user is not None:
                client = Client()
                client.force_login(user)
                cookie = client.cookies["sessionid"].value
                context.add_cookies(
                    [{"name": "sessionid", "value": cookie, "url": live_server.url}]
                )
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            pages[key] = page
        return pages[key]

    def open_page(path, expected, user=None):
        admin_page = path.startswith("/admin/")
        page = page_for(user)
        dialogs.clear()
        response = page.goto(path, wait_until="load")
        assert response.status < 400, f"{path}: HTTP {response.status}"
        page.wait_for_timeout(30)  # let timers and media error events fire
        result = page.evaluate(INSPECT, [[[mode, value] for mode, value in expected], admin_page])
        assert result["hits"] == [], f"{path}: payload executed: {result['hits']}"
        assert dialogs == [], f"{path}: dialog opened: {dialogs}"
        assert result["dangerous"] == [], f"{path}: active markup from user text"
        assert result["missing"] == [], f"{path}: text not shown as typed"
        return result

    yield open_page
    for page in pages.values():
        page.context.close()


def _accepted(results, minimum=0.9):
    """Most payloads must be accepted (refusals are fine only for personal data or length)."""
    accepted = [r for r in results if r is not None]
    assert len(accepted) >= minimum * len(results), (len(accepted), len(results))
    return accepted


# --- signals: title, description, suggestion, notes, follow-ups -----------------------


@pytest.fixture
def taxonomy(db):
    from taxonomy.demo import seed

    seed()


def test_signal_texts_are_inert(hostile_browser, make_user, taxonomy):
    from signals import services
    from signals.models import Note, Signal

    submitter = make_user(role=roles.PROFESSIONAL)
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    browser = Client()
    browser.force_login(submitter)

    # Titles: one signal per payload, submitted through the real form.
    for i, payload in enumerate(CORPUS):
        response = browser.post(
            "/signalen/nieuw/",
            {
                "title": tagged("T", i, payload)[:200],
                "description": f"Omschrijving {i} van een knelpunt in de overdracht.",
                "urgency": "normaal",
                "confirm": "1",
            },
        )
        assert response.status_code in (200, 302)
    titled = Signal.objects.filter(title__startswith="T").count()
    assert titled >= 0.9 * len(CORPUS), titled

    # Descriptions and suggestions: one signal per batch, text holding the whole batch.
    carriers = []
    for b, chunk in enumerate(batches(list(enumerate(CORPUS)))):
        description = "\n".join(tagged("D", i, p) for i, p in chunk)
        suggestion = "\n".join(tagged("S", i, p) for i, p in chunk)
        signal = services.create_signal(
            submitted_by=submitter,
            title=f"Drager {b}",
            description=description,
            suggestion=suggestion[:2000],
        )
        for i, payload in chunk:
            services.add_note(signal, coordinator, tagged("N", i, payload))
            services.add_followup(signal, coordinator, tagged("F", i, payload), is_public=True)
        carriers.append(signal)

    pages = (Signal.objects.count() + 24) // 25
    for number in range(1, pages + 1):
        shown = Signal.objects.order_by("-created_at", "-pk")[(number - 1) * 25 : number * 25]
        hostile_browser(
            f"/signalen/?page={number}",
            [("text", s.title) for s in shown],
            user=submitter,
        )
    for signal in carriers:
        signal.refresh_from_db()
        followups = list(signal.followups.values_list("text", flat=True))
        hostile_browser(
            f"/signalen/{signal.pk}/",
            [("text", signal.description), ("text", signal.suggestion)]
            + [("text", f) for f in followups],
            user=submitter,
        )
        notes = list(Note.objects.filter(signal=signal).values_list("text", flat=True))
        assert len(notes) == len(followups)
        hostile_browser(
            f"/werkbank/signalen/{signal.pk}/",
            [("text", signal.title), ("text", signal.description)] + [("text", n) for n in notes],
            user=coordinator,
        )


# --- registration names and community posts, threads and events -----------------------


def test_names_and_community_posts_are_inert(hostile_browser, make_user, taxonomy, home_page):
    from accounts.models import User
    from communities import services
    from communities.factories import make_community
    from taxonomy.models import Organisation

    organisation = Organisation.objects.filter(is_active=True).first()
    facilitator = make_user(role=roles.PROFESSIONAL)
    community = make_community(facilitator=facilitator)
    base = community.url

    # Names through the registration form (then activated, as the e-mail link would).
    authors = []
    for i, payload in enumerate(CORPUS):
        cache.clear()
        email = f"naam{i}@example.org"
        Client().post(
            "/account/registreren/",
            {
                "first_name": tagged("V", i, payload)[:150],
                "last_name": f"A{i:03d}",
                "email": email,
                "organisation": organisation.pk,
                "job_title": "Consulent",
                "password1": "lang-genoeg-wachtwoord-42",
                "password2": "lang-genoeg-wachtwoord-42",
                "accept_terms": "on",
            },
        )
        user = User.objects.filter(email=email).first()
        if user is None:
            authors.append(None)
            continue
        user.is_active = True
        user.save(update_fields=["is_active"])
        roles.assign_role(user, roles.PROFESSIONAL)
        services.add_member(community, user)
        authors.append(user)
    _accepted(authors)

    threads = []
    for b, chunk in enumerate(batches(list(enumerate(CORPUS)))):
        starter = authors[chunk[0][0]] or facilitator
        thread = services.start_thread(
            community, starter, tagged("O", chunk[0][0], chunk[0][1]), f"Opening {b}"
        )
        for i, payload in chunk:
            services.reply(thread, authors[i] or facilitator, tagged("P", i, payload))
        threads.append(thread)
    for thread in threads:
        posts = list(thread.posts.select_related("author").order_by("pk"))
        expected = [("text", thread.title)]
        expected += [("html", p.body) for p in posts]
        expected += [("text", p.author.first_name) for p in posts if p.author]
        hostile_browser(f"{base}discussies/{thread.pk}/", expected, user=facilitator)
    hostile_browser(f"{base}discussies/", [("text", t.title) for t in threads], user=facilitator)


# --- feedback of inburgeraars, "Was dit nuttig?", "Stel een vraag" -----------------


def test_feedback_texts_are_inert(hostile_browser, make_user, taxonomy):
    from feedback.models import Feedback

    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    created = []
    for b, chunk in enumerate(batches(list(enumerate(CORPUS)))):
        cache.clear()
        text = "\n".join(tagged("K", i, p) for i, p in chunk)[:2000]
        language = ["ar", "nl", "en", "ti", "uk"][b % 5]
        response = Client(REMOTE_ADDR=f"192.0.2.{b + 1}").post(
            f"/feedback/{language}/",
            {"kind": "moeilijk", "topic": "anders", "text": text, "contact": "nee"},
        )
        assert response.status_code in (302, 404), response.status_code
        if response.status_code == 302:
            created.append(Feedback.objects.order_by("-pk").first())
    assert len(created) >= len(batches(CORPUS)) - 2
    for item in created:
        hostile_browser(f"/feedback/moderatie/{item.pk}/", [("text", item.text)], user=coordinator)


def test_knowledge_feedback_and_questions_are_inert(hostile_browser, make_user, home_page):
    from knowledge.factories import publish_question
    from knowledge.models import PageFeedback, QuestionRequest

    question = publish_question("Wie regelt de overdracht van het azc naar de gemeente?")
    asker = make_user(role=roles.PROFESSIONAL)
    asking = Client()
    asking.force_login(asker)
    for i, payload in enumerate(CORPUS):
        cache.clear()
        Client(REMOTE_ADDR=f"198.51.100.{i % 250 + 1}").post(
            f"/kennisbank/feedback/{question.pk}/",
            {"helpful": "nee", "comment": tagged("W", i, payload)},
        )
        asking.post(
            "/kennisbank/vraag-stellen/",
            {"question": tagged("Q", i, payload)[:300], "explanation": tagged("E", i, payload)},
        )
    comments = list(PageFeedback.objects.exclude(comment="").values_list("comment", flat=True))
    assert len(comments) >= 0.9 * len(CORPUS)
    asked = list(QuestionRequest.objects.filter(asker=asker).order_by("-pk"))
    assert len(asked) >= 0.9 * len(CORPUS)
    for number, chunk in enumerate(batches(asked, 20), start=1):
        hostile_browser(
            f"/kennisbank/mijn-vragen/?page={number}",
            [("text", r.question) for r in chunk],
            user=asker,
        )
    # Editors read the comments in the Wagtail admin, whose CSP allows inline scripts:
    # escaping is the only defence there.
    editor = make_user(role=roles.REDACTEUR)
    hostile_browser(
        "/admin/kennisbank/feedback/reacties/?per_page=500",
        [("text", c) for c in comments[:50]],
        user=editor,
    )


# --- search queries ------------------------------------------------------------------------


def test_search_queries_are_inert(hostile_browser, make_user, home_page):
    editor = make_user(role=roles.REDACTEUR)
    for i, payload in enumerate(CORPUS):
        query = tagged("Z", i, payload)
        hostile_browser("/zoeken/?" + urlencode({"q": query}), [("text", query)])
    # The zero-result report in the admin lists what people typed.
    hostile_browser("/admin/zoeken/rapport/", [], user=editor)
