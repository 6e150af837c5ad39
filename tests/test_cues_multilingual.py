"""Donation appeals, neutrality boilerplate and anonymous sourcing in fr, de, es, it, pt, ru.

Each fixture is written in its language the way outlets there phrase these things; each has a
control paragraph of ordinary news prose (with traps such as organ donation, "unabhängig davon",
"in den Landkreisen", "il secondo giorno") that must yield none of them.
"""

from __future__ import annotations

import pytest

from newsift.cues import language_of
from newsift.detectors.attribution import AttributionDetector
from newsift.detectors.fundraising import FundraisingDetector
from newsift.detectors.neutrality import NeutralityClaimDetector
from newsift.document import Document

NB = "\u00a0"  # French typography: no-break space inside « » and before "%"

# language -> (article, (appeal sentence, neutrality phrase, anonymous phrase))
ARTICLES: dict[str, tuple[str, tuple[str, str, str]]] = {
    "fr": (
        "Le gouvernement prépare une nouvelle réforme des retraites. "
        "Selon des sources proches du dossier, le texte sera présenté en conseil des ministres "
        "dès mardi. "
        f"Notre rédaction est 100{NB}% indépendante et ne dépend d'aucun actionnaire. "
        "Soutenez-nous : faites un don dès aujourd'hui.",
        (
            "Soutenez-nous : faites un don dès aujourd'hui.",
            f"100{NB}% indépendante",
            "Selon des sources proches du",
        ),
    ),
    "de": (
        "Die Koalition streitet weiter über den Haushalt. "
        "Wie aus informierten Kreisen verlautete, will der Finanzminister die Schuldenbremse "
        "aussetzen. "
        "Wir stehen seit 1998 für unabhängigen Journalismus. "
        "Unterstützen Sie uns und werden Sie Fördermitglied.",
        (
            "Unterstützen Sie uns und werden Sie Fördermitglied.",
            "unabhängigen Journalismus",
            "Wie aus informierten Kreisen verlautete",
        ),
    ),
    "es": (
        "El Gobierno aprobará el martes el nuevo plan de vivienda. "
        "Fuentes cercanas a la negociación aseguran que el acuerdo está prácticamente cerrado. "
        "Hacemos periodismo independiente, sin publicidad institucional. "
        "Dona ahora y ayúdanos a seguir informando.",
        (
            "Dona ahora y ayúdanos a seguir informando.",
            "periodismo independiente",
            "Fuentes cercanas a",
        ),
    ),
    "it": (
        "Il governo ha approvato la manovra nella notte. "
        "Secondo fonti vicine a Palazzo Chigi, il testo arriverà in Parlamento entro venerdì. "
        "Da vent'anni offriamo un'informazione libera e indipendente. "
        "Sostienici con una piccola donazione.",
        (
            "Sostienici con una piccola donazione.",
            "informazione libera e indipendente",
            "Secondo fonti vicine a",
        ),
    ),
    "pt": (
        "O Parlamento vota hoje o Orçamento do Estado para o próximo ano. "
        "Segundo fontes próximas do Governo, o documento deverá ser aprovado sem surpresas. "
        "Fazemos jornalismo independente desde 2009. "
        "Apoie o nosso jornalismo e faça uma doação.",
        (
            "Apoie o nosso jornalismo e faça uma doação.",
            "jornalismo independente",
            "Segundo fontes próximas do",
        ),
    ),
    "ru": (
        "Правительство обсуждает новый бюджет на следующий год. "
        "Как сообщил источник в администрации президента, решение примут до конца месяца. "
        "Мы — независимое издание и работаем с 2014 года. "
        "Поддержите нас: нам нужно собрать 100 000 рублей.",
        (
            "Поддержите нас: нам нужно собрать 100 000 рублей.",
            "Мы — независимое издание",
            "Как сообщил источник",
        ),
    ),
}

