"""French cues (see newsift.cues)."""
# ruff: noqa: E501  (regex alternatives read better unbroken)

_NS = "[ \u00a0\u202f]"  # French puts a (narrow) no-break space before "%", ":", "!"...
_NOT_ORGAN = r"(?! d['’]organes?| de (?:sang|moelle|plasma|gamètes)| du sang)"

APPEALS = (
    r"soutenez(?:-nous| (?:notre|nos|le|la|l['’] ?)(?:journal|journalisme|rédaction|travail|média"
    r"|information|indépendance|site)\w*)",
    rf"(?:faites|je fais) (?:un|votre) don{_NOT_ORGAN}",
    r"nous avons besoin de (?:vous|votre (?:aide|soutien|don|générosité|contribution))",
    r"nous devons (?:encore )?(?:réunir|collecter|récolter|lever)",
    r"aidez-nous à (?:réunir|collecter|financer|continuer|rester|tenir)",
    r"sans (?:votre|vos) (?:soutien|dons|contributions?)",
    r"chaque (?:don|euro|contribution),? (?:compte|aide|nous aide)",
    r"(?:tout|chaque) don,? (?:même (?:modeste|petit)|quel qu['’]en soit le montant"
    r"|quel que soit son montant)",
    r"donnez (?:maintenant|dès aujourd['’]hui|ce que vous pouvez)",
    r"(?:notre|cette) (?:campagne de (?:dons|financement|soutien)|collecte de fonds|cagnotte)",
    r"financé (?:uniquement |exclusivement |entièrement )?par (?:ses|nos|les) lecteurs",
    r"grâce à vos dons",
    r"devenez (?:membre|donateur|donatrice|mécène|abonné|abonnée)",
    r"(?:votre )?don (?:est )?déductible (?:à \d+" + _NS + r"?% )?(?:de vos|des) impôts",
    r"offrez-nous un café",
)

BOILERPLATE = (
    rf"100{_NS}?% (?:indépendant|neutre|objecti|impartia|libre)\w*",
    r"(?:totalement|entièrement|complètement|résolument|farouchement|vraiment|réellement)"
    r" (?:indépendant|neutre|impartia|objecti)\w*",
    r"(?:média|journal|presse|information|site|journalisme|rédaction)s? libres? et indépendant\w*",
    r"nous sommes (?:un (?:média|journal|site) )?(?:totalement |vraiment |100" + _NS + r"?% )?"
    r"(?:indépendant|libres|neutres|impartia)\w*",
    r"(?:l['’] ?)?information (?:à laquelle )?(?:vous pouvez|on peut) (?:enfin )?faire confiance",
    r"ce que (?:les médias(?: \w+)?|ils|le système|le pouvoir|les élites) (?:ne (?:vous )?(?:dit|disent"
    r"|montre|montrent) pas|vous cache(?:nt)?|ne veu(?:t|lent) pas que vous sachiez)",
    r"la vérité que (?:les médias(?: \w+)?|ils|le pouvoir) (?:vous cache(?:nt)?|ne veu(?:t|lent) pas)",
    r"sans (?:publicité|actionnaires?|milliardaires?|subventions?)(?:,? (?:ni|sans)"
    r" (?:publicité|actionnaires?|milliardaires?|subventions?))+",
    r"(?:inféodé|soumis|vendu|redevable)e?s? (?:à aucun|à personne|aux (?:lobbies|puissants|annonceurs))",
    r"réinformation",
    r"la vraie information",
)

ANONYMOUS = (
    r"(?:selon|d['’]après) (?:des|plusieurs|nos|certaines|une|de bonnes) sources?"
    r"(?: (?:proches? d[eu]|bien informées?|concordantes|sûres?|anonymes?))?",
    r"de sources? (?:sûres?|bien informées?|concordantes)",
    r"(?:une|des) sources? (?:proches? d[eu]|bien informées?|anonymes?|au fait du dossier)",
    r"(?:sous (?:couvert de )?l['’] ?anonymat|(?:ayant|qui a|qui ont) requis l['’] ?anonymat)",
    r"(?:proches?|au fait) du dossier",
    r"(?:on dit|on raconte|on murmure|il se dit|il se murmure|il paraît) que",
    r"(?:tout le monde|chacun) (?:le )?sait",
    r"(?:beaucoup de gens|de nombreuses personnes|certains observateurs) (?:disent|affirment|pensent)",
    r"(?:des rumeurs (?:circulent|courent)|la rumeur (?:court|enfle|circule))",
)

_PAST = (
    r"déclaré|dit|affirmé|indiqué|expliqué|annoncé|confirmé|précisé|souligné|ajouté|estimé"
    r"|assuré|rappelé|reconnu|démenti|nié|averti|raconté|écrit|répondu|réagi|confié|dénoncé"
    r"|appelé|exhorté|demandé|insisté|admis"
)
REPORTING = (
    rf"(?:a|ont|avait|avaient)(?:-t-(?:il|elle|ils|elles))? (?:\w+ )?(?:{_PAST})",
    r"(?:déclare|affirme|indique|explique|annonce|estime|souligne|précise|ajoute|assure|raconte"
    r"|confie|poursuit|insiste|reconnaît|note|observe|écrit|dénonce)(?:nt)?",
    r"(?:dit|déclare|explique|estime|affirme|ajoute|précise|assure|raconte|confie|poursuit)"
    r"(?:-t)?-(?:il|elle|ils|elles)",
    r"selon|d['’]après",
    r"dans (?:un|une) (?:communiqué|interview|entretien|déclaration)",
    r"porte-parole",
    r"un rapport (?:de|du|des)|une étude (?:de|du|des|publiée)|publiée? (?:par|dans)",
    r"se (?:présente|décrit|définit) comme|se qualifie de",
    r"n['’]a pas (?:souhaité|voulu|immédiatement) (?:répondre|commenter|réagir)|n['’]a pas répondu",
    r"a lancé un appel|appelle à",
)

_CAP = "[A-ZÀ-ÖØ-Þ]"
BYLINE_LINE = rf"^\s*(?:Par|PAR|De notre (?:envoyée?|correspondante?) (?:spéciale? )?à \w+,?)\s+{_CAP}[\w.'’-]+(?:\s+{_CAP}[\w.'’-]+)+"
CREDIT_BYLINE = rf"(?i:(?:propos recueillis|rédigé|écrit|texte) par)\s+{_CAP}[\w'’-]+\s+{_CAP}"
CREDIT_LINE = (
    r"^\s*(?i:photo|image|vidéo|crédits?|légende|source|lire aussi|à lire aussi|voir aussi"
    r"|partager|suivez)\b"
)
