"""The words of the demo organisation: teams, case profiles and the Dutch text of notes and plans.

Written for this project; placeholders like {ouder} are filled per family by builder.Words.
"""

from casework.models import AgreementOwner, ContactKind, Phase

DEFAULT_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - the documented demo password, printed on every run
# The fixed log-ins the README lists (with "-2", "-3", ... for sets added with --append).
LOGINS = [
    ("gm.noord", "gezinsmanager Team Noord, met eigen gezinnen"),
    ("senior.noord", "senior gezinsmanager Team Noord"),
    ("gw.noord", "gedragswetenschapper Team Noord"),
    ("tl.noord", "teamleider Team Noord"),
    ("bestuur", "bestuur"),
    ("auditor", "auditor / kwaliteit"),
    ("beheer", "functioneel beheer (Django admin, /admin/)"),
    ("security", "privacy- en securityofficer (keurt voorstellen voor toegang goed)"),
]
BATCH = 2000
DAYS_PER_MONTH = 30.44

# (word in the team name and usernames, region, towns)

TEAMS = [
    ("Noord", "Groningen en Drenthe", ["Groningen", "Assen", "Emmen", "Hoogezand", "Veendam", "Stadskanaal", "Leek"]),
    ("Oost", "Twente", ["Enschede", "Hengelo", "Almelo", "Oldenzaal", "Borne", "Haaksbergen", "Rijssen"]),
    ("Zuid", "Brabant-Oost", ["Eindhoven", "Helmond", "Veldhoven", "Geldrop", "Best", "Deurne", "Nuenen"]),
    ("West", "Haaglanden", ["Den Haag", "Delft", "Zoetermeer", "Rijswijk", "Naaldwijk", "Leidschendam"]),
    ("Midden", "Utrecht", ["Utrecht", "Amersfoort", "Nieuwegein", "Zeist", "Houten", "Veenendaal"]),
]

# --- the words: what families, plans and contacts say ---------------------------------
# Placeholders are filled per family: {ouder} the main carer ("moeder"), {ouder2}
# the other parent, {ouders}, {kind} one child's first name, {kinderen},
# {netwerk} someone from the network, {partner} a care provider, {stad}.
# A capital ({Ouder}, {Kind}, ...) is the same word at the start of a sentence.

G, N, P, M = AgreementOwner.GEZIN, AgreementOwner.NETWERK, AgreementOwner.PARTNER, AgreementOwner.GEZINSMANAGER

