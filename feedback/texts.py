"""Texts of the public feedback form, per language, kept in code.

Django's own translations cover only the site languages (nl, en) and do not ship
Tigrinya at all, so the inburgeraar form carries its own tables: one dict per
language with every label, help text, error message and button. Dutch is the
source, written at B1 level: short sentences, common words, one idea per sentence.

NOTE FOR REVIEWERS: the Arabic, Ukrainian and Tigrinya texts were written by the
developers, not by native speakers. Have native speakers (for example members of
the platform van inburgeraars) review them before production use; Tigrinya most of all.
"""

from __future__ import annotations

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

TEXTS: dict[str, dict] = {
    "nl": {
        "choose_language": "Kies uw taal",
        "page_title": "Uw mening over de inburgering",
        "intro": (
            "Wij willen de inburgering beter maken. Vertel ons wat goed ging of wat moeilijk "
            "was. Het gaat over de regels en de organisaties. Het gaat niet over uw eigen dossier."
        ),
        "anonymous_note": "U hoeft uw naam niet te geven. Wij bewaren uw IP-adres niet.",
        "other_language": "Andere taal kiezen",
        "required": "(verplicht)",
        "optional": "(niet verplicht)",
        "kind_label": "Wat wilt u vertellen?",
        "kinds": {"goed": "Iets ging goed", "moeilijk": "Iets was moeilijk"},
        "topic_label": "Waar gaat het over?",
        "topic_help": "Kies één onderwerp.",
        "topics": {
            "taalcursus": "De taalcursus",
            "knm": "KNM (lessen over Nederland)",
            "werk": "Werk",
            "geld": "Geld",
            "gemeente": "Contact met de gemeente",
            "wonen": "Wonen",
            "anders": "Iets anders",
        },
        "text_label": "Vertel het ons",
        "text_help": (
            "Schrijf in uw eigen woorden. Gebruik maximaal 2000 tekens. Schrijf geen namen, "
            "nummers of andere gegevens over uzelf of over andere mensen."
        ),
        "contact_label": "Mogen wij contact met u opnemen?",
        "contact_help": (
            "Dit hoeft niet. Kiest u ja? Dan bewaren wij uw e-mailadres of telefoonnummer apart. "
            "Alleen de coördinatoren kunnen het zien. Na {days} dagen wissen wij het."
        ),
        "contact_choices": {"nee": "Nee", "ja": "Ja"},
        "contact_address_label": "Uw e-mailadres of telefoonnummer",
        "contact_address_help": "Vul dit alleen in als u ja kiest.",
        "name_legend": "Uw naam",
        "name_label": "Mijn naam mag bij deze feedback staan",
        "name_help": "U bent ingelogd. Wij zetten uw naam er alleen bij als u dit aanvinkt.",
        "honeypot_label": "Laat dit vak leeg",
        "submit": "Versturen",
        "error_summary_title": "Er ging iets mis. Kijk naar deze punten:",
        "err_required_kind": "Kies wat u wilt vertellen.",
        "err_required_topic": "Kies een onderwerp.",
        "err_required_text": "Schrijf uw feedback.",
        "err_too_long": "Uw tekst is te lang. Gebruik maximaal 2000 tekens.",
        "err_invalid_choice": "Kies een van de mogelijkheden.",
        "err_contact_missing": "U koos ja. Schrijf dan uw e-mailadres of telefoonnummer.",
        "err_contact_invalid": "Dit is geen goed e-mailadres of telefoonnummer.",
        "err_contact_without_yes": (
            "U schreef een e-mailadres of telefoonnummer, maar u koos nee. "
            "Kies ja, of maak het vak leeg."
        ),
        "err_rate_limit": (
            "U heeft de laatste tijd veel berichten gestuurd. Probeer het later nog eens. "
            "Uw tekst staat er nog."
        ),
        "pd_intro": "Uw tekst lijkt persoonlijke gegevens te bevatten: {found}.",
        "pd_why": (
            "Wij vragen alleen naar de inburgering in het algemeen, niet naar u als persoon. "
            "Haal deze gegevens weg en verstuur het opnieuw. Wij hebben nog niets opgeslagen."
        ),
        "pd_and": "en",
        "pd_kinds": {
            "bsn": "een burgerservicenummer (BSN)",
            "v_number": "een V-nummer (vreemdelingennummer)",
            "email": "een e-mailadres",
            "phone": "een telefoonnummer",
            "iban": "een bankrekeningnummer (IBAN)",
            "birth_date": "een geboortedatum",
        },
        "thanks_title": "Dank u wel!",
        "thanks_body": (
            "Wij hebben uw feedback ontvangen. Een coördinator leest het. "
            "Wij gebruiken het om de inburgering beter te maken."
        ),
        "thanks_again": "Nog iets anders vertellen",
    },
    "en": {
        "choose_language": "Choose your language",
        "page_title": "Your opinion about civic integration",
        "intro": (
            "We want to make civic integration better. Tell us what went well or what was "
            "difficult. It is about the rules and the organisations. It is not about your own file."
        ),
        "anonymous_note": "You do not have to give your name. We do not keep your IP address.",
        "other_language": "Choose another language",
        "required": "(required)",
        "optional": "(not required)",
        "kind_label": "What do you want to tell us?",
        "kinds": {"goed": "Something went well", "moeilijk": "Something was difficult"},
        "topic_label": "What is it about?",
        "topic_help": "Choose one topic.",
        "topics": {
            "taalcursus": "The language course",
            "knm": "KNM (lessons about the Netherlands)",
            "werk": "Work",
            "geld": "Money",
            "gemeente": "Contact with the municipality",
            "wonen": "Housing",
            "anders": "Something else",
        },
        "text_label": "Tell us",
        "text_help": (
            "Write in your own words. Use at most 2000 characters. Do not write names, numbers "
            "or other details about yourself or other people."
        ),
        "contact_label": "May we contact you?",
        "contact_help": (
            "You do not have to. Do you choose yes? Then we keep your e-mail address or phone "
            "number separately. Only the coordinators can see it. We delete it after {days} days."
        ),
        "contact_choices": {"nee": "No", "ja": "Yes"},
        "contact_address_label": "Your e-mail address or phone number",
        "contact_address_help": "Only fill this in if you choose yes.",
        "name_legend": "Your name",
        "name_label": "My name may be shown with this feedback",
        "name_help": "You are logged in. We only add your name if you tick this box.",
        "honeypot_label": "Leave this field empty",
        "submit": "Send",
        "error_summary_title": "Something went wrong. Please look at these points:",
        "err_required_kind": "Choose what you want to tell us.",
        "err_required_topic": "Choose a topic.",
        "err_required_text": "Write your feedback.",
        "err_too_long": "Your text is too long. Use at most 2000 characters.",
        "err_invalid_choice": "Choose one of the options.",
        "err_contact_missing": "You chose yes. Please write your e-mail address or phone number.",
        "err_contact_invalid": "This is not a valid e-mail address or phone number.",
        "err_contact_without_yes": (
            "You wrote an e-mail address or phone number, but you chose no. "
            "Choose yes, or empty the field."
        ),
        "err_rate_limit": (
            "You have sent many messages recently. Please try again later. Your text is still here."
        ),
        "pd_intro": "Your text seems to contain personal data: {found}.",
        "pd_why": (
            "We only ask about civic integration in general, not about you as a person. "
            "Please remove these details and send it again. We have not saved anything yet."
        ),
        "pd_and": "and",
        "pd_kinds": {
            "bsn": "a citizen service number (BSN)",
            "v_number": "a V-number (foreign national number)",
            "email": "an e-mail address",
            "phone": "a phone number",
            "iban": "a bank account number (IBAN)",
            "birth_date": "a date of birth",
        },
        "thanks_title": "Thank you!",
        "thanks_body": (
            "We have received your feedback. A coordinator will read it. "
            "We use it to make civic integration better."
        ),
        "thanks_again": "Tell us something else",
    },
    "ar": {
        "choose_language": "اختر لغتك",
        "page_title": "رأيك في برنامج الاندماج",
        "intro": (
            "نريد أن نجعل برنامج الاندماج أفضل. أخبرنا بما كان جيدًا أو بما كان صعبًا. "
            "الأمر يتعلق بالقواعد والمؤسسات. لا يتعلق بملفك الشخصي."
        ),
        "anonymous_note": "لا تحتاج إلى كتابة اسمك. نحن لا نحفظ عنوان IP الخاص بك.",
        "other_language": "اختر لغة أخرى",
        "required": "(إلزامي)",
        "optional": "(اختياري)",
        "kind_label": "ماذا تريد أن تخبرنا؟",
        "kinds": {"goed": "شيء كان جيدًا", "moeilijk": "شيء كان صعبًا"},
        "topic_label": "عن أي موضوع؟",
        "topic_help": "اختر موضوعًا واحدًا.",
        "topics": {
            "taalcursus": "دورة اللغة",
            "knm": "KNM (دروس عن هولندا)",
            "werk": "العمل",
            "geld": "المال",
            "gemeente": "التواصل مع البلدية",
            "wonen": "السكن",
            "anders": "شيء آخر",
        },
        "text_label": "أخبرنا",
        "text_help": (
            "اكتب بكلماتك الخاصة. استخدم 2000 حرف كحد أقصى. لا تكتب أسماء أو أرقامًا "
            "أو معلومات أخرى عنك أو عن أشخاص آخرين."
        ),
        "contact_label": "هل يمكننا التواصل معك؟",
        "contact_help": (
            "هذا ليس إلزاميًا. إذا اخترت نعم، نحفظ بريدك الإلكتروني أو رقم هاتفك بشكل منفصل. "
            "المنسقون فقط يمكنهم رؤيته. نحذفه بعد {days} يومًا."
        ),
        "contact_choices": {"nee": "لا", "ja": "نعم"},
        "contact_address_label": "بريدك الإلكتروني أو رقم هاتفك",
        "contact_address_help": "اكتبه فقط إذا اخترت نعم.",
        "name_legend": "اسمك",
        "name_label": "يمكن أن يظهر اسمي مع هذا الرأي",
        "name_help": "أنت مسجل الدخول. نضيف اسمك فقط إذا اخترت هذا المربع.",
        "honeypot_label": "اترك هذا الحقل فارغًا",
        "submit": "إرسال",
        "error_summary_title": "حدث خطأ. انظر إلى هذه النقاط:",
        "err_required_kind": "اختر ما تريد أن تخبرنا به.",
        "err_required_topic": "اختر موضوعًا.",
        "err_required_text": "اكتب رأيك.",
        "err_too_long": "النص طويل جدًا. استخدم 2000 حرف كحد أقصى.",
        "err_invalid_choice": "اختر أحد الخيارات.",
        "err_contact_missing": "اخترت نعم. اكتب بريدك الإلكتروني أو رقم هاتفك.",
        "err_contact_invalid": "هذا ليس بريدًا إلكترونيًا أو رقم هاتف صحيحًا.",
        "err_contact_without_yes": (
            "كتبت بريدًا إلكترونيًا أو رقم هاتف، لكنك اخترت لا. اختر نعم، أو امسح الحقل."
        ),
        "err_rate_limit": (
            "لقد أرسلت رسائل كثيرة في الفترة الأخيرة. حاول مرة أخرى لاحقًا. نصك ما زال هنا."
        ),
        "pd_intro": "يبدو أن نصك يحتوي على معلومات شخصية: {found}.",
        "pd_why": (
            "نحن نسأل فقط عن برنامج الاندماج بشكل عام، وليس عنك شخصيًا. "
            "احذف هذه المعلومات وأرسل مرة أخرى. لم نحفظ أي شيء بعد."
        ),
        "pd_and": "و",
        "pd_kinds": {
            "bsn": "رقم المواطن (BSN)",
            "v_number": "رقم الأجنبي (V-nummer)",
            "email": "عنوان بريد إلكتروني",
            "phone": "رقم هاتف",
            "iban": "رقم حساب بنكي (IBAN)",
            "birth_date": "تاريخ ميلاد",
        },
        "thanks_title": "شكرًا لك!",
        "thanks_body": ("وصلنا رأيك. سيقرأه أحد المنسقين. نستخدمه لجعل برنامج الاندماج أفضل."),
        "thanks_again": "أريد أن أقول شيئًا آخر",
    },
    "uk": {
        "choose_language": "Виберіть мову",
        "page_title": "Ваша думка про інтеграцію",
        "intro": (
            "Ми хочемо зробити інтеграцію кращою. Розкажіть нам, що було добре або що було "
            "складно. Йдеться про правила та організації. Йдеться не про вашу особисту справу."
        ),
        "anonymous_note": "Вам не потрібно вказувати своє ім'я. Ми не зберігаємо вашу IP-адресу.",
        "other_language": "Вибрати іншу мову",
        "required": "(обов'язково)",
        "optional": "(необов'язково)",
        "kind_label": "Що ви хочете розповісти?",
        "kinds": {"goed": "Щось було добре", "moeilijk": "Щось було складно"},
        "topic_label": "Про що це?",
        "topic_help": "Виберіть одну тему.",
        "topics": {
            "taalcursus": "Мовний курс",
            "knm": "KNM (уроки про Нідерланди)",
            "werk": "Робота",
            "geld": "Гроші",
            "gemeente": "Контакт з муніципалітетом",
            "wonen": "Житло",
            "anders": "Інше",
        },
        "text_label": "Розкажіть нам",
        "text_help": (
            "Пишіть своїми словами. Не більше 2000 знаків. Не пишіть імена, номери чи інші "
            "дані про себе або про інших людей."
        ),
        "contact_label": "Чи можемо ми з вами зв'язатися?",
        "contact_help": (
            "Це не обов'язково. Якщо ви виберете «Так», ми збережемо вашу електронну адресу або "
            "номер телефону окремо. Їх бачать лише координатори. Через {days} днів ми їх видаляємо."
        ),
        "contact_choices": {"nee": "Ні", "ja": "Так"},
        "contact_address_label": "Ваша електронна адреса або номер телефону",
        "contact_address_help": "Заповнюйте, лише якщо ви вибрали «Так».",
        "name_legend": "Ваше ім'я",
        "name_label": "Моє ім'я можна показати з цим відгуком",
        "name_help": "Ви увійшли в систему. Ми додамо ваше ім'я, лише якщо ви це позначите.",
        "honeypot_label": "Залиште це поле порожнім",
        "submit": "Надіслати",
        "error_summary_title": "Щось пішло не так. Перегляньте ці пункти:",
        "err_required_kind": "Виберіть, що ви хочете розповісти.",
        "err_required_topic": "Виберіть тему.",
        "err_required_text": "Напишіть свій відгук.",
        "err_too_long": "Ваш текст задовгий. Використовуйте не більше 2000 знаків.",
        "err_invalid_choice": "Виберіть один із варіантів.",
        "err_contact_missing": (
            "Ви вибрали «Так». Напишіть свою електронну адресу або номер телефону."
        ),
        "err_contact_invalid": "Це неправильна електронна адреса або номер телефону.",
        "err_contact_without_yes": (
            "Ви написали електронну адресу або номер телефону, але вибрали «Ні». "
            "Виберіть «Так» або очистіть поле."
        ),
        "err_rate_limit": (
            "Останнім часом ви надіслали багато повідомлень. Спробуйте пізніше. "
            "Ваш текст залишився тут."
        ),
        "pd_intro": "Схоже, ваш текст містить особисті дані: {found}.",
        "pd_why": (
            "Ми питаємо лише про інтеграцію загалом, а не про вас особисто. "
            "Видаліть ці дані та надішліть ще раз. Ми ще нічого не зберегли."
        ),
        "pd_and": "і",
        "pd_kinds": {
            "bsn": "номер BSN (громадянський сервісний номер)",
            "v_number": "номер V (номер іноземця)",
            "email": "адресу електронної пошти",
            "phone": "номер телефону",
            "iban": "номер банківського рахунку (IBAN)",
            "birth_date": "дату народження",
        },
        "thanks_title": "Дякуємо!",
        "thanks_body": (
            "Ми отримали ваш відгук. Його прочитає координатор. "
            "Ми використовуємо його, щоб зробити інтеграцію кращою."
        ),
        "thanks_again": "Розповісти ще щось",
    },
    # Tigrinya: Django ships no translations for it; these texts need a native review.
    "ti": {
        "choose_language": "ቋንቋኹም ምረጹ",
        "page_title": "ርእይቶኹም ብዛዕባ ምውህሃድ",
        "intro": (
            "ምውህሃድ ከነመሓይሽ ንደሊ ኢና። እንታይ ጽቡቕ ከም ዝኸደ ወይ እንታይ ከቢድ ከም ዝነበረ ንገሩና። "
            "እዚ ብዛዕባ ሕግታትን ትካላትን እዩ። ብዛዕባ ናይ ባዕልኹም ፋይል ኣይኮነን።"
        ),
        "anonymous_note": "ስምኩም ክትህቡ ኣየድልየኩምን። ናይ IP ኣድራሻኹም ኣይንዕቅብን ኢና።",
        "other_language": "ካልእ ቋንቋ ምረጹ",
        "required": "(ግዴታ)",
        "optional": "(ግዴታ ኣይኮነን)",
        "kind_label": "እንታይ ክትነግሩና ትደልዩ?",
        "kinds": {"goed": "ሓደ ነገር ጽቡቕ ከይዱ", "moeilijk": "ሓደ ነገር ከቢድ ነይሩ"},
        "topic_label": "ብዛዕባ እንታይ እዩ?",
        "topic_help": "ሓደ ኣርእስቲ ምረጹ።",
        "topics": {
            "taalcursus": "ኮርስ ቋንቋ",
            "knm": "KNM (ትምህርቲ ብዛዕባ ኔዘርላንድ)",
            "werk": "ስራሕ",
            "geld": "ገንዘብ",
            "gemeente": "ርክብ ምስ ምምሕዳር ከተማ",
            "wonen": "መንበሪ ገዛ",
            "anders": "ካልእ ነገር",
        },
        "text_label": "ንገሩና",
        "text_help": (
            "ብናይ ባዕልኹም ቃላት ጽሓፉ። እንተበዝሐ 2000 ፊደላት ተጠቐሙ። ኣስማት፣ ቁጽርታት ወይ ካልእ "
            "ሓበሬታ ብዛዕባኹም ወይ ብዛዕባ ካልኦት ሰባት ኣይትጽሓፉ።"
        ),
        "contact_label": "ምሳኹም ክንራኸብ ንኽእል ዶ?",
        "contact_help": (
            "እዚ ግዴታ ኣይኮነን። እወ እንተመሪጽኩም፣ ኢመይልኩም ወይ ቁጽሪ ተሌፎንኩም በይኑ ንዕቅቦ። "
            "ኣወሃሃድቲ ጥራይ እዮም ክርእይዎ ዝኽእሉ። ድሕሪ {days} መዓልቲ ንድምስሶ።"
        ),
        "contact_choices": {"nee": "ኣይፋል", "ja": "እወ"},
        "contact_address_label": "ኢመይልኩም ወይ ቁጽሪ ተሌፎንኩም",
        "contact_address_help": "እወ እንተመሪጽኩም ጥራይ ምልኡዎ።",
        "name_legend": "ስምኩም",
        "name_label": "ስመይ ምስዚ ርእይቶ ክርአ ይኽእል",
        "name_help": "ኣቲኹም ኣለኹም። እዚ እንተመሪጽኩም ጥራይ ስምኩም ንውስኽ።",
        "honeypot_label": "እዚ ቦታ ባዶ ግደፍዎ",
        "submit": "ስደዱ",
        "error_summary_title": "ጌጋ ኣሎ። ነዞም ነጥብታት ርኣዩ፦",
        "err_required_kind": "እንታይ ክትነግሩና ከም እትደልዩ ምረጹ።",
        "err_required_topic": "ኣርእስቲ ምረጹ።",
        "err_required_text": "ርእይቶኹም ጽሓፉ።",
        "err_too_long": "ጽሑፍኩም ነዊሕ እዩ። እንተበዝሐ 2000 ፊደላት ተጠቐሙ።",
        "err_invalid_choice": "ካብቶም ምርጫታት ሓደ ምረጹ።",
        "err_contact_missing": "እወ መሪጽኩም። ኢመይልኩም ወይ ቁጽሪ ተሌፎንኩም ጽሓፉ።",
        "err_contact_invalid": "እዚ ትኽክለኛ ኢመይል ወይ ቁጽሪ ተሌፎን ኣይኮነን።",
        "err_contact_without_yes": (
            "ኢመይል ወይ ቁጽሪ ተሌፎን ጽሒፍኩም፣ ግን ኣይፋል መሪጽኩም። እወ ምረጹ፣ ወይ ነቲ ቦታ ኣጽርይዎ።"
        ),
        "err_rate_limit": ("ኣብዚ ቀረባ ግዜ ብዙሕ መልእኽትታት ልኢኽኩም። ድሒርኩም እንደገና ፈትኑ። ጽሑፍኩም ገና ኣሎ።"),
        "pd_intro": "ጽሑፍኩም ውልቃዊ ሓበሬታ ዘለዎ ይመስል፦ {found}።",
        "pd_why": (
            "ብዛዕባ ምውህሃድ ብሓፈሻ ጥራይ ኢና እንሓትት፣ ብዛዕባኹም ከም ሰብ ኣይኮነን። "
            "ነዚ ሓበሬታ ኣውጽእዎ እሞ እንደገና ስደዱ። ገና ዝዓቀብናዮ ነገር የለን።"
        ),
        "pd_and": "ከምኡውን",
        "pd_kinds": {
            "bsn": "ቁጽሪ BSN",
            "v_number": "ቁጽሪ V (ቁጽሪ ወጻእተኛ)",
            "email": "ኢመይል ኣድራሻ",
            "phone": "ቁጽሪ ተሌፎን",
            "iban": "ቁጽሪ ሕሳብ ባንኪ (IBAN)",
            "birth_date": "ዕለት ልደት",
        },
        "thanks_title": "የቐንየልና!",
        "thanks_body": "ርእይቶኹም በጺሑና። ሓደ ኣወሃሃዲ ከንብቦ እዩ። ምውህሃድ ንምምሕያሽ ንጥቀመሉ።",
        "thanks_again": "ካልእ ነገር ክነግር",
    },
}


def texts_for(language: str) -> dict:
    """The text table of ``language`` (Dutch when the language is unknown)."""
    return TEXTS.get(language, TEXTS[DEFAULT_LANGUAGE])


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
    return t["pd_intro"].format(found=found) + " " + t["pd_why"]