# Ordinary news prose: nothing here is an appeal, a boast or an anonymous source.
CONTROLS: dict[str, str] = {
    "fr": (
        "Le ministre a rappelé l'importance de faire un don d'organe. "
        "Faites un don du sang : la campagne nationale commence lundi à Paris. "
        "Une commission d'enquête indépendante rendra son rapport en juin. "
        "Les dons aux associations ont progressé de 4 % en 2023, selon France Générosités. "
        "« Nous avons besoin de votre aide », a déclaré la maire de Lyon aux habitants."
    ),
    "de": (
        "Völlig unabhängig davon will die Regierung die Steuern senken. "
        "In Landkreisen wie Passau fehlen Ärzte. "
        "In den Landkreisen Bayerns steigt die Zahl der Blutspender. "
        "Der Verein rief dazu auf, Blut zu spenden, sagte ein Sprecher. "
        "„Unterstützen Sie uns“, sagte die Bürgermeisterin bei der Versammlung."
    ),
    "es": (
        "La Organización Nacional de Trasplantes pidió hacer una donación de órganos. "
        "El país es independiente desde 1821. "
        "Según el Instituto Nacional de Estadística, el paro bajó un 2 % en marzo."
    ),
    "it": (
        "Il secondo giorno del vertice si è chiuso senza accordo. "
        "L'Avis invita a fare una donazione di sangue prima dell'estate. "
        "L'autorità indipendente ha multato la società per 5 milioni di euro."
    ),
    "pt": (
        "O segundo turno das eleições será em outubro. "
        "O hospital pediu que a população faça uma doação de sangue. "
        "O país tornou-se independente em 1975."
    ),
    "ru": (
        "Врачи призвали пожертвовать кровь для пострадавших. "
        "Он был готов пожертвовать собой ради товарищей. "
        "Независимо от погоды парад пройдёт в субботу. "
        "Страна стала независимой в 1991 году."
    ),
}


def _doc(text: str, language: str) -> Document:
    return Document(text=text, language=language)


def _spans(doc: Document, findings: list, label: str) -> list[str]:
    return [doc.text[f.start : f.end] for f in findings if f.label == label]


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_donation_appeal_is_found_in_its_language(language: str) -> None:
    text, (appeal, _, _) = ARTICLES[language]
    doc = _doc(text, language)
    findings = FundraisingDetector().detect(doc)
    assert _spans(doc, findings, "donation_appeal") == [appeal]
    assert findings[0].start == text.index(appeal)


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_independence_claim_is_found_in_its_language(language: str) -> None:
    text, (_, claim, _) = ARTICLES[language]
    doc = _doc(text, language)
    findings = NeutralityClaimDetector().detect(doc)
    assert _spans(doc, findings, "neutrality_boilerplate") == [claim]
    assert (findings[0].start, findings[0].end) == (
        text.index(claim),
        text.index(claim) + len(claim),
    )


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_anonymous_source_is_found_in_its_language(language: str) -> None:
    text, (_, _, source) = ARTICLES[language]
    doc = _doc(text, language)
    spans = _spans(doc, AttributionDetector().detect(doc), "anonymous_source")
    assert spans == [source]


@pytest.mark.parametrize("language", sorted(CONTROLS))
def test_ordinary_news_prose_yields_none_of_them(language: str) -> None:
    doc = _doc(CONTROLS[language], language)
    found = [
        f.label
        for detector in (FundraisingDetector(), NeutralityClaimDetector(), AttributionDetector())
        for f in detector.detect(doc)
    ]
    assert not {"donation_appeal", "neutrality_boilerplate", "anonymous_source"} & set(found)


def test_the_russian_appeal_of_the_issue_is_found() -> None:
    text = "Поддержите нас: нам нужно собрать 100 000 рублей"
    findings = FundraisingDetector().detect(_doc(text, "ru"))
    assert len(findings) == 1
    assert findings[0].evidence["cues"] == ["Поддержите нас", "нам нужно собрать"]


def test_english_cues_do_not_fire_on_other_languages_and_vice_versa() -> None:
    # The same English appeal is not a French one: French cues are French wording.
    english = "Please support our independent journalism. Donate now."
    assert len(FundraisingDetector().detect(_doc(english, "en"))) == 2
    assert FundraisingDetector().detect(_doc(english, "fr")) == []
    french = "Soutenez-nous : faites un don."
    assert FundraisingDetector().detect(_doc(french, "en")) == []