PROFILES = {
    "geweld": {
        "zorgen": [
            "Tussen {ouder} en {ouder2} is er herhaaldelijk geweld geweest; {kinderen} [k:hebben|heeft] het gezien "
            "en gehoord.",
            "Na een ruzie is {ouder2} soms dagen weg zonder dat duidelijk is wanneer er weer contact is.",
            "De politie is het afgelopen jaar meerdere keren geweest na meldingen van buren.",
            "{Kind} is schrikachtig, slaapt slecht en wil niet alleen thuis zijn.",
            "{Ouders} [o:praten|praat] de incidenten klein en [o:willen|wil] er niet over praten met hulpverleners.",
        ],
        "krachten": [
            "{Ouders} [o:willen|wil] dat {kinderen} zonder angst [k:kunnen|kan] opgroeien.",
            "{Ouder} heeft eerder zelf de politie gebeld om {kinderen} te beschermen.",
            "{Kind} heeft een goede band met {netwerk} en kan daar altijd terecht.",
        ],
        "lijn": [
            "{Kinderen} [k:wonen|woont] thuis zonder geweld. Ruzies worden uitgepraat zonder schreeuwen of slaan; "
            "als het toch dreigt te escaleren, gaat {ouder2} naar {netwerk}.",
            "In ons huis is het rustig en veilig; {ouders} [o:weten|weet] hoe je een ruzie stopt voordat die uit de "
            "hand loopt.",
        ],
        "doelen": [
            "Geen geweld meer in huis",
            "{Ouder2} volgt een training agressieregulatie",
            "Er is een veiligheidsplan dat iedereen in huis kent, ook {kind}",
            "{Kind} krijgt traumabehandeling en slaapt weer rustig",
        ],
        "grootste_zorg": "Opnieuw geweld waar {kinderen} bij [k:zijn|is].",
        "voorwaarden": "Bij oplopende spanning verlaat {ouder2} het huis en gaat naar {netwerk}; er wordt niet "
        "gedronken in huis.",
        "afspraken": [
            ("Aanmelden voor de training agressieregulatie", G, "{ouder2}"),
            ("Time-out: bij ruzie gaat {ouder2} naar {netwerk}", G, "{ouders}"),
            ("Traumabehandeling voor {kind} starten", P, "Jeugd-GGZ {stad}"),
            ("Opvang bieden als het thuis niet veilig is", N, "{netwerk}"),
            ("Veiligheidsplan opstellen met {ouders} en {netwerk}", M, ""),
        ],
        "laag": [
            "Afgelopen weekend is opnieuw de politie gebeld na een hoog opgelopen ruzie; {kinderen} [k:waren|was] "
            "thuis.",
            "{Ouder} vertelt dat {ouder2} weer dreigend was; de time-outafspraak is niet gebruikt.",
            "{Kind} wilde na school niet naar huis en is bij {netwerk} gebleven.",
        ],
        "midden": [
            "Er is één keer flinke ruzie geweest, maar {ouder2} is op tijd naar {netwerk} gegaan.",
            "{Ouders} [o:merken|merkt] eerder dat de spanning oploopt; op tijd stoppen lukt nog niet altijd.",
            "De training agressieregulatie is begonnen; {ouder2} vindt het confronterend maar gaat wel.",
        ],
        "hoog": [
            "Geen incidenten; {ouders} [o:vertellen|vertelt] dat ruzies nu op een rustig moment worden uitgepraat.",
            "{Kind} slaapt weer in de eigen kamer en zegt dat het thuis rustiger is.",
            "{Ouder2} heeft de training afgerond en laat zien wat er geleerd is.",
        ],
        "crisis": "Crisis: na een ernstig incident is er een melding bij Veilig Thuis gedaan. {Kinderen} "
        "[k:logeren|logeert] voorlopig bij {netwerk}; {ouder2} heeft een tijdelijk huisverbod.",
        "verhogen": [
            "Een maand zonder incidenten, en de time-outafspraak wordt echt gebruikt.",
            "{Ouder2} blijft naar de training gaan en vertelt thuis wat er geleerd wordt.",
        ],
    },
    "psyche": {
        "zorgen": [
            "{Ouder} heeft een depressie en komt in slechte periodes niet uit bed; {kinderen} [k:zorgen|zorgt] dan "
            "voor zichzelf.",
            "Er zijn periodes waarin {ouder} verward is en niet goed ziet wat {kinderen} nodig [k:hebben|heeft].",
            "{Kind} neemt veel zorgtaken over en heeft weinig tijd voor school en vrienden.",
            "De behandeling van {ouder} is vaak onderbroken; afspraken bij de GGZ worden afgezegd.",
        ],
        "krachten": [
            "{Ouder} is eerlijk over de eigen klachten en wil graag hulp.",
            "In goede periodes is {ouder} een liefdevolle en betrokken ouder.",
            "{Netwerk} komt vaak langs en merkt snel als het minder gaat.",
        ],
        "lijn": [
            "{Ouder} kent de signalen als het slechter gaat en weet wie er dan voor {kinderen} zorgt; {kinderen} "
            "[k:hoeven|hoeft] dat niet zelf op te lossen.",
            "Ook als het met {ouder} minder goed gaat, is er elke dag een volwassene die voor {kinderen} zorgt.",
        ],
        "doelen": [
            "{Ouder} heeft een vaste behandelaar en gaat naar alle afspraken",
            "Er is een signaleringsplan dat ook {netwerk} kent",
            "{Kind} heeft elke week tijd voor eigen hobby's en vrienden",
            "Er is een vast dagritme met ontbijt en op tijd naar school",
        ],
        "grootste_zorg": "Dat {ouder} in een slechte periode niet voor {kinderen} kan zorgen en niemand het merkt.",
        "voorwaarden": "{Netwerk} heeft elke dag contact; bij signalen uit het signaleringsplan neemt {netwerk} de "
        "zorg over en belt de gezinsmanager.",
        "afspraken": [
            ("Bij de huisarts een verwijzing naar de GGZ vragen", G, "{ouder}"),
            ("Elke ochtend even bellen of langskomen", N, "{netwerk}"),
            ("Signaleringsplan opstellen met {ouder} en de behandelaar", M, ""),
            ("Behandeling starten en terugkoppelen aan de gezinsmanager", P, "GGZ {stad}"),
            ("Groep voor jonge mantelzorgers voor {kind} regelen", P, "wijkteam {stad}"),
        ],
        "laag": [
            "{Ouder} lag op bed toen ik kwam; {kind} had ontbijt gemaakt en was niet naar school gegaan.",
            "De afspraken bij de GGZ zijn deze maand allemaal afgezegd; {ouder} zegt het niet op te kunnen brengen.",
            "{Netwerk} maakt zich zorgen en heeft {kinderen} een paar dagen opgevangen.",
        ],
        "midden": [
            "{Ouder} is begonnen bij de GGZ en vindt de gesprekken zwaar, maar gaat wel.",
            "Het dagritme lukt doordeweeks redelijk; in het weekend valt het soms weg.",
            "{Kind} vertelt dat het thuis wisselend gaat en dat het fijn is dat {netwerk} vaker komt.",
        ],
        "hoog": [
            "{Ouder} is stabiel en herkent de eigen signalen; het signaleringsplan hangt op de koelkast.",
            "{Kinderen} [k:gaan|gaat] elke dag op tijd naar school en [k:{kind} is|is] weer gaan sporten.",
            "{Ouder} vertelt trots dat een zware week zonder hulp van buiten is opgevangen.",
        ],
        "crisis": "Crisis: {ouder} is opgenomen na een acute psychische crisis. {Kinderen} [k:verblijven|verblijft] "
        "bij {netwerk}; met de crisisdienst is afgesproken hoe het contact verloopt.",
        "verhogen": [
            "{Ouder} houdt de afspraken bij de behandelaar vol en het signaleringsplan wordt gebruikt.",
            "{Netwerk} neemt vaste taken over, zodat {kind} minder hoeft te zorgen.",
        ],
    },
    "verslaving": {
        "zorgen": [
            "{Ouder2} drinkt veel, vooral in het weekend, en is dan onvoorspelbaar.",
            "Er wordt in huis geblowd waar {kinderen} bij [k:zijn|is].",
            "Door het gebruik is er weinig toezicht en [k:gaan|gaat] {kinderen} soms zonder eten naar school.",
            "Door het gebruik zijn er schulden; de vaste lasten worden niet altijd betaald.",
        ],
        "krachten": [
            "{Ouder2} erkent dat het drinken een probleem is en wil minderen.",
            "{Ouder} houdt thuis de structuur vast en komt afspraken na.",
            "{Kinderen} [k:hebben|heeft] het naar de zin op school en [k:hebben|heeft] vrienden.",
        ],
        "lijn": [
            "{Kinderen} [k:groeien|groeit] op in een huis waar niet gedronken of gebruikt wordt, en er is altijd "
            "een nuchtere volwassene.",
            "{Ouder2} is blijvend gestopt met drinken en {ouders} [o:weten|weet] wat te doen bij een terugval.",
        ],
        "doelen": [
            "{Ouder2} is in behandeling bij de verslavingszorg",
            "Er wordt niet gedronken of gebruikt als {kinderen} thuis [k:zijn|is]",
            "Er is een terugvalplan dat {netwerk} ook kent",
            "De vaste lasten worden elke maand betaald",
        ],
        "grootste_zorg": "Dat {kinderen} alleen [k:zijn|is] met een ouder die onder invloed is.",
        "voorwaarden": "Wie gedronken heeft, is niet alleen met {kinderen}; dan wordt {netwerk} gebeld.",
        "afspraken": [
            ("Intake bij de verslavingszorg", G, "{ouder2}"),
            ("Urinecontroles laten doen en de uitslag delen", G, "{ouder2}"),
            ("Aanmelden bij schuldhulpverlening", P, "wijkteam {stad}"),
            ("Achterwacht zijn in het weekend", N, "{netwerk}"),
            ("Terugvalplan bespreken met {ouders} en {netwerk}", M, ""),
        ],
        "laag": [
            "{Ouder2} was onder invloed tijdens het huisbezoek; het gesprek is afgebroken en {netwerk} is gebeld.",
            "Er is een terugval geweest: afgelopen weekend is er veel gedronken terwijl {kinderen} thuis "
            "[k:waren|was].",
            "{Kind} heeft op school verteld dat er thuis geen eten was.",
        ],
        "midden": [
            "{Ouder2} is naar de intake geweest en staat op de wachtlijst voor behandeling.",
            "Er wordt minder gedronken, maar in het weekend lukt het nog niet altijd.",
            "De eerste urinecontroles waren schoon; {ouder} is voorzichtig positief.",
        ],
        "hoog": [
            "{Ouder2} heeft al maanden niet gedronken en gaat trouw naar de groep.",
            "Er is rust in huis; {kinderen} [k:vertellen|vertelt] dat het weekend gezellig was.",
            "De schulden zijn in beeld en er is een betalingsregeling.",
        ],
        "crisis": "Crisis: de politie heeft {ouder2} onder invloed in de auto aangehouden, met {kind} op de "
        "achterbank. Afgesproken dat {ouder2} voorlopig niet thuis slaapt.",
        "verhogen": [
            "{Ouder2} blijft in behandeling en de urinecontroles blijven schoon.",
            "Het terugvalplan wordt samen met {netwerk} geoefend.",
        ],
    },
    "scheiding": {
        "zorgen": [
            "{Ouders} [o:zijn|is] gescheiden en er is een hoog oplopend conflict over de omgang; {kinderen} "
            "[k:horen|hoort] de ruzies.",
            "De overdrachten lopen vaak uit op ruzie waar {kinderen} bij [k:zijn|is].",
            "{Kind} hoort van beide ouders een ander verhaal en voelt zich verantwoordelijk.",
            "Er lopen meerdere procedures bij de rechtbank over de omgangsregeling.",
        ],
        "krachten": [
            "Beide ouders houden veel van {kinderen} en willen allebei een rol in het leven van {kinderen}.",
            "{Kind} heeft een goede band met allebei de ouders.",
            "{Ouder} kan goed zeggen wat {kinderen} nodig [k:hebben|heeft].",
        ],
        "lijn": [
            "{Kinderen} [k:kunnen|kan] zonder loyaliteitsconflict bij allebei de ouders zijn; de ouders overleggen "
            "zakelijk via een vaste app en maken geen ruzie waar {kinderen} bij [k:zijn|is].",
            "Er is een vaste omgangsregeling die zonder ruzie loopt, en {kinderen} [k:hoeven|hoeft] geen kant te "
            "kiezen.",
        ],
        "doelen": [
            "Overdrachten zonder ruzie, via school of {netwerk}",
            "Beide ouders volgen het traject Ouderschap na scheiding",
            "Er is een schriftelijk ouderschapsplan",
            "{Kind} heeft een eigen gesprekspartner buiten het gezin",
        ],
        "grootste_zorg": "Dat {kinderen} klem [k:blijven|blijft] zitten tussen de ouders en daar schade van "
        "[k:oplopen|oploopt].",
        "voorwaarden": "Geen ruzie en geen negatieve opmerkingen over de andere ouder waar {kinderen} bij [k:zijn|is]; "
        "overdrachten via school of {netwerk}.",
        "afspraken": [
            ("Aanmelden voor Ouderschap na scheiding", G, "beide ouders"),
            ("Overdrachten laten verlopen via school", G, "beide ouders"),
            ("Kindgesprekken met {kind} over de scheiding", P, "wijkteam {stad}"),
            ("Overleg met beide advocaten over een tijdelijke omgangsregeling", M, ""),
            ("De overdracht op zaterdag begeleiden", N, "{netwerk}"),
        ],
        "laag": [
            "De overdracht van zaterdag liep uit op geschreeuw op straat; {kind} stond ertussen.",
            "De ouders willen niet samen in één gesprek zitten; allebei willen ze dat ik kies.",
            "{Kind} wil niet meer naar de andere ouder en zegt dat het thuis alleen over de ruzie gaat.",
        ],
        "midden": [
            "De overdrachten via school gaan beter; er is één keer ruzie geweest aan de telefoon.",
            "De ouders zijn begonnen met Ouderschap na scheiding; het is lastig, maar ze komen allebei.",
            "{Kind} vertelt dat het weekend bij de andere ouder gezellig was.",
        ],
        "hoog": [
            "De ouders hebben zonder hulp een afspraak over de vakantie gemaakt.",
            "De overdrachten gaan al weken rustig; {kinderen} [k:merken|merkt] het verschil.",
            "Het ouderschapsplan is ondertekend en ingediend bij de rechtbank.",
        ],
        "crisis": "Crisis: {ouder2} heeft {kind} na het weekend niet teruggebracht. Na overleg met beide ouders en "
        "de advocaten is {kind} weer thuis; spoedbespreking in de teamsessie aangevraagd.",
        "verhogen": [
            "De overdrachten blijven rustig en beide ouders houden zich aan het ouderschapsplan.",
            "Beide ouders zitten samen aan tafel bij het evaluatiegesprek.",
        ],
    },
    "verwaarlozing": {
        "zorgen": [
            "Het huis is sterk vervuild en er is niet altijd eten in huis.",
            "{Kinderen} [k:komen|komt] vaak te laat of niet op school, in vieze kleren.",
            "Er zijn grote schulden en er dreigt een huisuitzetting.",
            "Afspraken bij tandarts en consultatiebureau voor {kind} worden gemist.",
        ],
        "krachten": [
            "{Ouder} is hartelijk en erg gesteld op {kinderen}.",
            "{Ouder} laat de gezinsmanager binnen en is eerlijk over wat niet lukt.",
            "{Netwerk} wil helpen met boodschappen en de was.",
        ],
        "lijn": [
            "Het gezin woont in een schoon huis met elke dag eten op tafel, {kinderen} [k:gaan|gaat] op tijd naar "
            "school en de geldzaken zijn geregeld.",
            "{Ouder} houdt het huishouden en de post zelf bij, met vaste hulp van {netwerk}.",
        ],
        "doelen": [
            "Elke dag ontbijt en een warme maaltijd",
            "{Kinderen} [k:gaan|gaat] elke schooldag op tijd naar school",
            "Er is beschermingsbewind en een budgetplan",
            "Het huis is schoon; er komt elke week gezinsondersteuning",
        ],
        "grootste_zorg": "Dat {kinderen} niet [k:krijgen|krijgt] wat elke dag nodig is: eten, schone kleren, toezicht.",
        "voorwaarden": "Elke dag eten in huis, {kinderen} op tijd naar school, en een schone slaapkamer voor "
        "{kinderen}.",
        "afspraken": [
            ("Beschermingsbewind aanvragen", P, "wijkteam {stad}"),
            ("Elke week samen boodschappen doen", N, "{netwerk}"),
            ("Gezinsondersteuning opstarten", P, "Jeugdhulp {stad}"),
            ("Afspraak maken bij tandarts en consultatiebureau", G, "{ouder}"),
            ("Contact met de woningcorporatie over de huurachterstand", M, ""),
        ],
        "laag": [
            "Het huis was weer erg vuil; er was geen eten in de koelkast en {kind} had niet ontbeten.",
            "School meldt dat {kinderen} deze week drie dagen niet op school [k:waren|was].",
            "Er ligt een nieuwe brief van de deurwaarder; {ouder} had de post niet geopend.",
        ],
        "midden": [
            "De gezinsondersteuning komt twee keer per week; de keuken en de kinderkamers zijn opgeruimd.",
            "{Ouder} heeft samen met {netwerk} de post doorgenomen; het bewind is aangevraagd.",
            "{Kinderen} [k:waren|was] deze week elke dag op school, één keer te laat.",
        ],
        "hoog": [
            "Het huis is opgeruimd en het eten stond op het vuur; {ouder} vertelt over het weekmenu.",
            "Het bewind loopt en de huurachterstand wordt afgelost.",
            "School is tevreden: {kinderen} [k:komen|komt] op tijd en met de juiste spullen.",
        ],
        "crisis": "Crisis: de woning is ontruimd vanwege de huurachterstand. Het gezin verblijft tijdelijk bij "
        "{netwerk}; spoedoverleg met het wijkteam over noodopvang.",
        "verhogen": [
            "Het dagritme houdt een maand stand, ook op dagen zonder gezinsondersteuning.",
            "Bewind en budgetplan lopen zonder nieuwe schulden.",
        ],
    },
    "tiener": {  # {kind} is the oldest child, twelve or older
        "zorgen": [
            "{Kind} verzuimt veel van school en is 's nachts vaak op straat.",
            "{Kind} is met de politie in aanraking gekomen (winkeldiefstal, vernieling).",
            "Er zijn zorgen over contact met oudere jongeren die drugs verkopen.",
            "{Ouders} [o:weten|weet] vaak niet waar {kind} is en [o:komen|komt] er niet meer doorheen.",
        ],
        "krachten": [
            "{Kind} is slim en praat graag over de toekomst.",
            "{Kind} heeft een bijbaan en is daar altijd op tijd.",
            "{Ouders} [o:blijven|blijft] {kind} opzoeken en [o:geven|geeft] niet op.",
        ],
        "lijn": [
            "{Kind} gaat naar school of werk, is 's avonds op de afgesproken tijd thuis, en heeft vrienden die goed "
            "voor {kind} zijn.",
            "{Ouders} [o:weten|weet] waar {kind} is en met wie; een diploma is in zicht.",
        ],
        "doelen": [
            "{Kind} gaat elke dag naar school",
            "Doordeweeks om 22.00 uur thuis, in het weekend om 00.00 uur",
            "Geen nieuwe politiecontacten",
            "{Kind} sport of heeft een hobby met een vaste begeleider",
        ],
        "grootste_zorg": "Dat {kind} verder afglijdt in de criminaliteit en uit beeld raakt.",
        "voorwaarden": "{Kind} is op de afgesproken tijd thuis; is {kind} er niet, dan belt {ouder} eerst {kind} en "
        "daarna de gezinsmanager.",
        "afspraken": [
            ("Gesprek met leerplicht en mentor over het verzuim", M, ""),
            ("Taakstraf uitvoeren bij de sportvereniging", G, "{kind}"),
            ("Multisysteemtherapie starten", P, "Jeugdhulp {stad}"),
            ("Op vrijdagavond samen met {kind} sporten", N, "{netwerk}"),
            ("Vaste thuiskomtijden afspreken en bijhouden", G, "{ouders}"),
        ],
        "laag": [
            "{Kind} is weer twee nachten niet thuis geweest; {ouders} [o:wisten|wist] niet waar {kind} was.",
            "De politie heeft {kind} aangehouden na een inbraak in een schuur.",
            "School meldt dat {kind} deze maand bijna niet geweest is.",
        ],
        "midden": [
            "{Kind} houdt zich meestal aan de thuiskomtijden; in het weekend gaat het soms mis.",
            "De multisysteemtherapie is begonnen; {kind} doet mee, met tegenzin.",
            "{Kind} gaat weer naar school, maar spijbelt nog de laatste uren.",
        ],
        "hoog": [
            "{Kind} heeft een stageplek gevonden en is er elke dag.",
            "Geen nieuwe politiecontacten; {kind} vertelt over nieuwe vrienden bij de sportclub.",
            "{Ouders} [o:zeggen|zegt] weer te weten waar {kind} is en met wie.",
        ],
        "crisis": "Crisis: {kind} is aangehouden na een steekincident in de wijk en zit in voorlopige hechtenis. "
        "Overleg met de jeugdreclassering en de Raad voor de Kinderbescherming.",
        "verhogen": [
            "{Kind} gaat een maand lang elke dag naar school en houdt zich aan de thuiskomtijden.",
            "{Kind} blijft weg bij de oude vriendengroep.",
        ],
    },
}
PROFILE_WEIGHTS = {"geweld": 22, "psyche": 20, "verslaving": 15, "scheiding": 18, "verwaarlozing": 13, "tiener": 12}

