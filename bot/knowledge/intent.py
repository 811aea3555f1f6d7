"""What a question is about before ranking: named municipalities, comparison, glossary, scope."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

from bot import ORGS
from bot.knowledge.text import fold, is_stopword, tokens

# Words that follow a municipality's name and belong to it ("Stockholms stad", "Avesta kommun").
_ORG_TAIL = frozenset("kommun kommuns kommunen stad stads staden municipality city".split())
# Prepositions that only tie a municipality to the question ("i Danderyd", "in Avesta").
_ORG_HEAD = frozenset("i hos in at for from fran".split())
_COMPARE = frozenset("""jamfor jamfora jamforelse jamforelsen skillnad skillnaden skillnader
skillnaderna skiljer skiljs compare comparison difference differences differ versus vs""".split())
_ALL_ORGS = re.compile(
    r"\b(alla kommuner(na)?|samtliga kommuner(na)?|varje kommun|kommunerna|"
    r"all (the )?municipalities|each municipality|every municipality|the municipalities)\b")
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


def _org_of(word: str) -> str | None:
    f = fold(word)
    for org in ORGS:
        if f in (org, org + "s"):
            return org
    if len(f) >= 6:
        for org in ORGS:
            if DamerauLevenshtein.distance(f, org, score_cutoff=1) <= 1:
                return org
    return None


def analyse(question: str) -> Intent:
    """Find named municipalities, comparison cues and off-topic words in a question."""
    words = tokens(question)
    named: list[str] = []
    kept: list[str] = []
    skip_tail = False
    for w in words:
        org = _org_of(w)
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
        kept = [w for w in kept if fold(w) not in ("alla", "samtliga", "varje", "kommuner",
                                                   "kommunerna", "kommun", "municipalities",
                                                   "municipality", "each", "every", "all")]
    if compare:
        kept = [w for w in kept if fold(w) not in _COMPARE and fold(w) not in ("mellan", "between")]
    off_topic = any(fold(w) in _OFF_TOPIC for w in words)
    return Intent(kept, named, compare, all_orgs, off_topic)


def compared_orgs(intent: Intent, own: str, available: list[str]) -> list[str]:
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


# ------------------------------------------------------------------ facts the guideline lacks
# A question asking for one specific fact (an amount, a count, a duration, a frequency, a weekday)
# can only be answered by an entry whose answer states that kind of fact. The pattern pairs are
# (question cue on folded text, what an answer sentence must contain); a sentence that says the
# guideline does not state something never counts as containing the fact.
_NUM = r"(?:\d|\b(?:en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|halva|halften)\b)"
_FACTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(?:hur mycket|hur stor[at]?(?: (?:del|andel|bidrag|ersattning|summa|belopp|avgift))?"
                r"|vad kostar|timpris|belopp|how much|what does \w+ cost)\b"),
     re.compile(r"\d|\bkronor\b|\bkr\b|procent|\bhalva\b|\bhalften\b|\bgratis\b|kostnadsfri"
                r"|ingen (?:avgift|kostnad)|inte (?:kostar|nagot)")),
    (re.compile(r"\b(?:hur manga|how many)\b"), re.compile(_NUM)),
    (re.compile(r"\b(?:hur lang[et]?|how long|maxtid)\b"),
     re.compile(_NUM + r"\s*(?:\w+\s+){0,2}(?:dag|veck|manad|ar\b|arsvis|timm|tim\b)")),
    (re.compile(r"\b(?:hur ofta|how often|intervall)\b"),
     re.compile(r"\bgang(?:er)? (?:i|per|om)\b|\bvarje\b|dagligen|veckovis|manadsvis|lopande"
                r"|regelbundet|\d")),
    (re.compile(r"\b(?:paragraf|paragrafer|lagrum|which section of the law)\b"),
     re.compile(r"\bkap\b|\d")),
    (re.compile(r"\b(?:veckodag|vilken dag|vilka dagar|what day|which day)\b"),
     re.compile(r"mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag")),
)
# "Riktlinjen anger inte …", "Hur stor den är anges inte", "Det framgår inte", "säger ingenting".
_GAP = re.compile(r"\b(?:anger|anges|namner|namns|sager|skriver|framgar|star|beskriver|forklarar"
                  r"|klargor|namnger|reglerar)\b(?:\s+\S+){0,2}?\s+(?:inte|inget|ingen|inga"
                  r"|ingenting)\b|\briktlinjen har (?:inget|ingen|inga)\b|\bgar inte att lasa ut\b")
_WH = {"vem": "vem", "vilka": "vilk", "vilken": "vilk", "vilket": "vilk", "hur": "hur",
       "nar": "nar", "var": "var"}


def sentences(text: str) -> list[str]:
    """The folded, lower-case sentences of an answer."""
    return [s for s in (fold(" ".join(tokens(p))) for p in re.split(r"(?<=[.!?;])\s+", text)) if s]


def is_gap(sentence: str) -> bool:
    """Whether a (folded) sentence says the guideline does not state something."""
    return bool(_GAP.search(sentence))


def leads_with_gap(answer: str) -> bool:
    """Whether an answer opens by saying the guideline does not state the thing: a gap entry."""
    first = sentences(answer)[:1]
    return bool(first) and is_gap(first[0])


def lacks_asked_fact(question: str, answer: str, key: Callable[[str], str]) -> str | None:
    """Whether a question asks for a fact the answer does not give: "explicit", "missing" or None.

    "explicit": a gap sentence of the answer restates what is asked ("Vem den andra aktören är
    anger riktlinjen inte" for "vem är den andra aktören"; "Hur stor ersättningen är anger
    riktlinjen inte" for "hur mycket ersättning"), so no other entry should be tried.
    "missing": the question asks for a kind of fact (amount, count, duration, frequency, weekday,
    paragraph) that no stating sentence of the answer contains.
    """
    q = " ".join(fold(w) for w in tokens(question))
    parts = sentences(answer)
    gaps = [s for s in parts if is_gap(s)]
    stating = [s for s in parts if not is_gap(s)]
    asked = _focus(q.split(), key)
    if asked is not None and any(_focus(s.split(), key) == asked for s in gaps):
        return "explicit"
    for cue, fact in _FACTS:
        if cue.search(q) and not any(fact.search(s) for s in stating):
            return "explicit" if any(cue.search(s) for s in gaps) else "missing"
    return None


# Words between a wh-word and what it asks about: "vilka (de) tre parter"; "hur lång" keeps
# "lång", so "hur lång stabilitet" (a duration) differs from "hur stabiliteten dokumenteras".
_SKIP = frozenset("de den det ar tre tva fyra fem andra".split())


def _focus(words: list[str], key: Callable[[str], str]) -> tuple[str, str] | None:
    """The first wh-word of a (folded) clause and the stem of the word it asks about."""
    for i, w in enumerate(words[:12]):
        if w in _WH:
            for nxt in words[i + 1:i + 5]:
                if nxt not in _SKIP and nxt not in _WH and not is_stopword(nxt):
                    return _WH[w], key(nxt)
            return None
    return None
