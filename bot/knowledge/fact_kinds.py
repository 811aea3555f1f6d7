"""The kinds of fact a question can ask for, each as (question cue, what a stating sentence holds).

A question asking for one specific fact (an amount, a count, a duration, a phone number, a
person's name …) can only be answered by an entry whose answer states that kind of fact; facts.py
applies these tables. Cues are read on folded question text; a kind's fact pattern is read on the
folded sentences of an answer, or, for a fact in RAW_FACTS, on its sentences as written.
"""

from __future__ import annotations

import re

NUM = (r"(?:\d|\b(?:en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|halva"
       r"|halften|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half)\b)")
AMOUNT_CUE = re.compile(
    r"\b(?:hur mycket|hur stor[at]?(?: (?:del|andel|bidrag|ersattning|summa|belopp|avgift))?"
    r"|hur manga kronor|vad kostar|timpris|belopp|how much|what does \w+ cost)\b")
PARAGRAPH_CUE = re.compile(r"\b(?:paragraf|paragrafer|lagrum|which section of the law)\b")
COUNT_CUE = re.compile(r"\b(?:hur manga|how many)\b")
# A count: a number that is not a year, a date or a law's number ("LAG 2016:38", read
# "lag 2016 38", states no count of anything); "en"/"ett" count only before the thing counted
# (facts._states_count), as an article they count nothing.
COUNT_NOISE = re.compile(r"\b(?:lag|sfs|kap|paragraf)\s+\d+(?:\s+\d+)?|\b(?:19|20)\d{2}\b"
                         r"(?:\s+\d{1,2}){0,2}|\b\d{1,2}\s+\d{1,2}\s+(?:19|20)\d{2}\b")
COUNT_FACT = re.compile(r"\d|\b(?:tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra"
                        r"|halva|halften|two|three|four|five|six|seven|eight|nine|ten|twelve"
                        r"|half)\b")
# Units a number measures rather than counts a thing by: "2-4 möten per halvår" counts meetings,
# "6 månader" is a duration, "80 %" a share. Where a count question names a thing that is no such
# unit ("hur många personer sitter i gruppen"), a number of these says nothing of it; a question
# counting a unit itself ("hur många gånger", "hur många veckor") takes any number, as before.
COUNT_MEASURE = re.compile(r"(?:mote[nt]?|moten[a]?|gang|ganger|vecka|veckor|manad\w*|dag|dagar"
                           r"|timm\w*|tim|ar|aret|minut\w*|kronor|kr|procent|halvar\w*|termin\w*"
                           r"|times?|meetings?|weeks?|months?|days?|hours?|years?|minutes?"
                           r"|percent|kronor)")
# Asking for a person's name ("vad heter koordinatorn"): a role, not a unit ("vad heter
# verksamheten", "vad heter den ansvariga nämnden" are answered by a unit's name).
_ROLE = (r"(?:\w*(?:koordinator|samordnare|chef|handlaggare|coach|konsulent|kontaktperson"
         r"|sekreterare|handledare|ordforande)\w*|coordinator|manager|head|officer"
         r"|coach|contact person|caseworker|case worker|chair)")
NAME_CUE = re.compile(r"\bvad heter (?:\w+ )?" + _ROLE + r"|\b(?:what is|whats|what s) the name"
                      r" of (?:the |our |their )?(?:\w+ )?" + _ROLE + r"|\bnamnet pa (?:\w+ )?"
                      + _ROLE + r"|\b" + _ROLE + r" s name\b")
# A person's name as written: two capitalised words in a row, not opening the sentence
# ("… är Anna Berg"); a name in capitals or one word alone is not told from a unit's name.
NAME_FACT = re.compile(r"(?<=[a-zåäö,] )[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
                       r" [A-ZÅÄÖ][a-zåäöéü]+\b")

