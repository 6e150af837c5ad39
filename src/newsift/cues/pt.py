"""Portuguese cues, European and Brazilian (see newsift.cues)."""
# ruff: noqa: E501  (regex alternatives read better unbroken)

_NS = "[ \u00a0\u202f]"
_NOT_ORGAN = r"(?! de (?:sangue|órgãos|medula|plasma))"

APPEALS = (
    r"apoie (?:o |a )?(?:nosso |nossa )?(?:jornalismo|trabalho|projeto|projecto|redação|redacção|jornal)",
    r"apoi[ae]-nos",
    r"doe (?:agora|já|hoje|aqui)",
    rf"(?:faça|faz) (?:uma|a sua|sua|a tua) (?:doação|contribuição){_NOT_ORGAN}",
    r"precisamos (?:d[ao] (?:sua|seu|tua|teu|vossa|vosso) (?:ajuda|apoio|contribuição|doação)|de (?:você|vocês|si))",
    r"precisamos (?:de )?(?:arrecadar|angariar|juntar|reunir)",
    r"ajud[ea]-nos a (?:continuar|manter|chegar|angariar|arrecadar|financiar|crescer|seguir)",
    r"sem (?:o seu|o teu|a sua|a tua) (?:apoio|ajuda|contribuição)",
    r"(?:cada (?:real|euro|contribuição|doação)|qualquer (?:valor|contribuição|doação)),?"
    r" (?:conta|importa|faz a diferença|ajuda)",
    rf"torne-se (?:assinante|apoiador|apoiante|membro|sócio|doador|mecenas){_NOT_ORGAN}",
    r"financiado (?:apenas |só |exclusivamente |inteiramente )?pel[oa]s (?:nossos |seus )?"
    r"(?:leitores|leitoras|assinantes|apoiadores|apoiantes)",
    r"(?:doe|contribua|apoie) (?:via|pelo|por) (?:pix|paypal)",
    r"contribua com qualquer valor",
)

BOILERPLATE = (
    rf"100{_NS}?% (?:independente|imparcial|objetiv[oa]|neutr[oa])",
    r"(?:totalmente|completamente|absolutamente|verdadeiramente|realmente|orgulhosamente|ferozmente)"
    r" (?:independentes?|imparcia(?:l|is)|objetiv[oa]s?|neutr[oa]s?)",
    r"jornalismo (?:verdadeiramente |realmente )?independente",
    r"livre e independente|independente e livre",
    rf"somos (?:um (?:jornal|veículo|meio|site|portal) )?(?:totalmente |completamente |100{_NS}?% )?"
    r"(?:independentes?|imparciais|neutros|apartidários)",
    r"(?:notícias|informação|jornalismo) (?:em que|na qual|nas quais|no qual) (?:você pode|pode|podes|se pode) (?:confiar|acreditar)",
    r"o que (?:a (?:grande )?(?:mídia|imprensa)(?: \w+)?|os media|o governo|eles|o sistema|as elites)"
    r" não (?:quer|querem) que (?:você saiba|saibas|você veja|vejas)",
    r"(?:as notícias|a verdade|a informação) que (?:a (?:grande )?(?:mídia|imprensa)(?: \w+)?|os media|eles|o sistema|o governo)"
    r" não (?:quer|querem|mostra|mostram|conta|contam)",
    r"sem rabo preso|sem patrões",
)

ANONYMOUS = (
    r"(?:segundo|de acordo com) (?:uma fonte|(?:várias |diversas |algumas |nossas )?fontes)"
    r"(?: (?:próximas?|ligadas?) (?:a|ao|à|aos|às|de|do|da))?",
    r"fontes? (?:próximas?|ligadas?) (?:a|ao|à|aos|às|de|do|da)",
    r"fontes (?:anónimas|anônimas|bem informadas|consultadas|do governo|governamentais|ouvidas)",
    r"(?:pediu|pediram|preferiu|preferiram|solicitou) (?:para )?(?:não (?:ser identificad[oa]s?|se identificar)|anonimato)",
    r"(?:sob|em) condição de anonimato",
    r"(?:diz-se|fala-se|comenta-se|especula-se) que",
    r"(?:todo (?:o )?mundo|toda a gente) sabe|todos sabem",
    r"(?:muita gente|muitas pessoas|muitos especialistas) (?:diz|dizem|acha|acham|acredita|acreditam) que",
    r"rumores (?:dão conta|indicam|circulam)",
)

# "segundo" is also "second": "o segundo turno", "em segundo lugar", "um segundo".
_SEGUNDO = (
    r"(?<!o )(?<!a )(?<!um )(?<!em )(?<!por )segundo"
    r"(?! (?:lugar|turno|semestre|trimestre|dia|ano|mandato|tempo|plano|grau|andar|mês|vez)\b)"
)
REPORTING = (
    r"disse|disseram|afirmou|afirmaram|declarou|declararam|explicou|explicaram|anunciou|confirmou",
    r"informou|acrescentou|adiantou|sublinhou|salientou|destacou|ressaltou|garantiu|assegurou",
    r"admitiu|negou|reconheceu|alertou|advertiu|escreveu|contou|relatou|pediu|apelou|exortou",
    r"(?:tem|têm|tinha|havia) (?:\w+ )?(?:dito|afirmado|declarado|explicado)",
    r"diz|dizem|afirma|afirmam|explica|garante|sublinha",
    _SEGUNDO,
    r"de acordo com|conforme",
    r"em (?:uma |um )?(?:entrevista|comunicado|nota|declarações)",
    r"porta-voz|um relatório|um estudo (?:da|do|de|publicado)|publicad[oa] (?:pelo|pela|por|no|na)",
    r"se (?:define|apresenta|descreve) como",
    r"não respondeu|não quis comentar|não (?:se )?pronunciou",
    r"dados (?:do|da|de)",
)

_CAP = "[A-ZÁÂÃÀÉÊÍÓÔÕÚÇ]"
BYLINE_LINE = rf"^\s*(?:Por|POR|Escrito por)\s+{_CAP}[\w.'’-]+(?:\s+{_CAP}[\w.'’-]+)+"
CREDIT_BYLINE = rf"(?i:(?:escrito|redigido) por|reportagem de|texto de)\s+{_CAP}[\w'’-]+\s+{_CAP}"
CREDIT_LINE = (
    r"^\s*(?i:foto|imagem|vídeo|video|fonte|créditos?|leia (?:também|mais)|veja também"
    r"|compartilh\w*|partilh\w*|siga)\b"
)
