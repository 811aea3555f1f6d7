"""A question that describes a person or a situation before it asks: its topic words alone.

"Äldre man som bara sitter hemma ensam och behöver träffa folk, finns det nåt för honom hos
oss?" is about meeting people; "man 39 med alkoholproblem ber ami om hjälp att hitta jobb, vad
gör vi" about addiction. The person's description (age, sex, "en deltagare", "kommer till oss",
"vad gör vi") is in no entry, so it spreads the question's weight over words nothing matches and
the entry it is about scores too low to answer. When the eligibility rules have nothing to say
and the whole question finds no confident entry, it is searched again with the description's
words dropped (search.KnowledgeBase.ask); the ordinary margin and fact checks then decide.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.eligibility.patterns import PERSON
from bot.knowledge.reading import Question
from bot.knowledge.text import fold

# A person as staff describe one: a noun for who they are, in any form ("deltagaren",
# "kvinnor"), or an adjective for their age. ("man" alone is also the pronoun "one": it counts
# as a person only next to an age or an adjective, and is dropped only there.)
_PERSON_NOUN = re.compile(r"(?:kvinn|tjej|kille|pojk|flick|pappa|mamma|klient|deltagar"
                          r"|arbetssokande|sokande|person|individ|pensionar|aring)\w*")
_AGE_WORDS = frozenset("aldre ung unga yngre gammal gamla ar".split())
# Words that only tell how the person lives, how they come to the asker, or that the asker
# wonders what to do: "sitter hemma ensam", "kommer till oss", "ber om hjälp", "vad gör vi",
# "finns det nåt för honom", "vill ha"; "uppbär" (receives) only says what the person lives on.
_APPROACH = frozenset("""vill ha kommer ber sitter bara gor vi oss hos finns nat nagot nagon
hjalp han hon hen honom henne hans hennes hens ensam hemma uppbar""".split())
# What every jobseeker asks for ("vill ha hjälp att hitta jobb") says nothing of the topic.
_SEEK = frozenset("hitta fa soka skaffa".split())
_WORK = frozenset("jobb jobbet arbete".split())
# The question opens with its subject and a verb: a statement of the situation ("Klienten har
# börjat …", "Förskolan behöver …", "En förvaltning vill …"), not a question.
_STATEMENT = re.compile(r"^(?:(?:en|ett) (?:\w+ )?\w+|\w+(?:en|an|et|na|n)) (?:har|vill|behover"
                        r"|ska|fick|kommer|ber|sitter|har fatt|har borjat)\b")
# "man 30 med …", "kvinna 63 utan jobb": a person and an age.
_AGED = re.compile(r" (?:man|" + _PERSON_NOUN.pattern + r") \d{1,2} ")
# The asker's frame around the situation: "går det", "vad gäller", "hur ska vi lägga upp det",
# "vad ska vi säga till honom". Two words that together ask what to do name no topic (each alone
# may: "gäller" in "avtalet gäller ett år", "upp" in "följa upp"), so they go as a pair.
_FRAME = frozenset([("gar", "det"), ("vad", "galler"), ("lagga", "upp"), ("laggas", "upp"),
                    ("saga", "till"), ("sager", "till")])
# How often a situation recurs ("varje vecka", "varannan vecka", "hela året", "året runt") is what
# the guidelines call regular, recurring help ("omfattande och återkommande", "regelbundet"):
# the time phrase becomes that word.
_RECURRING = frozenset([("varje", "vecka"), ("varannan", "vecka"), ("varje", "manad"),
                        ("hela", "aret"), ("aret", "runt"), ("varje", "dag")])
RECURRING_WORD = "återkommande"
# When something happened to the person ("fick insatsen i januari") dates the situation; no
# guideline entry is about a month.
_MONTHS = frozenset("""januari februari mars april maj juni juli augusti september oktober
november december""".split())
# The description must leave at least this many words to search: a question that was all
# description has no topic to find.
MIN_TOPIC_WORDS = 2


def describes(q: Question) -> bool:
    """Whether a question first describes a person or a situation (not a rule in general)."""
    text = f" {q.folded} "
    first = q.folded.split()[:1]
    return bool(PERSON.search(text) or _STATEMENT.search(q.folded) or _AGED.search(text)
                or (first and (_PERSON_NOUN.fullmatch(first[0]) or first[0] in _AGE_WORDS)))


def topic_question(q: Question) -> Question | None:
    """The question with the person's description dropped from its searched words, or None when
    it describes no one, drops nothing or leaves too little to search."""
    if not describes(q):
        return None
    kept: list[str] = []
    words = q.words
    folded = [fold(w) for w in words]
    for i, w in enumerate(words):
        f = folded[i]
        before = folded[i - 1] if i else ""
        after = folded[i + 1] if i + 1 < len(folded) else ""
        near = [n for n in (before, after) if n]
        if (f, after) in _RECURRING:
            if RECURRING_WORD not in kept:
                kept.append(RECURRING_WORD)
            continue
        if (before, f) in _RECURRING or (f, after) in _FRAME or (before, f) in _FRAME:
            continue
        if (f in _SEEK and after in _WORK) or (f in _WORK and before in _SEEK):
            continue  # "hitta jobb": wanting work
        if f in _MONTHS:
            continue
        if f.isdigit() and len(f) <= 3:
            continue  # an age ("man 25", "25 år"), not a year or a sum
        if _PERSON_NOUN.fullmatch(f) or f in _APPROACH:
            continue
        if f in _AGE_WORDS or (f == "man" and any(n.isdigit() or n in _AGE_WORDS for n in near)):
            continue
        kept.append(w)
    if len(kept) == len(words) or len([w for w in kept if len(w) > 2]) < MIN_TOPIC_WORDS:
        return None
    return replace(q, words=kept)