# Facts read on an answer as written (a name needs its capitals, an e-mail address its "@", a
# clock time its "8.30", a percentage its "%").
EMAIL_FACT = re.compile(r"@")
TIME_FACT = re.compile(r"\bkl\b|\bklockan\b|\b\d{1,2}[.:]\d{2}\b|förmiddag|eftermiddag|kväll"
                       r"|dagtid|vardagar", re.IGNORECASE)
PERCENT_FACT = re.compile(r"%|procent|percent", re.IGNORECASE)
RAW_FACTS = frozenset({EMAIL_FACT, TIME_FACT, NAME_FACT, PERCENT_FACT})
# (question cue on the clause heads, what a stating sentence must contain); a sentence saying
# the guideline does not state something never counts as containing the fact.
FACTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (AMOUNT_CUE,
     re.compile(r"\d|\bkronor\b|\bkr\b|procent|\bhalva\b|\bhalften\b|\bgratis\b|kostnadsfri"
                r"|ingen (?:avgift|kostnad)|inte (?:kostar|nagot)")),
    (COUNT_CUE, re.compile(NUM)),  # read by facts._states_count: no year, date or law number
    # "hur långt" alone asks how far (a distance, "hur långt bort"); "hur långt tid" is rare
    # speech for a duration and is kept.
    (re.compile(r"\b(?:hur lang[e]?|hur langt tid|how long|maxtid)\b"),
     re.compile(NUM + r"\s*(?:\w+\s+){0,2}(?:dag|veck|manad|ar\b|arsvis|timm|tim\b)"
                r"|\btills vidare\b|\btillsvidare\b|\bslutdatum\b")),
    (re.compile(r"\b(?:hur ofta|how often|intervall)\b"),
     re.compile(r"\bgang(?:er)? (?:i|per|om)\b|\bvarje\b|dagligen|veckovis|manadsvis|lopande"
                r"|regelbundet|\d")),
    (PARAGRAPH_CUE, re.compile(r"\bkap\b|\d")),
    (re.compile(r"\b(?:veckodag|vilken dag|vilka dagar|what day|which day)\b"),
     re.compile(r"mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag")),
    (re.compile(r"\b(?:hur manga timmar|how many hours|timmar (?:i|per) vecka\w*"
                r"|hours (?:a|per) week)\b"),
     re.compile(r"timm|\btim\b|hour")),
    # Contact details, each its own kind: a clock time ("kl. 13.15" of a meeting) is no address.
    # "Måste hon ha sin adress i stan" asks about residence, not for an address: the cue is the
    # question for one ("vilken adress", "vad har X för telefonnummer").
    (re.compile(r"\b(?:vilken adress|vilka adresser|vad (?:ar|har) \w+ (?:for )?adress"
                r"|adressen till|var har \w+ (?:sitt|sina) kontor|besoksadress\w*"
                r"|postadress\w*|gatuadress\w*|what is the address|which address"
                r"|(?:street|visiting|postal) address)\b"),
     re.compile(r"\b\w+(?:gatan|vagen|grand|torget|platsen|gata|vag)\s+\d|\b\d{3} \d{2} [a-z]"
                r"|\bbox \d")),
    (re.compile(r"\b(?:telefonnumm?er\w*|telefonnr|telnr|tel nr|vilket (?:tel\w* )?nummer"
                r"|phone number|telephone\w*|number to call)\b"),
     re.compile(r"\b0\d{1,3}\s?\d{2,3}(?:\s?\d{2}){1,2}\b|\b07\d")),
    (re.compile(r"\b(?:e ?postadress\w*|mejladress\w*|mailadress\w*|e ?mail address\w*)\b"),
     EMAIL_FACT),
    # A time of day, or hours of work or opening: "once a week" answers neither, a part-time
    # share ("50 %") is not hours either.
    (re.compile(r"\b(?:vilken tid|vilka tider|hur dags|klockan|what time|at what time"
                r"|oppettid\w*|arbetstider\w*|working hours|work hours|opening hours"
                r"|office hours|har \w+ oppet|is \w+ open)\b"),
     TIME_FACT),
    (NAME_CUE, NAME_FACT),
    # A total ("vad kostar busskortet totalt") is not answered by one share of it (the
    # participant's own fee): the answer must state the whole.
    (re.compile(r"\b(?:hur mycket|vad kostar|how much|what does \w+ cost)\b(?:\s+\S+){0,4}?"
                r"\s+(?:totalt|sammanlagt|allt som allt|in total|altogether)\b"),
     re.compile(r"\btotal\w*|sammanlagt|hela kostnaden|allt som allt|\bfull cost|\bin all\b")),
)
# Facts asked for wherever the question names them (not only at a clause's head).
ANYWHERE_FACTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    # When the guideline is revised or reviewed is a date that only a sentence about revising
    # states; a sentence saying there is no revision date does not.
    (re.compile(r"\b(?:nar|when)\b.*\b(?:revider\w*|revision\w*|revis(?:e|ed)|review(?:ed)?"
                r"|ses over|uppdateras)\b"),
     re.compile(r"revider|revision|revise|review|ses over|uppdater")),
    # When the next course or intake starts is a date, a month or a rhythm ("löpande", "varje
    # termin"); that the municipality offers the course says nothing of when.
    (re.compile(r"\b(?:nar|when)\b(?:\s+\S+){0,4}?\s+(?:nasta|next|kommande|upcoming)\b"
                r"|\b(?:borjar|startar) nasta\b"),
     re.compile(r"\b\d{1,2} \d{1,2}\b|(?<!lag )(?<!sfs )\b(?:19|20)\d{2}\b|januari|februari"
                r"|mars|april|\bmaj\b|juni|juli|augusti|september|oktober|november|december"
                r"|\bvecka \d|varje"
                r"|lopande|kontinuerlig|termin|hosten|varen|mandag|tisdag|onsdag|torsdag|fredag")),
    # A wage, or an amount per month, is a sum of money (or the agreement setting it): a share
    # of the wage cost ("80 % av lönekostnaden") is no wage. "Vem betalar lönen" asks who pays
    # and "hur stor del av lönen" a share, so the cue is a question for the wage itself.
    (re.compile(r"\b(?:vad far \w+(?: \w+)? i lon|i lon (?:per|i|om) manad\w*|manadslon\w*"
                r"|vilken lon|hur mycket (?:\w+ ){0,3}(?:i lon|tjanar)|what (?:salary|wage)"
                r"|how much (?:\w+ ){0,4}(?:earns?|is paid|get paid|in salary|in wages)"
                r"|monthly (?:salary|pay|wage)|(?:salary|wage|pay) (?:per|a) month"
                r"|(?:far|tjanar|betalas|earns?|paid|gets?) (?:\w+ )?(?:per|i|om|a)"
                r" (?:manad\w*|month))\b"),
     re.compile(r"\bkronor\b|\bkr\b|\bsek\b|kollektivavtal|avtalsenlig|loneniva|lonesattning")),
    # A share asked in percent is stated in percent (a head count of posts is no percentage).
    (re.compile(r"\b(?:in percent|i procent|hur manga procent|what percentage|how many percent"
                r"|procentsats\w*)\b"), PERCENT_FACT),
    # Whether, how or by when a decision can be appealed is answered only by a sentence about
    # appealing: a refusal's grounds ("ingår inte i rätten till insats") say nothing of it.
    (re.compile(r"\b(?:overklaga\w*|appeal\w*)\b"),
     re.compile(r"overklag|appeal|domstol|forvaltningsratt|kammarratt|court")),
    # Which court hears an appeal is named only by a sentence naming a court.
    (re.compile(r"\b(?:vilken|vilka|which|what) (?:domstol\w*|court\w*|instans\w*)\b"),
     re.compile(r"domstol|tingsratt|forvaltningsratt|kammarratt|court|instans")),
)