def test_unknown_language_falls_back_to_english_cues() -> None:
    doc = _doc("Please support our independent journalism.", "xx")
    assert language_of(doc) == "en"
    assert len(FundraisingDetector().detect(doc)) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", f"Le journal a publié un appel : «{NB}Soutenez-nous, faites un don{NB}»."),
        ("de", "Auf der Seite stand nur »Jetzt spenden« in großen Buchstaben."),
        ("de", "Darunter stand ‚Unterstützen Sie uns‘ in kleiner Schrift."),
        ("ru", "На сайте висел баннер «Поддержите нас» в красной рамке."),
        ("es", "Su lema era «Dona ahora» en letras rojas."),
    ],
)
def test_appeals_in_the_languages_own_quotation_marks_are_reported_not_made(
    language: str, text: str
) -> None:
    assert FundraisingDetector().detect(_doc(text, language)) == []


def test_a_reporting_verb_of_the_language_marks_an_appeal_as_reported() -> None:
    text = "Faites un don, a déclaré le président de la Croix-Rouge."
    assert FundraisingDetector().detect(_doc(text, "fr")) == []
    assert len(FundraisingDetector().detect(_doc("Faites un don.", "fr"))) == 1


WIRES = {
    "fr": "Par Claire Martin\n\n"
    "Le Premier ministre a annoncé mardi une hausse de 3 % du budget de la défense. "
    "Cette décision répond aux demandes de l'OTAN, a-t-il expliqué devant les députés. "
    "Selon l'Insee, le déficit public a atteint 5,5 % du PIB en 2023. "
    "Le ministre des Finances a déclaré que les impôts ne seraient pas relevés.",
    "de": "Von Anna Schmidt\n\n"
    "Bundeskanzler Olaf Scholz hat am Dienstag ein neues Entlastungspaket angekündigt. "
    "Das Paket umfasst nach Angaben der Regierung rund 65 Milliarden Euro. "
    "Die Opposition kritisierte die Pläne, sagte CDU-Chef Friedrich Merz in Berlin. "
    "Laut Statistischem Bundesamt lag die Inflation im September bei 10 Prozent.",
    "es": "Por Lucía Fernández\n\n"
    "El presidente del Gobierno anunció el martes un plan de 3.000 millones de euros. "
    "La medida beneficiará a dos millones de familias, explicó la ministra de Hacienda. "
    "Según el Instituto Nacional de Estadística, la inflación bajó al 3 % en marzo. "
    "El líder de la oposición dijo que el plan llega tarde.",
    "it": "di Marco Rossi\n\n"
    "Il presidente del Consiglio ha annunciato un piano da 3 miliardi di euro. "
    "La misura riguarderà due milioni di famiglie, ha spiegato il ministro dell'Economia. "
    "Secondo l'Istat, l'inflazione è scesa al 3 per cento a marzo. "
    "Il leader dell'opposizione ha detto che il piano arriva tardi.",
    "pt": "Por Ana Sousa\n\n"
    "O primeiro-ministro anunciou na terça-feira um plano de 3 mil milhões de euros. "
    "A medida vai abranger dois milhões de famílias, explicou o ministro das Finanças. "
    "Segundo o Instituto Nacional de Estatística, a inflação desceu para 3 % em março. "
    "O líder da oposição disse que o plano chega tarde.",
    "ru": "Автор: Иван Петров\n\n"
    "Министр финансов заявил во вторник, что дефицит бюджета составит 2 процента ВВП. "
    "По словам министра, расходы на оборону вырастут на 30 процентов. "
    "Центральный банк сообщил, что инфляция в марте снизилась до 7 процентов. "
    "Решение поддержали 300 депутатов, сообщает пресс-служба Государственной думы.",
}


@pytest.mark.parametrize("language", sorted(WIRES))
def test_wire_story_in_its_language_is_well_attributed_and_bylined(language: str) -> None:
    doc = _doc(WIRES[language], language)
    labels = {f.label: f for f in AttributionDetector().detect(doc)}
    assert "missing_byline" not in labels
    assert "well_attributed" in labels, labels
    assert labels["well_attributed"].evidence["share"] >= 0.75


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_detectors_declare_the_languages_they_support(language: str) -> None:
    for cls in (FundraisingDetector, NeutralityClaimDetector, AttributionDetector):
        assert cls.languages is not None and language in cls.languages and "en" in cls.languages
