"""Short Dutch phrases the generated rows are made of (no tab or newline: COPY text needs none escaped)."""

FIRST_F = ["Anna", "Sanne", "Fatima", "Lotte", "Emma", "Yasmina", "Noor", "Eva", "Sara", "Julia", "Iris", "Aya"]
FIRST_M = ["Daan", "Mohamed", "Sem", "Liam", "Noah", "Bram", "Youssef", "Milan", "Finn", "Lucas", "Omar", "Jesse"]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "El Amrani",
    "de Boer",
    "Mulder",
    "Bos",
    "Yilmaz",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Dekker",
    "Kaya",
    "Brouwer",
    "de Graaf",
    "Koster",
]
TOWNS = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Den Haag",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Arnhem",
    "Haarlem",
    "Zwolle",
    "Leeuwarden",
    "Maastricht",
    "Apeldoorn",
]
REGIONS = ["Noord", "Oost", "Zuid", "West", "Midden"]
TEAM_WORDS = ["Noord", "Oost", "Zuid", "West", "Centrum", "Haven", "Polder", "Rivier", "Duin", "Heide"]

KINDS = ["huisbezoek"] * 5 + ["gesprek"] * 3 + ["telefonisch"] * 2 + ["uitvoerdersoverleg", "overig"]
NOTE_OPEN = [
    "Gesprek aan de keukentafel met moeder.",
    "Huisbezoek, beide ouders aanwezig.",
    "Telefonisch contact met vader over de afspraken.",
    "Gesprek op school samen met de mentor.",
    "Uitvoerdersoverleg met de hulpverlener en het gezin.",
    "Kort gesprek met de oudste bij de voordeur.",
]
NOTE_MIDDLE = [
    "De afspraken over bedtijd worden nagekomen.",
    "Er was deze week weer ruzie over geld.",
    "Oma past twee middagen per week op.",
    "De thuisbegeleiding is gestart en loopt goed.",
    "Moeder vertelt dat de spanning thuis minder is.",
    "Vader kwam niet naar de afspraak op het wijkteam.",
    "De kinderen gaan weer elke dag naar school.",
]
NOTE_CLOSE = [
    "Volgende week komt het netwerk erbij.",
    "We bellen vrijdag na over de wachtlijst.",
    "Het veiligheidsplan is samen doorgelopen.",
    "Afgesproken dat moeder zelf de huisarts belt.",
]
SAFETY_WHY = [
    "Afspraken nagekomen.",
    "Geen nieuwe incidenten.",
    "Spanning thuis opgelopen.",
    "Kinderen vertellen dat het rustiger is.",
    "Vader heeft zich niet aan de afspraak gehouden.",
]
SAFETY_RAISE = [
    "Vader doet mee aan de gesprekken.",
    "Netwerk vaker over de vloer.",
    "Start van de therapie.",
    "Een vaste dagstructuur.",
]
LIJN_WHY = [
    "Netwerk is nog klein.",
    "Ouders werken samen aan het plan.",
    "Wonen is nog niet geregeld.",
    "School en ouders hebben weer contact.",
]
LIJN_RAISE = [
    "Oma doet mee in het plan.",
    "Een eigen woning.",
    "Schulden onder bewind.",
    "Ouders maken zelf afspraken met school.",
]
OTHER_PARTICIPANTS = ["", "", "", "mentor", "wijkteam", "hulpverlener thuisbegeleiding"]

ZORGEN = "Spanning en ruzie tussen de ouders; de kinderen zijn er getuige van."
KRACHTEN = "Ouders houden van de kinderen en willen hulp; oma is betrokken."
LIJN = "De kinderen groeien veilig op bij hun ouders, met een netwerk dat meekijkt."
GOALS = "Geen ruzie waar de kinderen bij zijn; een vaste dagstructuur; school elke dag."
SAFETY_AGREEMENTS = "Bij ruzie gaat vader naar zijn broer; moeder belt oma als het misgaat."
AGREEMENTS = [
    ("gezin", "Moeder belt de huisarts voor een verwijzing"),
    ("netwerk", "Oma haalt de kinderen op dinsdag uit school"),
    ("partner", "De thuisbegeleiding komt twee keer per week"),
    ("gezinsmanager", "Aanvraag bij het wijkteam doen"),
    ("gezin", "Vader gaat naar de cursus opvoeden"),
]
NETWORK = [
    ("oma", "past op de kinderen"),
    ("buurvrouw", "is er als het misgaat"),
    ("oom", "helpt met de fiets"),
    ("vriendin van moeder", "gaat mee naar afspraken"),
]
INZETTEN = [
    ("43", "45A41", "Ambulante gezinsbehandeling"),
    ("45", "45A48", "Thuisbegeleiding"),
    ("41", "41A01", "Gezinstherapie"),
    ("54", "54001", "Jeugd-GGZ behandeling"),
]
KWESTIES = [
    ("partner", "Wachtlijst thuisbegeleiding langer dan drie maanden"),
    ("wachtlijst", "Geen plek in de crisisopvang"),
    ("procedure", "De rechtbank vraagt een apart formulier"),
    ("wet", "Toestemming van beide ouders nodig voor hulp"),
    ("partner", "De GGZ-instelling stopt de behandeling zonder overleg"),
    ("eigen_werkwijze", "Dubbele registratie van de plannen"),
]
QUESTIONS = [
    "Is elk kind nu veilig?",
    "Wat is de centrale lijn?",
    "Wat is nodig om de scores te verhogen?",
    "Wie doet wat en wanneer?",
]
