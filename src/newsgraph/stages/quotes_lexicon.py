"""Word lists the quote stage reasons with: verbs of saying, pronouns, role nouns, outlets.

The lists are ours, kept short and general: they name kinds of words, never particular
articles. A lemma here is spaCy's lemma (lower case for common words).
"""

from __future__ import annotations


def _words(block: str) -> list[str]:
    """The words of a block of text, one list entry each."""
    return block.split()


# Verbs of saying: the cue of a quotation or of reported speech. `newsgraph eval quotes` also
# uses this list to pick out the attributions "whose cue is a verb of saying".
SPEECH_VERBS = frozenset(
    _words(
        """
    say tell add note write state claim argue explain announce report declare insist warn ask
    answer reply respond suggest acknowledge admit deny assert contend comment remark observe
    mention recall repeat reiterate predict promise pledge vow urge call caution complain
    concede confirm emphasize emphasise stress testify tweet post shout chant yell scream
    whisper joke quip boast brag describe counter retort charge allege accuse inform advise
    conclude disclose reveal exclaim demand threaten plead assure swear affirm recount clarify
    criticize criticise blast slam praise lament proclaim muse scoff concur agree dispute
    rebut reject dismiss decry denounce condemn question wonder inquire order recommend
    propose estimate preach implore beg tout elaborate interject continue
        """
    )
)

# Verbs of saying that name the addressee as their object ("urged the government to ...").
ADDRESSEE_VERBS = frozenset(
    _words(
        """
    tell ask urge warn advise inform assure order implore beg remind instruct
        """
    )
)

# Verbs of saying whose "to ..." infinitive is what was said ("vowed to win").
INFINITIVE_VERBS = frozenset(
    _words(
        """
    promise pledge vow urge ask tell warn call threaten demand advise order implore beg agree
    propose recommend plead swear decline refuse offer
        """
    )
)

# Verbs whose direct object is itself what was said ("denied the report", "announced a ban").
OBJECT_VERBS = frozenset(
    _words(
        """
    announce deny acknowledge admit reveal disclose predict propose recommend demand reject
    dismiss dispute condemn criticize criticise praise blast slam decry denounce promise
    pledge vow reiterate claim mention cite note recall tout describe accuse
        """
    )
)

# Verbs that introduce a quotation only when quotation marks follow them ("he continued: ...").
QUOTE_ONLY_VERBS = frozenset({"continue", "add", "conclude", "write", "post", "tweet", "chant"})

PERSONAL_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
}
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# "It is said that ...", "there is concern that ...": empty subjects, not speakers.
EMPTY_SUBJECTS = frozenset({"it", "there", "this", "that", "what"})

HONORIFIC_GENDER = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
    "lady": "f",
    "lord": "m",
}

# Role nouns that stand for a person named earlier ("the president said").
ROLE_NOUNS = frozenset(
    _words(
        """
    president minister ambassador secretary senator governor mayor chancellor premier leader
    spokesman spokeswoman spokesperson official officer chief director chairman chairwoman
    chair candidate nominee congressman congresswoman representative lawmaker judge prosecutor
    attorney lawyer general commander king queen prince princess pope bishop ceo founder
    executive manager coach player analyst expert professor economist adviser advisor aide
    diplomat envoy negotiator head speaker rep. sen. gov. democrat republican mogul
    billionaire businessman businesswoman activist author writer reporter host anchor veteran
    owner
        """
    )
)

# Nouns that refer back to a news organisation ("told the outlet").
OUTLET_NOUNS = frozenset(
    _words(
        """
    outlet newspaper paper daily tabloid magazine network broadcaster channel station agency
    website site publication newsroom program programme show
        """
    )
)

# Words that end the names of news organisations ("The ... Times", "... News").
OUTLET_NAME_WORDS = frozenset(
    _words(
        """
    times post news today journal herald tribune gazette guardian telegraph observer chronicle
    magazine press wire network radio tv television broadcasting daily weekly mail star sun
    express bulletin dispatch courier inquirer register examiner monitor insider reporter
    standard politico axios breitbart newsweek economist atlantic beast hill intercept
        """
    )
)

# Wire services and other names that are outlets by themselves, with their canonical names.
WIRE_SERVICES = {
    "ap": "The Associated Press",
    "associated press": "The Associated Press",
    "the associated press": "The Associated Press",
    "reuters": "Reuters",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "bloomberg": "Bloomberg",
    "upi": "United Press International",
    "united press international": "United Press International",
    "dpa": "Deutsche Presse-Agentur",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo News",
    "yonhap": "Yonhap",
}
BROADCASTERS = frozenset(
    _words(
        """
    cnn bbc nbc abc cbs fox msnbc npr pbs cnbc c-span rt sky al jazeera politico axios
        """
    )
)
