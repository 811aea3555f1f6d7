"""What a question is about before ranking: named municipalities, comparison, glossary, scope."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz.distance import DamerauLevenshtein

from bot import ORGS

# The fact checks live in facts.py; re-exported because callers know them as intent helpers.
from bot.knowledge.facts import is_gap, lacks_asked_fact, leads_with_gap, sentences  # noqa: F401
from bot.knowledge.text import colloquial, fold, tokens

# Words that follow a municipality's name and belong to it ("Stockholms stad", "Avesta kommun").
_ORG_TAIL = frozenset("kommun kommuns kommunen stad stads staden municipality city s".split())
# Prepositions that only tie a municipality to the question ("i Danderyd", "in Avesta").
_ORG_HEAD = frozenset("i hos in at for from fran".split())
_COMPARE = frozenset("""jamfor jamfora jamforelse jamforelsen skillnad skillnaden skillnader
skillnaderna skiljer skiljs compare comparison difference differences differ versus vs""".split())
_ALL_ORGS = re.compile(
    r"\b(alla kommuner(na)?|samtliga kommuner(na)?|varje kommun|kommunerna|vilka kommuner"
    r"|vilken kommun|vilka (av )?riktlinjer(na)?|alla riktlinjer(na)?|de fem riktlinjerna"
    r"|all (the )?municipalities|each municipality|every municipality|the municipalities"
    r"|which municipalit(y|ies)|which guidelines|which of the guidelines|all (the )?guidelines"
    r"|any municipality|respektive (kommun|riktlinje)|olika kommuner(na)?"
    r"|each guideline|every guideline"
    r"|(vilka|alla) (dokument|texter)(en|na)? (namner|tar upp|sager|skriver|hanvisar)"
    r"|which (documents?|texts?) (mentions?|says?|refers?|covers?|names?))\b")
# Words that only say "all of them" in such a question; the rest is searched per municipality.
# "Vilka kommuner skriver om X", "har regler om X", "i sina regler": the verb and the rules are
# frame too (the guideline is the rules); no entry is about writing or rules as such, so they
# only pull up entries whose text happens to say "skriver" or "reglerar" (many do). So is
# "labour-market (work)" in English: every guideline is about it, and each one's English text
# says it in its overview entries (fresh sets: 2 wrong lines and 6 lines for municipalities
# stating nothing fewer). The Swedish compounds stay: "arbetsmarknadsverksamheten" is one word
# whose parts find the entry asked about.
_ALL_ORGS_WORDS = frozenset("""alla samtliga varje vilka vilken kommuner kommunerna kommun
riktlinjer riktlinjerna fem municipalities municipality each every all which any
guidelines av of respektive olika nämner nämns mention mentions include includes säger
tar står någon något sina sin their documents document dokument dokumenten
skriver skrivs regler regel reglerna labour labor market
""".split())
_ALL_ORGS_FOLDED = frozenset(fold(w) for w in _ALL_ORGS_WORDS)
# "Vilka kommuner hänvisar till socialtjänstlagen", "which refer to the Social Services Act":
# the guideline citing a text is frame, as "nämner" is; searched, the verb pulls up entries on
# referring a person elsewhere ("ska personen hänvisas till"). With an object between ("hänvisar
# deltagare till Arbetsförmedlingen") it is that referral, and stays.
_CITES = frozenset("hanvisar hanvisas refer refers referring cite cites".split())
# "Hur kommer en person in till AME", "how does a person get into the unit": coming into the
# service is being referred to it, which the guidelines call "aktualisera" ("Att aktualiseras
# hos arbetsmarknadsenheten", "who can refer"); the verb and "in" are stop words, so without
# this the question searches only its object ("arbetsmarknadsstödet") and finds the target group
# or the activities. Coming into work, the labour market or studies is the service's goal, not
# the way in, and stays as it is; so does who comes in ("vilka kan komma in", "vem som kommer
# in": the target group, the selection): the way in is asked with "hur"/"how".
_COME = {"kommer": "aktualiseras", "komma": "aktualiseras", "kom": "aktualiseras",
         "kommit": "aktualiseras", "get": "refer", "gets": "refer", "getting": "refer",
         "got": "refer"}
_HOW = frozenset({"hur", "how"})
_WHO = frozenset({"vem", "vilka", "vilken", "vilket", "who", "which", "whom"})
_IN = frozenset({"in", "into", "onto"})
_IN_TIES = frozenset({"till", "i", "pa", "hos", "to"})
_GOALS = frozenset("""arbetsmarknaden arbetslivet arbete arbetet jobb jobbet sysselsattning
studier utbildning sverige samhallet anstallning jobs job work employment studies education
society sweden""".split())
_ARTICLES = frozenset({"the", "a", "an", "en", "ett"})


def _entering(folded: list[str]) -> str | None:
    """The referral word when a question asks how a person comes into the service, else None."""
    for i, w in enumerate(folded):
        before = folded[max(0, i - 4):i]
        how = max((k for k, b in enumerate(before) if b in _HOW), default=None)
        if w not in _COME or how is None or any(b in _WHO for b in before[how:]):
            continue
        j = next((k for k in range(i + 1, min(i + 4, len(folded))) if folded[k] in _IN), None)
        if j is None:
            continue
        rest = folded[j + 1:]
        if rest and rest[0] in _IN_TIES:
            rest = rest[1:]
        elif rest and folded[j] == "in":
            continue  # "kommer in via STAR", "get in touch": no way into the service
        rest = [r for r in rest if r not in _ARTICLES]
        goal = bool(rest) and (rest[0] in _GOALS or (rest[0] in ("labour", "labor") and (
            len(rest) < 3 or rest[2] not in ("unit", "support", "service", "programme"))))
        if not goal:
            return _COME[w]
    return None


# Topics no guideline covers; a question with one of these is out of scope whatever else it has.
_OFF_TOPIC = frozenset("""vader vadret vaderprognos regn regnar snoar skamt skamtet vits vitsar
rolig roligt recept middag fotboll hockey melodifestivalen horoskop bitcoin aktier aktiekurs
lotto weather forecast rain joke jokes funny recipe football soccer""".split())
_FIRST_NAMES = frozenset("""
anna maria sara sofia emma elin ida johanna karin linnea malin lena kristina elisabeth ingrid
marie helena camilla jessica frida hanna julia amanda lisa ebba klara maja alva agnes ella
fatima amina aisha leyla zainab hodan fadumo nasra yasmin mariam
erik lars karl anders johan mikael andreas peter jan thomas daniel fredrik stefan magnus
mattias jonas niklas oskar lucas william hugo elias liam noah olle gustav viktor emil isak
mohammed mohamed muhammad ahmed ali hassan hussein omar abdi yusuf ibrahim mustafa khalid
abdullahi mahmoud ahmad samir
""".split())
# Definition questions; the named group is the term asked about.
_GLOSSARY_STRONG = [
    re.compile(r"^(?:vad |va )?(?:betyder|innebar) (?:forkortningen |ordet |begreppet |termen )?"
               r"(?P<t>.+)$"),
    re.compile(r"^(?:vad |va )?star (?:forkortningen )?(?P<t>.+?) for(?: nagot)?$"),
    re.compile(r"^vad menas med (?:forkortningen |ordet |begreppet |termen )?(?P<t>.+)$"),
    re.compile(r"^(?P<t>.+?) (?:betyder|star for) vad$"),
    re.compile(r"^(?:forklara|definiera) (?:forkortningen |ordet |begreppet |termen )?(?P<t>.+)$"),
    re.compile(r"^vad ar (?:forkortningen|ordet|begreppet|termen) (?P<t>.+)$"),
    re.compile(r"^what does (?:the abbreviation |the term )?(?P<t>.+?) (?:mean|stand for)$"),
    re.compile(r"^(?:what is the )?meaning of (?P<t>.+)$"),
    re.compile(r"^(?:define|explain) (?:the abbreviation |the term )?(?P<t>.+)$"),
]
_GLOSSARY_WEAK = [
    re.compile(r"^vad ar (?:en |ett )?(?P<t>.+?)(?: for nagot| for nat)?$"),
    re.compile(r"^what is (?:an? |the )?(?P<t>.+)$"),
    re.compile(r"^(?P<t>[a-z]{2,6})$"),  # a bare abbreviation
]


@dataclass(frozen=True)
class Intent:
    """The parts of a question that decide where and how it is answered."""

    words: list[str]  # the question's tokens with municipality names (and their ties) removed
    named: list[str]  # municipalities named in the question, in order of appearance
    compare: bool  # the question asks for a comparison between municipalities
    all_orgs: bool  # ... between all of them
    off_topic: bool  # weather, jokes and the like


# Everyday short forms of a municipality's name ("sthlm").
_ORG_SHORT = {"sthlm": "stockholm", "sthlms": "stockholm"}


def _org_of(word: str) -> str | None:
    f = fold(word)
    if f in _ORG_SHORT:
        return _ORG_SHORT[f]
    for org in ORGS:
        if f in (org, org + "s"):
            return org
    if len(f) >= 6:
        for org in ORGS:
            if DamerauLevenshtein.distance(f, org, score_cutoff=1) <= 1:
                return org
    return None


def _org_compound(word: str) -> str | None:
    """The municipality a compound opens with ("avestamodellen"), if any."""
    f = fold(word)
    for org in ORGS:
        if f.startswith(org) and len(f) - len(org) >= 4:
            return org
    return None


def analyse(question: str) -> Intent:
    """Find named municipalities, comparison cues and off-topic words in a question."""
    return analyse_words(colloquial(tokens(question)))


def analyse_words(words: list[str]) -> Intent:
    """analyse() for a question's tokens already read (chat shorthand replaced)."""
    named: list[str] = []
    kept: list[str] = []
    skip_tail = False
    for w in words:
        org = _org_of(w)
        inside = None if org else _org_compound(w)
        if inside:
            # "avestamodellen": the name is part of a word that still carries the question's
            # topic, so the word stays.
            if inside not in named:
                named.append(inside)
        if org:
            if org not in named:
                named.append(org)
            if kept and fold(kept[-1]) in _ORG_HEAD:
                kept.pop()
            skip_tail = True
            continue
        if skip_tail and fold(w) in _ORG_TAIL:
            skip_tail = False
            continue
        skip_tail = False
        kept.append(w)
    folded = " ".join(fold(w) for w in words)
    all_orgs = bool(_ALL_ORGS.search(folded))
    cue = any(fold(w) in _COMPARE for w in words)
    # "skillnaden mellan FAT och praktik" compares two things in one guideline, not municipalities.
    compare = len(named) >= 2 or all_orgs or (cue and bool(named))
    if all_orgs:
        kept = [w for i, w in enumerate(kept) if fold(w) not in _ALL_ORGS_FOLDED and not (
            fold(w) in _CITES and i + 1 < len(kept) and fold(kept[i + 1]) in ("till", "to"))]
    if compare:
        kept = [w for w in kept if fold(w) not in _COMPARE and fold(w) not in ("mellan", "between")]
    off_topic = any(fold(w) in _OFF_TOPIC for w in words)
    referral = _entering([fold(w) for w in words])
    if referral and referral not in kept:
        kept.append(referral)
    return Intent(kept, named, compare, all_orgs, off_topic)


