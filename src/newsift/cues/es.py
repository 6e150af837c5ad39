"""Spanish cues (see newsift.cues)."""
# ruff: noqa: E501  (regex alternatives read better unbroken)

_NS = "[ \u00a0\u202f]"
_NOT_ORGAN = r"(?! de (?:sangre|órganos|médula|plasma|óvulos))"

APPEALS = (
    r"dona (?:ahora|hoy|aquí|ya)",
    rf"(?:haz|haga) (?:una|tu|su) (?:donación|aportación){_NOT_ORGAN}",
    r"apóy(?:anos|enos)",
    r"apoy[ae] (?:nuestro|nuestra|el|este|al) (?:periodismo|trabajo|labor|medio|proyecto)",
    rf"hazte (?:socio|socia|suscriptor|suscriptora|mecenas|miembro|donante){_NOT_ORGAN}",
    r"necesitamos (?:tu|vuestra|vuestro) (?:ayuda|apoyo|colaboración|donación|contribución|aportación)",
    r"necesitamos (?:recaudar|reunir|conseguir) (?:\d|[\w ]+ euros)",
    r"ayúd(?:anos|enos) a (?:seguir|recaudar|mantener|financiar|llegar|continuar)",
    r"sin (?:tu|vuestro|vuestra) (?:apoyo|ayuda|donación|aportación|contribución)",
    r"cada (?:euro|peso|dólar|aportación|donación),? (?:cuenta|importa|suma|ayuda)",
    r"cualquier (?:aportación|donación|contribución),? (?:por pequeña que sea|cuenta|ayuda|suma)",
    r"(?:financiado|sostenido) (?:solo |únicamente |exclusivamente )?por (?:nuestros|sus) (?:lectores|socios|suscriptores)",
    r"invítanos a un café",
    r"colabora con (?:nosotros|nuestro periodismo)",
)

BOILERPLATE = (
    rf"100{_NS}?% (?:independiente|imparcial|objetiv[oa]|neutral)s?",
    r"(?:totalmente|completamente|absolutamente|verdaderamente|realmente|orgullosamente|ferozmente)"
    r" (?:independiente|imparcial|objetiv[oa]|neutral)(?:es|s)?",
    r"periodismo (?:libre e |verdaderamente |realmente )?independiente",
    r"libre e independiente|independiente y libre",
    rf"somos (?:un (?:medio|periódico|diario) )?(?:totalmente |completamente |100{_NS}?% )?"
    r"(?:independientes?|imparciales?|neutrales?)",
    r"(?:noticias|información|periodismo) (?:en (?:l[ao]s? )?que|de (?:l[ao]s? )?que) (?:puedes|puede|se puede) (?:confiar|fiarse)",
    r"lo que (?:los (?:grandes )?medios(?: \w+)?|el gobierno|ellos|el sistema|las élites) no (?:quieren|quiere) que (?:sepas|veas|leas)",
    r"(?:la información|las noticias|la verdad) que (?:los (?:grandes )?medios(?: \w+)?|ellos|el gobierno|el sistema)"
    r" no (?:quieren|quiere) que (?:sepas|veas|leas|conozcas)",
    r"(?:no|nunca) (?:dependemos|respondemos|nos debemos) (?:a|de|ante) (?:ningún|nadie|ninguna)",
    r"sin ataduras (?:políticas|económicas|de ningún tipo)",
)

ANONYMOUS = (
    r"según (?:(?:diversas|varias|distintas|algunas|nuestras|unas) )?fuentes"
    r"(?: (?:cercanas|próximas) (?:a|al))?",
    r"según una fuente",
    r"fuentes? (?:cercanas?|próximas?) (?:a|al)",
    r"fuentes (?:consultadas|anónimas|bien informadas|solventes|fidedignas|conocedoras|del entorno de)",
    r"(?:pidió|pidieron|prefirió|prefirieron|solicitó|solicitaron) (?:el |mantener el )?anonimato",
    r"(?:bajo|en) condición de anonimato",
    r"(?:se dice|se rumorea|se comenta|se cree) que",
    r"todo el mundo sabe|todos sabemos",
    r"(?:mucha gente|muchas personas|muchos expertos) (?:dicen?|creen?|afirman?|aseguran?) que",
)

REPORTING = (
    r"dijo|dijeron|afirmó|afirmaron|aseguró|aseguraron|declaró|declararon|explicó|explicaron",
    r"señaló|señalaron|indicó|indicaron|anunció|anunciaron|confirmó|confirmaron|informó|informaron",
    r"añadió|agregó|advirtió|sostuvo|precisó|apuntó|subrayó|destacó|reconoció|negó|insistió|admitió",
    r"escribió|pidió|pidieron|instó|instaron|llamó a|hizo un llamamiento",
    r"(?:ha|han|había|habían) (?:\w+ )?(?:dicho|afirmado|asegurado|declarado|explicado|señalado"
    r"|indicado|anunciado|confirmado|informado|añadido|advertido|reconocido|negado|pedido)",
    r"dice|dicen|afirma|asegura|explica|señala|indica|sostiene|advierte",
    r"según|de acuerdo con",
    r"en (?:un|una) (?:comunicado|entrevista|declaración|nota)|en declaraciones",
    r"portavoz|un informe (?:de|del)|un estudio (?:de|del|publicado)|publicado (?:por|en)",
    r"se (?:define|describe|presenta) como",
    r"no respondió|(?:declinó|no quiso) (?:hacer )?comentarios",
    r"datos (?:de|del)|cifras (?:de|del)",
)

_CAP = "[A-ZÁÉÍÓÚÑÜ]"
BYLINE_LINE = rf"^\s*(?:Por|POR|Escrito por)\s+{_CAP}[\w.'’-]+(?:\s+{_CAP}[\w.'’-]+)+"
CREDIT_BYLINE = rf"(?i:(?:escrito|redactado) por|con información de)\s+{_CAP}[\w'’-]+\s+{_CAP}"
CREDIT_LINE = (
    r"^\s*(?i:foto|imagen|vídeo|video|fuente|créditos?|lee también|lea también|más información"
    r"|compartir|síguenos)\b"
)
