"""Italian cues (see newsift.cues)."""
# ruff: noqa: E501  (regex alternatives read better unbroken)

_NS = "[ \u00a0\u202f]"
_NOT_ORGAN = r"(?! di (?:sangue|organi|midollo|plasma))"

APPEALS = (
    r"sostienici|sostenet(?:eci|e il nostro)",
    r"sostieni (?:il |la |l['’] ?|questo |questa |un )?(?:nostro |nostra )?(?:giornalismo|informazione"
    r"|lavoro|progetto|giornale|testata|redazione|sito)",
    r"dona (?:ora|adesso|oggi|subito|qui)",
    rf"(?:fai|fate|effettua) (?:una|la tua) donazione{_NOT_ORGAN}",
    r"abbiamo bisogno (?:di te|di voi|del (?:tuo|vostro) (?:aiuto|sostegno|contributo))",
    r"aiutaci a (?:raccogliere|continuare|restare|rimanere|crescere)",
    r"dobbiamo (?:ancora )?raccogliere",
    r"senza il (?:tuo|vostro) (?:aiuto|sostegno|contributo)",
    r"ogni (?:euro|contributo|donazione),? (?:conta|è importante|fa la differenza|aiuta)",
    r"anche un piccolo contributo",
    r"diventa (?:socio|socia|sostenitore|sostenitrice|abbonato|abbonata|membro)",
    r"finanziat[oia] (?:solo |esclusivamente |interamente )?(?:dai|dalle) (?:nostr[ie] )?"
    r"(?:lettori|lettrici|abbonati|sostenitori)",
    r"offrici un caffè",
)

BOILERPLATE = (
    rf"100{_NS}?% (?:indipendente|imparziale|obiettiv[oa]|neutrale|liber[oa])",
    r"(?:totalmente|completamente|assolutamente|davvero|fieramente|orgogliosamente|veramente)"
    r" (?:indipendent[ei]|imparzial[ei]|obiettiv[oaie]|neutral[ei])",
    r"(?:informazione|giornalismo|giornale|testata) liber[oa] e indipendente|libera e indipendente"
    r"|indipendente e liber[oa]",
    r"giornalismo (?:davvero |veramente )?indipendente",
    rf"siamo (?:un giornale |una testata |un sito )?(?:totalmente |completamente |davvero |100{_NS}?% )?"
    r"(?:indipendenti|liberi|imparziali|neutrali)",
    r"(?:notizie|informazione|informazioni) (?:di cui|delle quali) (?:puoi|potete|si può) (?:finalmente )?fidar(?:ti|vi|si)",
    r"(?:quello|ciò) che (?:i media(?: \w+)?|i giornali(?: \w+)?|il governo|loro|il sistema|i poteri forti)"
    r" non (?:vogliono|vuole) (?:che tu sappia|farti sapere|dirti|raccontarti)",
    r"le notizie che (?:i media(?: \w+)?|nessuno|il sistema) non (?:ti )?(?:vogliono|vuole|dice|dicono|racconta|raccontano)",
    r"senza padroni|nessun padrone",
)

ANONYMOUS = (
    r"secondo (?:una fonte|(?:alcune |diverse |varie |nostre |le nostre |più )?fonti)"
    r"(?: (?:vicin[ae]|prossim[ae]) (?:a|al|alla|allo|ai|agli|alle))?",
    r"(?:fonti|una fonte) (?:vicin[ae]|prossim[ae]) (?:a|al|alla|allo|ai|agli|alle)",
    r"fonti (?:anonime|bene informate|ben informate|qualificate|attendibili|interne|riservate|autorevoli"
    r"|di governo|di maggioranza)",
    r"da fonti? (?:certe?|sicure?)",
    r"(?:ha|hanno) chiesto (?:di (?:mantenere|restare nel) )?l['’] ?anonimato",
    r"(?:sotto|in) (?:condizione di )?anonimato|garanzia (?:di |dell['’] ?)anonimato",
    r"(?:si dice|si mormora|si vocifera|si sussurra|corre voce) che",
    r"(?:lo )?sanno tutti|tutti sanno",
    r"(?:molti|in molti|tanti) (?:dicono|sostengono|pensano) che",
    r"secondo (?:alcune |le )?indiscrezioni|voci di corridoio",
)

# "secondo" is also "second": "il secondo giorno", "in secondo luogo".
_SECONDO = (
    r"(?<!l )(?<!o )(?<!i )(?<!un )(?<!in )(?<!per )secondo"
    r"(?! (?:posto|luogo|turno|giorno|anno|tempo|mandato|semestre|trimestre|piano|grado|me|noi|voi)\b)"
)
REPORTING = (
    r"(?:ha|hanno|aveva|avevano) (?:\w+ )?(?:detto|dichiarato|affermato|spiegato|annunciato|confermato"
    r"|aggiunto|sottolineato|precisato|ribadito|riferito|scritto|raccontato|ammesso|negato|smentito"
    r"|avvertito|chiesto|esortato|osservato|commentato|replicato|denunciato)",
    r"dichiara|afferma|spiega|aggiunge|sottolinea|riferisce|scrive|racconta|dice|dicono",
    r"disse|dichiarò|affermò|spiegò|annunciò|aggiunse",
    _SECONDO,
    r"stando a|in una nota|in un comunicato|in un['’] ?intervista|portavoce",
    r"un rapporto (?:di|del|della)|uno studio (?:di|del|della|pubblicato)|pubblicat[oa] (?:da|su)",
    r"si (?:definisce|presenta come)",
    r"non ha (?:voluto )?(?:risposto|commentare|rispondere)",
    r"ha lanciato un appello",
)

_CAP = "[A-ZÀÈÉÌÒÙ]"
BYLINE_LINE = rf"^\s*(?:di|Di|DI|A cura di|Articolo di)\s+{_CAP}[\w.'’-]+(?:\s+{_CAP}[\w.'’-]+)+"
CREDIT_BYLINE = rf"(?i:(?:scritto|a cura) di)\s+{_CAP}[\w'’-]+\s+{_CAP}"
CREDIT_LINE = r"^\s*(?i:foto|immagine|video|fonte|crediti|leggi anche|condividi|seguici)\b"