class _Compared(Protocol):
    """What compared_orgs reads: an Intent, or a reading.Question (which has the same parts)."""

    @property
    def all_orgs(self) -> bool: ...

    @property
    def named(self) -> list[str]: ...


def compared_orgs(intent: _Compared, own: str, available: list[str]) -> list[str]:
    """The municipalities a comparison question covers, the user's own first when included."""
    if intent.all_orgs or not intent.named:
        return list(available)
    orgs = intent.named if len(intent.named) >= 2 else [own, *intent.named]
    return [o for o in dict.fromkeys(orgs) if o in available]


def glossary_term(words: list[str]) -> tuple[str, bool] | None:
    """The term a definition question asks about, and whether the wording was unambiguous.

    "vad betyder OSA", "vad står LSG för", "what does FAT stand for" are strong; "vad är LSG" is
    weak (an entry may answer it better).
    """
    text = " ".join(fold(w) for w in words)
    for strong, patterns in ((True, _GLOSSARY_STRONG), (False, _GLOSSARY_WEAK)):
        for pattern in patterns:
            m = pattern.match(text)
            if m:
                return m.group("t").strip(), strong
    return None


def probable_person(question: str, exact: Callable[[str], bool],
                    loose: Callable[[str], bool]) -> bool:
    """Whether a question names a person (a client), which the guidelines cannot answer about.

    A common first name that is no word of the packs (`exact`) counts, and so does a capitalised
    word inside a sentence that no pack word explains, even misspelt (`loose`). "min klient"
    alone does not: pack phrasings such as "passar min klient för portalen" ask about the rule.
    """
    for m in re.finditer(r"[^\W\d_]+", question):
        word = m.group(0)
        low = word.lower()
        if fold(low) in _FIRST_NAMES and not exact(low):
            return True
        # "FTEs", "LSGs": an abbreviation with a plural ending is no name.
        upper = sum(c.isupper() for c in word)
        if not word[0].isupper() or upper > 1 or len(word) < 3 or _org_of(word):
            continue
        before = question[: m.start()].rstrip()
        if not before or before[-1] in ".!?:;\"'(" or loose(low):
            continue
        return True
    return False


