"""Word lists for reading scraped text: function words and the vocabulary of page chrome."""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set: word lists read best as prose."""
    return frozenset(text.split())


# Short, very common words of running prose, by language. Their share of a line's words tells
# a sentence from a menu entry or a headline; their counts over the body tell its language.
# Written for this project, deliberately small.
FUNCTION_WORDS_BY_LANGUAGE = {
    "en": word_set(
        """a an the and or but if of to in on at by for from with about as into than then that
        this these those is are was were be been being has have had do does did will would can
        could should may might must not no it its he she they we you i his her their our your
        them him us me who which what when where while there here so also just more most some
        any all"""
    ),
    "fr": word_set(
        "de la le les des du un une et ou en dans pour par sur avec est sont pas qui que ce"
        " cette au aux"
    ),
    "es": word_set("el los las del y o en por para con es son una uno que se lo al como pero más"),
    "pt": word_set(
        "o os as do da dos das um uma e em no na nos nas para com é são não que se ao pelo pela"
    ),
    "it": word_set("il lo gli i di da del della che è sono non per con una un nel nella"),
    "de": word_set(
        "der die das den dem des ein eine und oder in im auf mit von zu ist sind nicht dass sich"
    ),
    "id": word_set("yang dan di ke dari ini itu untuk dengan tidak ada akan pada juga"),
}
FUNCTION_WORDS = frozenset().union(*FUNCTION_WORDS_BY_LANGUAGE.values())


# Phrases that mark a line as page chrome wherever it appears, in lower-cased text; keep them
# specific enough that prose rarely contains them.
_CHROME_PHRASES = [
    r"all rights reserved",
    r"©",
    r"copyright \d{4}",
    r"\(c\) \d{4}",
    r"sign up for",
    r"sign up to",
    r"subscribe to our",
    r"subscribe now",
    r"newsletter",
    r"privacy policy",
    r"\bcookies? (?:policy|settings|preferences|consent|notice)",
    r"\b(?:uses|use|accept|necessary|functional|analytics|third[- ]party) cookies\b",
    r"\bpersonal data\b",
    r"\bopt[- ]out\b",
    r"\b\d+\s*(?:[mhd]|mins?|minutes?|hours?|hrs?|days?)\s+ago$",
    r"cookie policy",
    r"terms of (?:use|service)",
    r"terms and conditions",
    r"we never share your email",
    r"\byour (?:e-?mail address|subscription|inbox)\b",
    r"\bactivation link\b",
    r"do not sell",
    r"read and post comments",
    r"community guidelines",
    r"skip to (?:main )?content",
    r"advertisement",
    r"^(?:image|photo|picture|video) (?:copyright|caption|credit)",
    r"\((?:image|photo|picture|credit|foto)s?: ",
    r"^(?:photo|image|picture|credit|foto)s?: ",
    r"\b(?:getty images|shutterstock|istock(?:photo)?)\b",
    r"\((?:ap|afp|reuters|getty|epa|dpa|ansa|image|photo|foto|credit)\b[^)]*\)$",
    r"^\d+ (?:of|/) \d+(?: |$)",
    r"interest-based advertising",
    r"follow us on",
    r"^share this\b",
    r"^share (?:on|via|with)\b",
    r"click here",
    r"read more",
    r"^related:",
    r"^(?:see|read) more:",
    r"^also read:",
    r"\b(?:read|see) also\b",
    r"\bleggi anche\b",
    r"\b(?:leia|veja) também\b",
    r"\blea también\b",
    r"\blire aussi\b",
    r"\b(?:requires|enable) javascript\b",
    r"you may also like",
    r"recommended for you",
    r"most popular",
    r"most read",
    r"trending now",
    r"download the .{1,30} app",
    r"leave a (?:comment|reply)",
    r"originally published",
    r"this article (?:was|is) (?:originally|first)",
    r"tous droits réservés",
    r"todos os direitos reservados",
    r"todos los derechos reservados",
    r"tutti i diritti riservati",
    r"alle rechte vorbehalten",
    r"hak cipta",
    r"무단 ?전재",
    r"無断転載",
]
# The patterns are matched against lower-cased text: much faster than re.IGNORECASE.
CHROME_PATTERN = re.compile("|".join(_CHROME_PHRASES))

# A whole line that is one of these words is a button, a label or a menu entry.
CHROME_LINES = word_set(
    """
    top home menu search share tweet email print comments comment reply advertisement
    subscribe login logout register close next previous more back related tags topics
    facebook twitter linkedin pinterest whatsapp reddit instagram youtube rss
    tag etiquetas schlagwörter étiquettes теги метки
    """
)

# Lines that open or structure a comment section: the article has ended where they start.
_COMMENT_MARKERS = [
    r"^\d+\s+(?:comments?|responses?|replies|reactions?)\b",
    r"\b\d+ comments?$",
    r"\b(?:comments?|responses?) (?:are )?closed\b",
    r"^(?:leave|post|add|write|submit) a (?:comment|reply|response)\b",
    r"^(?:top rated |top |show |view |load |read |see |all )?comments?\b",
    r"^join the (?:discussion|conversation)\b",
    r"^.{1,60}\b(?:says|said|wrote)\s*:$",
    r"^(?:reply|rating: .*)$",
    r"^\d+ (?:votes?|likes?)$",
    r"^(?:\d+ )?(?:comentários?|comentarios?|commentaires?|commenti|kommentare?|komentar)\b",
    r"^(?:deixe|deja|laissez|lascia) (?:um |un |una )?"
    r"(?:comentário|comentario|commentaire|commento)",
    r"^(?:nessun|sin|sem|aucun) (?:commento|comentarios?|comentários?|commentaire)",
]
COMMENT_PATTERN = re.compile("|".join(_COMMENT_MARKERS))

# Short lines that head a list of other articles: the article has ended where they start.
# What such headings name: "Related stories", "Trending now", "Popular in Sport".
_LISTED = (
    r"(?: (?:stories|articles|posts|news|content|reading|videos?|links|coverage|for you|now"
    r"|today|this week|on \S+|in [\w&' ]+))?"
)
_RELATED_HEADINGS = [
    rf"related{_LISTED}",
    rf"recommended{_LISTED}",
    rf"trending{_LISTED}",
    rf"(?:most )?popular{_LISTED}",
    r"most (?:read|viewed|shared|commented)",
    r"you (?:may|might) (?:also )?(?:like|enjoy)(?: these)?(?: \w+)?",
    r"(?:read|watch|up) next",
    r"next up(?: in [\w&' ]+)?",
    r"[-–]?\s*(?:next|previous) (?:\w+ )?(?:news|story|article|post)s?(?:\s*[-–])?",
    r"more (?:stories|from|in|on|articles|news|like this)\b.*",
    r"more \w+(?: \w+)?",
    r"top (?:stories|news|videos?)",
    r"latest (?:news|stories|headlines|articles|posts)",
    r"other (?:stories|articles|news)",
    r"(?:see|read) also",
    r"also read",
    r"don.t miss",
    r"editor.s picks",
    r"(?:leia|veja) (?:também|mais)",
    r"(?:você|voce) (?:também )?pode gostar",
    r"(?:lea|vea) también",
    r"te puede interesar",
    r"(?:articoli|notizie) correlat[ie]",
    r"(?:artigos|posts|matérias|notícias|artículos|noticias) relacionad[oa]s",
    r"(?:ti )?potrebbe (?:anche )?interessarti",
    r"(?:à )?lire aussi",
    r"sur le même sujet",
    r"das könnte sie (?:auch )?interessieren",
    r"mehr zum thema",
    r"weitere artikel",
    r"baca juga",
    r"artikel terkait",
    r"관련 ?기사",
    r"関連記事",
    r"читайте также",
    r"(?:материалы|статьи|новости) по теме",
    r"похожие (?:статьи|новости|материалы|записи)",
]
RELATED_PATTERN = re.compile(r"^(?:" + "|".join(_RELATED_HEADINGS) + r")\s*[:.…»>]*$")
MAX_RELATED_HEADING_WORDS = 6

# Share buttons: a short line naming two of these is a share bar.
SHARE_NAMES = word_set(
    """facebook twitter whatsapp pinterest pint linkedin reddit telegram tumblr instagram
    youtube email e-mail messenger flipboard pocket vk vkontakte odnoklassniki line weibo
    wechat mix print copy link sms"""
)
