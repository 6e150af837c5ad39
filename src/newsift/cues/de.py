"""German cues (see newsift.cues). German inflects adjectives and capitalises every noun."""
# ruff: noqa: E501  (regex alternatives read better unbroken)

_NS = "[ \u00a0\u202f]"
# "unabhängig von/davon" is mostly "regardless of", not a boast.
_INDEP = (
    r"(?:unabhängig|unparteiisch|neutral|objektiv|unzensiert)\w*(?! (?:davon|vo[nm]|voneinander)\b)"
)

APPEALS = (
    r"jetzt (?:spenden|unterstützen|fördermitglied werden|mitglied werden)",
    r"unterstützen sie (?:uns|unsere (?:arbeit|redaktion|recherchen?|berichterstattung)"
    r"|(?:den |unseren )?(?:unabhängigen |kritischen )?journalismus)",
    r"unterstütz(?:e|t) uns",
    r"spenden sie (?:jetzt|heute|noch heute|für uns|uns|einen beitrag|einmalig|monatlich)",
    r"wir brauchen (?:ihre|deine|eure) (?:hilfe|unterstützung|spende)",
    r"wir sind auf (?:ihre|deine|eure) (?:unterstützung|hilfe|spenden?) angewiesen",
    r"(?:mit|durch) (?:ihrer|deiner|einer kleinen) spende",
    r"(?:jeder (?:euro|beitrag)|jede spende),? (?:zählt|hilft)",
    r"(?:auch|schon) (?:kleine|kleinste) (?:beträge|spenden) (?:helfen|zählen)",
    r"werden? (?:sie )?(?:fördermitglied|unterstützer(?:in)?|abonnent(?:in)?) (?:und|bei|von|unserer|unseres)",
    r"wir (?:müssen|wollen) (?:bis \w+ )?(?:noch )?[\d., \u00a0]+(?:€|euro) (?:sammeln|einnehmen|zusammenbekommen)",
    r"(?:finanziert|getragen) (?:nur |ausschließlich |allein |vollständig )?(?:von|durch)"
    r" (?:unseren|unsere|seinen|seine|ihren|ihre) (?:leser\w*|abonnent\w*|mitglieder\w*)",
    r"leserfinanziert\w*",
    r"unser spendenkonto",
    r"ihre spende (?:ist|wird) steuerlich absetzbar",
    r"spendier(?:en sie)? (?:uns|mir) einen kaffee",
)

BOILERPLATE = (
    rf"100{_NS}?(?:%|prozent) {_INDEP}",
    rf"(?:völlig|komplett|absolut|vollkommen|konsequent|wirklich|echt|stolz) {_INDEP}",
    r"(?:freier und )?unabhängige[nmrs]? (?:und (?:freie[nmrs]?|kritische[nmrs]?) )?journalismus",
    rf"wir sind (?:ein |eine )?(?:völlig |komplett |wirklich |absolut |zu 100{_NS}?% |100{_NS}?% )?{_INDEP}",
    r"(?:nachrichten|medien|informationen|journalismus),? (?:denen|dem|der) sie (?:wirklich |endlich )?"
    r"(?:vertrauen|trauen) können",
    r"was (?:die (?:mainstream-?medien|systemmedien|leitmedien|etablierten medien|medien|regierung|eliten)"
    r"|die mächtigen) (?:ihnen )?(?:nicht (?:sagen|sagt|zeigen|zeigt|berichten)|verschweigen|verschweigt)",
    r"(?:frei von|ohne) (?:konzern|staats|partei|werbe)(?:interessen|geldern|einfluss|einflüssen|kunden|gelder)",
    r"nur der wahrheit verpflichtet",
)

# Districts and constituencies end in -kreis too: "in den Landkreisen" names no one.
_CIRCLES = (
    r"(?:(?:gut |bestens |gewöhnlich gut )?(?:informierten|unterrichteten|diplomatischen|politischen"
    r"|eingeweihten) kreisen|(?!land|stadt|wahl|verwaltungs|bezirks|ortsteil)\w+kreisen)"
)
ANONYMOUS = (
    rf"(?:wie )?(?:aus|in) {_CIRCLES}(?: (?:verlautete|verlautet|hieß es|heißt es))?",
    r"(?:informierte|anonyme|ungenannte|nicht genannte) (?:quellen|kreise|insider)",
    r"(?:(?:einer|mehreren|zwei|drei|informierten|gut informierten|anonymen|ungenannten) )?"
    r"(?:quellen?|insidern?) zufolge",
    r"(?:quellen|insider) (?:berichten|sagen|sagten|behaupten)",
    r"laut (?:einem |mehreren )?insider\w*",
    r"nicht (?:namentlich )?genannt werden (?:wollte|wollten|will|möchte|möchten)",
    r"namentlich nicht genannt werden (?:wollte|wollten|will|möchte|möchten)",
    r"unter (?:der )?(?:bedingung der |zusicherung der )?anonymität",
    r"hinter vorgehaltener hand",
    r"man (?:munkelt|hört)|gerüchten zufolge|wie man hört",
    r"(?:jeder|alle) (?:weiß|wissen) (?:doch|es|ja)",
    r"viele (?:menschen|leute|experten|beobachter) (?:sagen|meinen|glauben)",
)

REPORTING = (
    r"sagte|sagten|sagt|sagen|erklärte|erklärten|erklärt|berichtete|berichteten|berichtet",
    r"teilte(?:n)? (?:\w+ )?mit|fügte(?:n)? (?:\w+ )?hinzu|räumte(?:n)? (?:\w+ )?ein|wies (?:\w+ )?zurück",
    r"kündigte(?:n)? (?:\w+ )?an|rief(?:en)? (?:\w+ )?auf",
    r"betonte|betonten|betont|warnte|warnten|forderte|forderten|appellierte|bestätigte|bestätigten",
    r"dementierte|bestritt|schrieb|schreibt|äußerte|sprach von|so (?:der|die)",
    r"(?:hat|haben|hatte|hatten) (?:\w+ )?(?:gesagt|erklärt|betont|bestätigt|berichtet|angekündigt"
    r"|mitgeteilt|gewarnt|gefordert)",
    r"laut|zufolge|nach angaben",
    r"in (?:einer|seiner|ihrer) (?:erklärung|mitteilung|stellungnahme)|in einem interview",
    r"sprecher(?:in)?|pressesprecher(?:in)?",
    r"eine studie|ein bericht|veröffentlicht (?:von|in)|bezeichnet sich|nennt sich",
    r"war (?:zunächst )?nicht (?:zu erreichen|erreichbar)|(?:wollte|wollten) sich (?:\w+ )?nicht äußern",
    r"auf anfrage",
)

CAPITALISED_NOUNS = True  # a capital letter is no proxy for a name in German
_CAP = "[A-ZÄÖÜ]"
BYLINE_LINE = rf"^\s*(?:Von|VON|Ein (?:Kommentar|Bericht|Gastbeitrag) von|Autor(?:in)?:|Text:)\s+{_CAP}[\w.'’-]+(?:\s+{_CAP}[\w.'’-]+)+"
CREDIT_BYLINE = rf"(?i:(?:geschrieben|verfasst) von|mitarbeit:)\s+{_CAP}[\w'’-]+\s+{_CAP}"
CREDIT_LINE = r"^\s*(?i:foto|bild|video|quelle|mehr zum thema|lesen sie auch|auch interessant|teilen|folgen)\b"