# A question about what to do with one's own client ("vad ska jag göra med min klient som inte
# kommer") asks for case advice, which no guideline gives. Both cues are needed: "passar min
# klient för portalen" (a possessive alone) asks about the rule, and so does "ska jag remittera".
_OWN_CLIENT = re.compile(r"\b(?:min|mitt|my)\s+(?:\w+\s+)?(?:klient|deltagare|brukare|kund"
                         r"|arende|client|participant|case)\b")
_CASE_ADVICE = re.compile(r"\b(?:vad ska jag gora|vad gor jag|hur ska jag gora|hur gor jag med"
                          r"|inte kommer|kommer inte|uteblir|dyker inte upp|svarar inte"
                          r"|what should i do|what do i do|does not show|doesn t show"
                          r"|not showing up)\b")


def about_own_case(question: str) -> bool:
    """Whether a question asks for advice on one's own client's case rather than a rule."""
    return own_case(" ".join(fold(w) for w in colloquial(tokens(question))))


# "klienten jag träffade i går": a person the asker has met is one client's case, whatever is
# asked about it.
_MET_CLIENT = re.compile(r"\b(?:klienten|deltagaren|personen|kvinnan|mannen|killen|tjejen|brukaren"
                         r"|the client|the participant) (?:som )?(?:jag|i) (?:traffade|traffat"
                         r"|pratade|pratat|motte|mott|met|spoke|talked)\b")


def own_case(folded: str) -> bool:
    """about_own_case for a question already read (folded tokens)."""
    return bool(_MET_CLIENT.search(folded)) or bool(
        _OWN_CLIENT.search(folded) and _CASE_ADVICE.search(folded))
