"""The words a kept question may show: the guideline domain's words and function words, less
every common given name and surname. No Telegram here.

A question is kept for the coordinators only as its topic. Which words are safe is decided by
construction: a word is shown only if it is known to be harmless, never because it does not
look like a name. The packs' vocabulary (titles, answers, phrasings, keywords, glossary terms)
is large and written about clients, so it holds words that are also names (Rosa, Sten, Bo,
Klara); those go, unless the domain needs them and they are rarely a name (KEEP).
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from pathlib import Path

from bot.knowledge.text import CHAT_WORDS, SYNONYMS, fold

NAMES_FILE = Path(__file__).with_name("names.txt")

# Swedish and English function words: no topic, no identity. Questions typed without å/ä/ö
# match through folding ("fa" is "få").
FUNCTION_WORDS = frozenset("""
och att är var vara varit blir bli blev har hade ha haft kan kunde ska skall skulle får fick
få måste bör borde vill ville måtte går gå gick gör göra gjorde gjort finns fanns
jag du han hon hen den det vi ni de dem man mig dig honom henne oss er sig sin sitt sina
min mitt mina din ditt dina hans hennes hens deras vår vårt våra er ert era
en ett någon något några ingen inget inga all allt alla varje annan annat andra samma
vad vem vilka vilken vilket hur när var varför vart vars
i på av för från till med om under över efter före innan mot utan hos vid genom mellan
sedan sen bakom bredvid kring runt enligt inom utom trots via per
och eller men utan så som då än om att fast medan eftersom därför alltså också även bara
inte ej nej ja jo kanske redan ännu fortfarande igen alltid aldrig ofta sällan nu då där här
dit hit hem ut in upp ner fram bort mycket mer mest lite mindre minst många fler flest få
hur länge lång länge kort stor liten ny nya gammal gamla bra dålig rätt fel viss vissa sådan
sådant sådana denna detta dessa den här det där hej tack snälla vänligen ok okej
idag igår imorgon dag dagar vecka veckor månad månader år timme timmar minut minuter
januari februari mars april maj juni juli augusti september oktober november december
måndag tisdag onsdag torsdag fredag lördag söndag
the a an and or but if then than so as of to in on at by for from with without about into
over under after before between through during is are was were be been being am do does did
done have has had having can could shall should will would may might must need needs i you he
she it we they me him her us them my your his its our their this that these those what which
who whom whose when where why how not no yes all any some each every other another more most
much many few less least very also only just still already again now here there there's
please thanks thank hi hello ok
""".split())

# In the packs and in the name list both, kept on purpose: months, "per dag", "inga", "mina",
# "max", "en del", and English "may"/"else". Written with a capital letter ("kan Per få OSA",
# "Per vill ...") they are taken for names and masked all the same (scrub.py).
KEEP = frozenset("per dag del inga mina max maj juni august may else".split())


@functools.cache
def common_names() -> frozenset[str]:
    """Common given names and surnames in Sweden, lower-case and folded (see names.txt)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(n) for n in (line.strip() for line in lines)
                     if n and not n.startswith("#"))


@functools.lru_cache(maxsize=4)
def allowed_words(vocabulary: frozenset[str]) -> frozenset[str]:
    """The folded words a kept question may show, given the packs' vocabulary.

    Args:
        vocabulary: Lower-case words of the knowledge packs (KnowledgeBase.vocabulary()).

    Returns:
        Folded words: vocabulary, synonyms, chat shorthand and function words, without names.
    """
    words = set(vocabulary) | FUNCTION_WORDS | set(CHAT_WORDS) | {
        w for group in SYNONYMS for w in group}
    names = common_names()
    return frozenset(f for f in (fold(w.lower()) for w in words)
                     if f not in names or f in _KEEP_FOLDED)


_KEEP_FOLDED = frozenset(fold(w) for w in KEEP)


def as_frozenset(vocabulary: Collection[str]) -> frozenset[str]:
    """The vocabulary as the cache key: KnowledgeBase hands out one frozenset, reused as is."""
    return vocabulary if isinstance(vocabulary, frozenset) else frozenset(vocabulary)