OPENERS = {
    ContactKind.HUISBEZOEK: [
        "Huisbezoek bij {ouders} en {kinderen}.",
        "Huisbezoek; {ouder} was thuis met {kinderen}.",
        "Huisbezoek, gesprek aan de keukentafel met {ouders}.",
    ],
    ContactKind.GESPREK: [
        "Gesprek op kantoor met {ouders}.",
        "Gesprek met {ouder} over de voortgang van het plan.",
        "Gesprek met {kind} alleen, daarna kort met {ouder}.",
    ],
    ContactKind.TELEFONISCH: [
        "Telefonisch contact met {ouder}.",
        "{Ouder} belde zelf om te vertellen hoe het gaat.",
        "Kort telefonisch contact met {ouder} na de afspraak bij {partner}.",
    ],
    ContactKind.UITVOERDERSOVERLEG: [
        "Uitvoerdersoverleg met {ouders}, {partner} en {netwerk}.",
        "Uitvoerdersoverleg met {ouders} en {partner} over de voortgang van het plan.",
    ],
    ContactKind.OVERIG: [
        "Gesprek met {kind} op school, samen met de mentor.",
        "Netwerkberaad met {ouders} en {netwerk}.",
        "Samen met {ouder} naar de intake bij {partner}.",
    ],
}
CLOSERS = [
    "Volgende afspraak over twee weken.",
    "Afgesproken dat {ouder} belt als het misgaat.",
    "De afspraken uit het plan samen doorgelopen.",
    "Korte terugkoppeling gestuurd naar {partner}.",
    "Besproken wat nodig is om de scores te verhogen.",
    "",
]
SAFETY_WHY = {
    "laag": [
        "Er was een incident en de afspraken uit het veiligheidsplan zijn niet nagekomen.",
        "Op dit moment is er geen volwassene in huis die de veiligheid van {kinderen} kan waarborgen.",
        "{Kinderen} [k:zijn|is] niet veilig als {ouder} er alleen voor staat; het netwerk is niet bereikbaar.",
        "De grootste zorg uit het plan is deze week opnieuw werkelijkheid geworden.",
    ],
    "midden": [
        "De basis is er, maar bij spanning valt het gezin terug in oude patronen.",
        "Geen nieuwe incidenten, maar de afspraken worden nog niet altijd nagekomen.",
        "{Netwerk} is in beeld, maar niet altijd bereikbaar als het nodig is.",
        "{Ouders} [o:zetten|zet] stappen; het is nog kwetsbaar.",
    ],
    "hoog": [
        "Geen incidenten sinds het vorige gesprek en de afspraken worden nagekomen.",
        "{Ouders} [o:laten|laat] zien te weten wat te doen als het spannend wordt.",
        "{Kinderen} [k:vertellen|vertelt] zelf dat het thuis rustig en veilig is.",
        "Het netwerk is betrokken en {ouders} [o:vragen|vraagt] op tijd om hulp.",
    ],
}
SAFETY_RAISE = {
    "laag": [
        "Vandaag nog een veiligheidsplan met {netwerk} als achterwacht.",
        "{Kinderen} [k:slapen|slaapt] bij {netwerk} zolang het thuis niet rustig is.",
        "Dagelijks contact tot de situatie stabiel is.",
    ],
    "midden": [
        "De afspraken uit het veiligheidsplan een maand volhouden.",
        "{Netwerk} spreekt een vaste rol als achterwacht af.",
        "De hulp van {partner} moet echt beginnen.",
    ],
    "hoog": [
        "Dit vasthouden, ook in de vakantie.",
        "Laten zien dat het ook lukt zonder wekelijkse begeleiding.",
        "{Ouders} [o:bespreken|bespreekt] een terugval zelf met {netwerk}.",
    ],
}
LIJN_WHY = {
    "laag": [
        "De centrale lijn is nog ver weg; er is nog geen stabiele basis.",
        "{Ouders} en de gezinsmanager zien nog niet hetzelfde einddoel.",
        "De hulp is nog niet begonnen en het netwerk doet nog niet mee.",
        "Zonder de gezinsmanager valt alles nu terug.",
    ],
    "midden": [
        "Een deel van de doelen is gehaald; de rest vraagt nog maanden.",
        "De hulp loopt, maar de veranderingen zijn nog niet vanzelfsprekend.",
        "Het netwerk doet mee, maar nog niet op eigen kracht.",
    ],
    "hoog": [
        "De meeste doelen uit het plan zijn gehaald en houden stand.",
        "Het gezin lost problemen steeds vaker zelf op, samen met {netwerk}.",
        "Wat veranderd is, hoort nu bij het gewone leven.",
    ],
}
LIJN_RAISE = {
    "laag": [
        "Eerst samen met {ouders} de centrale lijn in eigen woorden opschrijven.",
        "Het netwerk erbij halen met een netwerkberaad.",
        "Passende hulp vinden; de wachtlijst is een knelpunt.",
    ],
    "midden": [
        "De behandeling afmaken en het geleerde thuis toepassen.",
        "{Netwerk} neemt een vaste taak uit het plan op zich.",
        "Een paar maanden volhouden wat nu goed gaat.",
    ],
    "hoog": [
        "Laten zien dat het stabiel blijft zonder hulpverlening; dan kan de maatregel worden afgebouwd.",
        "Een terugvalplan maken voor na de afsluiting.",
        "Het afscheid van de hulpverlening voorbereiden.",
    ],
}
PROGRESS = {
    "laag": "Stand van zaken: de zorgen zijn niet minder geworden.",
    "midden": "Stand van zaken: een deel van de zorgen is minder geworden, maar het wisselt nog.",
    "hoog": "Stand van zaken: de grootste zorg is sterk verminderd; het gaat nu om vasthouden.",
}
GENERAL_KRACHTEN = [
    "{Ouder} heeft een warme band met {kinderen}.",
    "Er is een betrokken leerkracht die goed contact heeft met {ouder}.",
    "{Ouders} [o:komen|komt] naar de afspraken en [o:zijn|is] eerlijk over wat moeilijk is.",
    "{Kind} sport bij een vereniging en komt daar graag.",
]
CHANGE_NOTES = [
    "Bijgesteld na de evaluatie met {ouders}.",
    "Aangepast na het netwerkberaad: {netwerk} neemt taken over.",
    "Veiligheidsafspraken aangescherpt na een zware periode.",
    "Doelen bijgesteld na de casusbespreking in het team.",
    "Nieuwe versie na de verlenging van de maatregel.",
]
HANDOVER_REASONS = [
    "Overdracht: gezinsmanager met zwangerschapsverlof.",
    "Caseload opnieuw verdeeld binnen het team.",
    "Gezin verhuisd binnen de regio, dichter bij een collega.",
    "Nieuwe start na een vastgelopen samenwerking, besproken in de teamsessie.",
    "Gezinsmanager vertrokken naar een ander team.",
]
PHASE_NOTES = {
    Phase.BETREKKEN: "Intake afgerond; kennismaking met het hele gezin.",
    Phase.ONDERSTEUNEN: "Gezinsplan besproken met {ouders}; de hulp wordt ingezet.",
    Phase.GENERALISEREN: "Veiligheid stabiel; de aandacht gaat naar vasthouden in het dagelijks leven.",
}
CLOSING_NOTES = [
    "Centrale lijn bereikt; de maatregel is niet verlengd.",
    "Maatregel beëindigd door de rechter; vrijwillige hulp loopt via het wijkteam.",
    "Gezin verhuisd naar een andere regio; dossier overgedragen.",
    "Veiligheid blijvend op orde; afgesloten na besluit in de teamsessie.",
]
# (relation, sex, how the plan calls them, contribution)
NETWORK = [
    ("oma", "f", "oma {first}"),
    ("opa", "m", "opa {first}"),
    ("tante", "f", "tante {first}"),
    ("oom", "m", "oom {first}"),
    ("buurvrouw", "f", "buurvrouw {first}"),
    ("buurman", "m", "buurman {first}"),
    ("vriendin van {ouder}", "f", "{first}"),
    ("trainer van de voetbalclub", "m", "trainer {first}"),
]
CONTRIBUTIONS = [
    "Vangt {kinderen} op als het thuis te veel wordt",
    "Haalt {kinderen} twee middagen per week uit school",
    "Belt {ouder} elke avond even",
    "Wordt als eerste gebeld bij ruzie",
    "Helpt met de post en de geldzaken",
    "Logeeradres in het weekend",
    "Gaat mee naar gesprekken op school",
    "Doet elke week samen boodschappen",
]
PARTNERS = ["Jeugdhulp {stad}", "het wijkteam {stad}", "de GGZ-behandelaar", "school", "de huisarts"]
OTHER_PARTICIPANTS = [
    "hulpverlener Jeugdhulp {stad}, intern begeleider school",
    "wijkteam {stad}, behandelaar GGZ",
    "ambulant hulpverlener, leerplichtambtenaar",
    "consulent wijkteam {stad}",
]
KINDS = list(OPENERS)
KIND_WEIGHTS = [45, 20, 20, 10, 5]
