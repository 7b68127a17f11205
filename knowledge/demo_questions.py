"""Demo Q&A items of the knowledge base (text written for this product)."""

# (question, short answer, longer answer, themes, phases, tags, restricted)
QUESTIONS = [
    (
        "Wie is inburgeringsplichtig onder de Wet inburgering 2021?",
        "Wie voor een niet-tijdelijk doel een verblijfsvergunning krijgt, tussen 16 jaar en de AOW-leeftijd is en niet "
        "onder een vrijstelling valt, is in de regel inburgeringsplichtig.",
        "DUO stelt de plicht vast nadat de IND de vergunning heeft verleend, en stuurt de inburgeraar daarover een "
        "brief. Er zijn drie groepen: asielstatushouders (met gezinsleden en nareizigers), gezinsmigranten en overige "
        "inburgeringsplichtigen. Voor elke groep verschilt wat de gemeente moet aanbieden.",
        ["Inburgeringsplicht en doelgroepen"],
        [1],
        ["doelgroepen", "DUO"],
        False,
    ),
    (
        "Wat moet de gemeente aanbieden aan gezinsmigranten?",
        "Gezinsmigranten regelen en betalen hun taalcursus zelf, maar krijgen van de gemeente wel een brede intake, een "
        "PIP, de MAP en het participatieverklaringstraject.",
        "De aanbodplicht van de gemeente is voor gezinsmigranten beperkter dan voor statushouders. Zij kunnen voor de "
        "cursus een lening bij DUO aanvragen. De gemeente voert wel de regie over het plan en begeleidt waar nodig.",
        ["Aanbodplicht", "Inburgeringsplicht en doelgroepen"],
        [3],
        ["gezinsmigrant", "aanbodplicht"],
        False,
    ),
    (
        "Wanneer begint de inburgeringstermijn?",
        "De termijn van drie jaar begint op de dag dat DUO de inburgeringsplichtige over de plicht informeert.",
        "De gemeente kan de termijn verlengen als de inburgeraar aantoonbaar zijn best doet maar meer tijd nodig heeft, "
        "bijvoorbeeld door ziekte of zwangerschap. Leg de reden van verlenging vast in het dossier.",
        ["Inburgeringsplicht en doelgroepen", "Voortgang en afronding"],
        [1, 5],
        ["termijn"],
        False,
    ),
    (
        "Wat houdt voorinburgering op het azc in?",
        "Statushouders die nog op een azc wonen, kunnen al vrijwillig Nederlands leren en kennismaken met de "
        "samenleving via het programma van COA.",
        "Voorinburgering is niet verplicht en telt niet mee voor de termijn. Wat iemand al heeft geleerd, is wel "
        "waardevolle informatie voor de gemeente bij de brede intake. Vraag daarom naar de resultaten bij de overdracht.",
        ["Voorinburgering en screening"],
        [2],
        ["COA", "azc"],
        False,
    ),
    (
        "Waarvoor dient de screening door COA?",
        "Met de screening verzamelt COA informatie over opleiding, werkervaring en gezondheid, zodat een passende "
        "gemeente kan worden gekozen en de gemeente goed kan starten.",
        "De screening leidt mede tot een regioadvies. De uitkomsten gaan via de overdracht naar de gemeente. Welke "
        "gegevens precies mogen worden gedeeld, is vastgelegd in de afspraken tussen COA en gemeenten.",
        ["Voorinburgering en screening", "Overdracht COA-gemeente"],
        [2],
        ["screening", "regioadvies"],
        False,
    ),
    (
        "Wat is een driegesprek bij de overdracht?",
        "Een gesprek tussen COA, de gemeente en de statushouder, waarin de overdracht van informatie en verwachtingen "
        "samen wordt besproken.",
        "Het driegesprek (ook driepartijengesprek) is de gewenste vorm van overdracht. Lukt dat niet, bijvoorbeeld door "
        "afstand of planning, dan is een digitaal gesprek een goed alternatief. Alleen overdracht per e-mail is "
        "onvoldoende: de statushouder hoort zelf te kunnen aanvullen en vragen te stellen.",
        ["Overdracht COA-gemeente"],
        [2],
        ["driegesprek", "COA"],
        False,
    ),
    (
        "Wat doe ik als een driegesprek niet lukt?",
        "Plan een videogesprek met de COA-medewerker en de statushouder, of voer het gesprek zo snel mogelijk na "
        "vestiging in de gemeente met de overdrachtsgegevens erbij.",
        "Leg vast waarom het driegesprek niet doorging. Dit is ook een bekend knelpunt: meld het als signaal als het in "
        "uw regio vaak gebeurt, zodat het op schakelniveau kan worden opgepakt.",
        ["Overdracht COA-gemeente", "Regie en regionale samenwerking"],
        [2],
        ["driegesprek", "signaal"],
        True,
    ),
    (
        "Welke taken heeft de gemeente rond huisvesting en inschrijving?",
        "De gemeente zorgt voor huisvesting van de gekoppelde statushouder, en helpt bij inschrijving in de BRP en het "
        "aanvragen van voorzieningen en uitkering.",
        "Na inschrijving in de BRP kan de uitkering worden aangevraagd en kan het financieel ontzorgen starten. Goede "
        "afspraken met de woningcorporatie versnellen de start van het inburgeringstraject.",
        ["Huisvesting en inschrijving"],
        [2],
        ["BRP", "huisvesting"],
        False,
    ),
    (
        "Wat is het doel van de brede intake?",
        "De brede intake brengt in kaart wat iemand kan en wil op het gebied van taal, opleiding, werk, gezondheid en "
        "financiën, als basis voor het PIP.",
        "De gemeente voert de brede intake uit, zo mogelijk kort na vestiging. Het gesprek gaat over meer dan taal: ook "
        "werkervaring, diploma's, gezinssituatie en gezondheid komen aan bod. Onderdeel is de leerbaarheidstoets.",
        ["Brede intake"],
        [3],
        ["intake"],
        False,
    ),
    (
        "Mag de brede intake op het azc plaatsvinden?",
        "Dat mag als gemeente en COA er afspraken over maken; het is niet overal geregeld.",
        "Vroeg starten met de intake helpt, omdat de inburgeraar dan sneller aan een passende route kan beginnen. "
        "Gemeenten melden dat zulke afspraken met COA nog vaak ontbreken. Overleg hierover in het regionale ketenoverleg.",
        ["Brede intake", "Overdracht COA-gemeente"],
        [2, 3],
        ["azc", "intake"],
        True,
    ),
    (
        "Wat meet de leerbaarheidstoets?",
        "De toets geeft een indicatie van hoe goed en hoe snel iemand een nieuwe taal kan leren, los van het huidige "
        "taalniveau.",
        "Een onafhankelijke partij neemt de toets af. De uitslag is één van de bronnen voor de keuze van de leerroute, "
        "naast opleiding, werkervaring en wat de inburgeraar zelf wil. De toets alleen bepaalt de route niet.",
        ["Leerbaarheidstoets", "Brede intake"],
        [3],
        ["toets", "leerroute"],
        False,
    ),
    (
        "Hoe weeg ik de uitslag van de leerbaarheidstoets mee?",
        "Gebruik de uitslag als onderbouwing naast de andere informatie uit de brede intake en leg uit hoe u tot de "
        "keuze voor de leerroute kwam.",
        "Veel gemeenten vinden de weging nog onduidelijk. Een tip uit de Community of Practice: bespreek twijfelgevallen "
        "met een collega en noteer in het PIP welke factoren de doorslag gaven.",
        ["Leerbaarheidstoets", "PIP"],
        [3],
        ["toets", "weging"],
        True,
    ),
    (
        "Wat staat er in het PIP?",
        "Het Plan Inburgering en Participatie legt de leerroute, de MAP, het participatieverklaringstraject, de "
        "begeleiding en de termijn vast.",
        "Het PIP is een besluit (beschikking) van de gemeente, waartegen bezwaar mogelijk is. Stel het samen met de "
        "inburgeraar op en pas het aan als de situatie verandert.",
        ["PIP"],
        [3],
        ["PIP", "besluit"],
        False,
    ),
    (
        "Kan ik het PIP vaststellen als het besluit over de bijstand er nog niet is?",
        "Ja, maar zorg dat het PIP later wordt aangevuld: onderdelen over werk en inkomen hangen vaak af van het "
        "besluit op grond van de Participatiewet.",
        "Dit is een bekend knelpunt: een onvolledig PIP vertraagt de start. Stem binnen de gemeente af dat de "
        "aanvraag voor bijstand en de brede intake gelijk oplopen.",
        ["PIP", "Participatiewet en bijstand"],
        [3],
        ["PIP", "bijstand"],
        False,
    ),
    (
        "Wat is de B1-route?",
        "In de B1-route leert de inburgeraar Nederlands op niveau B1, binnen drie jaar, vaak gecombineerd met werk of "
        "vrijwilligerswerk.",
        "Het is een resultaatsverplichting. Lukt B1 voor een examenonderdeel niet, dan kan de gemeente dat onderdeel op "
        "A2 laten afronden, als de inburgeraar zich voldoende heeft ingespannen.",
        ["B1-route"],
        [4],
        ["leerroute", "B1"],
        False,
    ),
    (
        "Wanneer mag een onderdeel van de B1-route op A2 worden afgerond?",
        "Als de inburgeraar aantoonbaar voldoende heeft gedaan maar B1 voor dat onderdeel niet haalbaar blijkt, kan de "
        "gemeente afschalen naar A2.",
        "De beslissing wordt per examenonderdeel genomen en vastgelegd. Houd de inspanningen (lesuren, examenpogingen) "
        "goed bij, zodat u de beslissing kunt onderbouwen.",
        ["B1-route", "Voortgang en afronding"],
        [4],
        ["afschalen", "A2"],
        False,
    ),
    (
        "Voor wie is de onderwijsroute bedoeld?",
        "Voor vooral jongere inburgeraars die de potentie hebben om een opleiding in het mbo, hbo of wo te volgen.",
        "De route start met een taalschakeltraject dat voorbereidt op instroom in regulier onderwijs. Ook hier geldt een "
        "resultaatsverplichting.",
        ["Onderwijsroute"],
        [4],
        ["jongeren", "taalschakeltraject"],
        False,
    ),
    (
        "Wat is de Z-route?",
        "De zelfredzaamheidsroute is voor mensen voor wie de B1-route en de onderwijsroute niet haalbaar zijn; zij "
        "werken aan taal en zelfredzaamheid in het dagelijks leven.",
        "De Z-route kent een inspanningsverplichting in uren in plaats van een examen. Het programma combineert taalles "
        "met activiteiten die helpen om zelfstandig mee te doen.",
        ["Z-route"],
        [4],
        ["zelfredzaamheid", "leerroute"],
        False,
    ),
    (
        "Wat leert een inburgeraar bij KNM?",
        "Bij Kennis van de Nederlandse Maatschappij leert de inburgeraar hoe de samenleving werkt: van zorg en onderwijs "
        "tot wonen, werk en omgangsvormen.",
        "KNM is een examenonderdeel in de B1-route en de onderwijsroute. Gemeenten bieden het vaak vroeg in het traject "
        "aan, soms in de eigen taal.",
        ["KNM"],
        [4],
        ["KNM"],
        False,
    ),
    (
        "Wat is de MAP?",
        "De Module Arbeidsmarkt en Participatie (vroeger ONA) helpt de inburgeraar om zicht te krijgen op werk en "
        "participatie in Nederland.",
        "De gemeente biedt de MAP aan en stelt vast wanneer de inburgeraar hem heeft afgerond. Combineer de module waar "
        "mogelijk met praktijkervaring, bijvoorbeeld een werkervaringsplek.",
        ["MAP", "Dualiteit, participatie en werk"],
        [4],
        ["MAP", "ONA"],
        False,
    ),
    (
        "Wat is het participatieverklaringstraject?",
        "In het PVT maakt iedere inburgeraar kennis met de kernwaarden van de Nederlandse samenleving en ondertekent "
        "daarna de participatieverklaring.",
        "Het PVT geldt voor alle inburgeraars, ongeacht de leerroute. De gemeente organiseert het traject, vaak in "
        "groepsbijeenkomsten.",
        ["PVT"],
        [4],
        ["participatieverklaring"],
        False,
    ),
    (
        "Hoe combineer ik taal leren met werk?",
        "Door een duale aanpak: taal leren op de werkplek, lesroosters afstemmen op werktijden en werkgevers betrekken "
        "bij het traject.",
        "Gemeenten die werk en taal tegelijk laten oplopen zien dat inburgeraars sneller vooruitgaan. Maak afspraken "
        "met taalaanbieders over flexibele lestijden en met werkgevers over begeleiding.",
        ["Dualiteit, participatie en werk", "B1-route"],
        [4],
        ["werk", "duaal"],
        False,
    ),
    (
        "Wat valt onder maatschappelijke begeleiding?",
        "Praktische en sociale ondersteuning in de eerste periode: de weg vinden naar zorg, school, instanties en het "
        "eigen geldbeheer.",
        "Maatschappelijke begeleiding is voor statushouders een taak van de gemeente, vaak uitgevoerd door een "
        "maatschappelijke organisatie zoals VluchtelingenWerk. Zorg dat die partner de informatie krijgt die nodig is.",
        ["Maatschappelijke begeleiding"],
        [3, 4],
        ["begeleiding", "VluchtelingenWerk"],
        False,
    ),
    (
        "Hoe lang duurt financieel ontzorgen?",
        "Ten minste de eerste zes maanden betaalt de gemeente de vaste lasten van statushouders met een "
        "bijstandsuitkering uit die uitkering.",
        "Het gaat om huur, energie en de zorgverzekering. Na zes maanden beoordeelt de gemeente of iemand het zelf kan. "
        "Is dat nog niet zo, dan kan het ontzorgen doorlopen, gecombineerd met budgetbegeleiding.",
        ["Financieel ontzorgen", "Participatiewet en bijstand"],
        [3],
        ["vaste lasten", "zes maanden"],
        False,
    ),
    (
        "Wat als een statushouder na zes maanden niet financieel zelfredzaam is?",
        "Zet het ontzorgen voort of bied budgetbegeleiding; leg vast welke vaardigheden nog ontbreken.",
        "Dit komt in de praktijk regelmatig voor. Combineer de overgang met de lessen over geld in KNM of de MAP en "
        "betrek de maatschappelijk begeleider.",
        ["Financieel ontzorgen"],
        [4],
        ["zelfredzaamheid", "budget"],
        True,
    ),
    (
        "Wat gebeurt er als een inburgeraar zijn verplichtingen niet nakomt?",
        "De gemeente kan een boete opleggen als de inburgeraar verwijtbaar niet meewerkt aan de brede intake, het PIP "
        "of de leerroute.",
        "Handhaving is maatwerk: eerst een gesprek en een waarschuwing, daarna pas een boete. Bij verwijtbaar niet "
        "halen van de termijn kan DUO een boete opleggen.",
        ["Naleving en handhaving"],
        [4],
        ["boete", "handhaving"],
        False,
    ),
    (
        "Hoe wordt vastgesteld dat iemand de inburgering heeft afgerond?",
        "DUO besluit dat aan de plicht is voldaan, op basis van examenresultaten en de gegevens die de gemeente "
        "aanlevert over MAP, PVT en eventuele afschaling.",
        "Zorg dat de gegevens tijdig en volledig bij DUO komen; anders kan de afronding vertragen.",
        ["Voortgang en afronding", "Werkprocessen, ICT en gegevensuitwisseling"],
        [5],
        ["DUO", "afronding"],
        False,
    ),
    (
        "Hoe regel ik inkoop als er weinig instroom is?",
        "Werk regionaal samen met andere gemeenten, zodat er genoeg deelnemers zijn voor een aanbod met meerdere "
        "startmomenten.",
        "Kleine gemeenten kunnen zelden alleen een passend aanbod inkopen. Gezamenlijke inkoop vraagt heldere "
        "afspraken over regie, verdeling van kosten en kwaliteitseisen, zoals het keurmerk van Blik op Werk.",
        ["Inkoop", "Regie en regionale samenwerking"],
        [4],
        ["inkoop", "regio"],
        False,
    ),
    (
        "Welke gegevens mag ik delen met ketenpartners?",
        "Alleen de gegevens die nodig zijn voor de taak van de partner en waarvoor een grondslag is; deel zo min "
        "mogelijk en leg vast waarom.",
        "Onder de AVG is per gegevensstroom een doel en een grondslag nodig. Raadpleeg de privacy-officer van uw "
        "gemeente en gebruik de afspraken die landelijk voor de keten zijn gemaakt. Zet nooit casusgegevens in een signaal.",
        ["Werkprocessen, ICT en gegevensuitwisseling", "Beleid en regelgeving"],
        [2, 3],
        ["AVG", "privacy"],
        False,
    ),
    (
        "Hoe sluit ons systeem aan op de systemen van COA en DUO?",
        "Dat verschilt per leverancier: vraag uw leverancier welke koppelingen met de overdrachtsgegevens van COA en de "
        "berichten van DUO beschikbaar zijn.",
        "Veel gemeenten ervaren dit als onduidelijk. Signalen hierover worden gebundeld, zodat leveranciers en "
        "ketenpartners er gezamenlijk op kunnen worden aangesproken.",
        ["Werkprocessen, ICT en gegevensuitwisseling"],
        [2, 5],
        ["ICT", "koppeling"],
        True,
    ),
    (
        "Hoe wordt de uitvoering van de inburgering gefinancierd?",
        "Gemeenten ontvangen middelen van het Rijk voor de uitvoering, en daarnaast budget voor het aanbod aan "
        "asielstatushouders.",
        "Gemeenten melden dat het budget soms te laag is of laat beschikbaar komt. Zulke knelpunten horen thuis op "
        "stelselniveau: meld ze als signaal, dan kunnen ze worden meegenomen in het overleg met het ministerie.",
        ["Financiën", "Beleid en regelgeving"],
        [3, 4],
        ["budget"],
        False,
    ),
    (
        "Hoe werkt het lerend stelsel?",
        "Knelpunten uit de praktijk worden als signaal gemeld, gebundeld en op het juiste niveau opgepakt: uitvoering, "
        "schakelniveau of stelselniveau.",
        "De ketenpartners hebben afgesproken dat signalen worden gebundeld, gerapporteerd en opgevolgd, en dat wie een "
        "signaal meldt terug hoort wat ermee is gedaan. Communities of Practice en ketenindicatoren helpen om te leren.",
        ["Monitoring en lerend stelsel"],
        [1, 2, 3, 4, 5],
        ["signaal", "lerend stelsel"],
        False,
    ),
    (
        "Hoe informeer ik inburgeraars in begrijpelijke taal?",
        "Gebruik korte zinnen, beeld en waar mogelijk de eigen taal, en controleer of de boodschap is begrepen.",
        "Goede voorlichting voorkomt misverstanden over plichten en termijnen. Betrek het platform van inburgeraars bij "
        "het testen van teksten.",
        ["Voorlichting en communicatie"],
        [1, 3],
        ["taal", "voorlichting"],
        False,
    ),
]
