"""Swedish (and English) text analysis for search: normalise, fold å/ä/ö, stem, split compounds."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[0-9a-zåäöéèüæøáà]+")
_FOLD = str.maketrans("åäöéèüæøáà", "aaoeeuaoaa")
# Letters after which Snowball's Swedish algorithm drops a final -s; applied once more after
# stemming so "insats" and "insatsen" meet ("insat" both).
_S_ENDING = set("bcdfghjklmnoprtvy")
# Adjective and participle endings Snowball keeps ("socialt", "individuellt", "aktivt",
# "uppfylld", "inskrivna"); dropping the last letter meets "social", "individuell", "aktiv",
# "uppfyller", "inskriven".
_ADJECTIVE_ENDINGS = ("alt", "llt", "ivt", "lld", "ivn")
# Derivational endings Snowball keeps; stripping them joins "aktualisering" and "aktualiserat",
# "uppföljning" and "följer"-style pairs, and "busskortet" with "busskort".
_EXTRA_SUFFIXES = ("ning", "ing", "nad", "et")

STOPWORDS_SV = frozenset("""
alla allt alltså andra att av bara bli blir blev borde de dem den denna deras dess dessa det
detta dig din dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans
har hen henne hennes honom hon hos hur här i in inom inte ja jag ju kan kunde kunna man med mej
men mig min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin
sina sitt ska skall skulle som så till under upp ut utan vad var vara varför vart vem vems vi
vid vilka vilken vilket vår våra vårt än är åt över va nåt nån även ens får fick finns fanns gäller
gälla göra gör gjorde kommer också tex t ex the jo hej tack snälla undrar lite vill veta
""".split())

STOPWORDS_EN = frozenset("""
a an the of to in on at for by with from and or but is are was were be been being do does did
what who whom which when where why how can could should would will shall may might must i we you
he she it they them our your my me us this that these those there here as if so not no any some
about into than then please tell know get has have had there's what's its am
""".split())

# Words common in staff questions that name no topic ("hur går det till", "exempel på",
# "vad händer", "someone"). They are kept as content (a phrasing may use them) but weigh little,
# so a question's topic words decide its evidence rather than its chatter. The weight was 0.3;
# 0.15 (tuned on the dev split and the calibration set) stops "kan man få X" favouring entries
# whose phrasings happen to say "få": dev wrong answers 3 -> 2, right and held-out unchanged.
# English questions wrap their topic in "which X is mentioned among …", "what is Y supposed to",
# "via": the English counterparts of "enligt", "egentligen" (issue 16: +1 English, +1 scenario
# right of 600 fresh questions, nothing new wrong). "nämns", "nämnda" are the Swedish "mentioned"
# ("vilken strategi nämns under syftet": +1 two-part). "come(s)" is the English "kom, komma"
# ("when a case comes in via X": r6 one confidently wrong answer fewer). Written folded: they
# are looked up folded.
QUESTION_FILLERS = frozenset(fold_w for fold_w in """
gar ga gick gatt kom komma kommit sker ske hander handa hant menas betyder star sager saga
egentligen sjalv sjalva just typ anda helt behover behovs maste tankt fungerar funkar exempel
folk nat nagonting mer annat sadant sant idag ok okej rent direkt forst alls riktigt liksom
fa example examples someone anyone something anything people really actually exactly make makes
use uses using enligt dock annars pga dvs osv tidigare nyss snart
according konkret konkreta slags sorts kinds kind sort
mentioned mention mentions describe describes described supposed among via regarding concerning
usually generally typically basically namns namnda namnde namner come comes came coming
""".split())
QUESTION_FILLER_WEIGHT = 0.15

# Function words that reveal the language of a question (used only for detection).
# Staff often type without å/ä/ö, so the folded forms count too, except "for": it is English
# "for" as well, and counts as English (a tie goes to Swedish, so "vad galler for …" stays).
_SV_MARKERS = frozenset("och att är vad vem hur när som för med till kan ska får det en ett på "
                        "varför vilka vilken ar nar far pa varfor bara inte om hos vid eller "
                        "har jag vi de den man efter".split())
_EN_MARKERS = frozenset("the what who how when is are does do can should for with to of which "
                        "why where".split())

# Everyday words staff use for the guidelines' terms; a question word in a group also matches the
# group's other words (weaker than the word itself). Kept small: every pair here was checked
# against the five guidelines' usage, and a loose pair costs more than it wins.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("kosta", "kostar", "kostnad", "avgift", "pris", "betala", "betalar"),
    ("pengar", "budget", "medel", "kronor"),
    ("jobb", "arbete", "anställning"),
    ("klient", "klienter", "deltagare", "individ", "individen", "arbetssökande",
     "enskild", "enskilde"),
    ("remiss", "remittera", "aktualisera", "aktualisering", "hänvisa"),
    ("tystnadsplikt", "sekretess"),
    ("coach", "arbetscoach", "jobbcoach"),
    ("nyanländ", "nyanlända", "flykting", "flyktingar"),
    ("ungdom", "ungdomar", "unga"),
    ("handläggare", "socialsekreterare"),
    ("initiera", "starta", "påbörja", "igång"),
    # The verb and the noun stem apart ("föreslå" / "förslag").
    ("förslag", "föreslå", "föreslås", "föreslår", "föreslog"),
    # Who a guideline covers: "ingår i målgruppen" is asked as "tillhör" or "omfattas".
    ("ingår", "ingå", "tillhör", "tillhöra", "omfattas"),
    # "om modellen behöver ändras": the guidelines write "justeras".
    ("ändra", "ändras", "ändring", "ändringar", "justera", "justeras", "justering", "justeringar"),
    # "ta hänsyn till" is what the guidelines write as "ta i beaktande", "beaktas".
    ("hänsyn", "beakta", "beaktande", "beaktas", "beaktar"),
    # English questions meet the packs' English translations, which use the guidelines' terms.
    ("addiction", "addicted", "misuse", "dependency", "abuse"),
    ("client", "clients", "participant", "participants", "jobseeker", "jobseekers"),
    ("pay", "paid", "pays", "finance", "finances", "financed", "funds", "funding"),
    ("meeting", "meetings", "meet", "meets"),
    ("confidential", "confidentiality", "secrecy"),
    ("decide", "decides", "decision", "decisions"),
)
# Noun endings Snowball leaves ("kostnad" -> "kostn"); stripped before stemming.
_PRE_SUFFIXES = ("naderna", "naden", "nader", "nad")

_STEMMERS = {"sv": snowballstemmer.stemmer("swedish"), "en": snowballstemmer.stemmer("english")}


def normalise(text: str) -> str:
    """Lower-case, NFC-normalised text with punctuation turned into single spaces."""
    return " ".join(tokens(text))


# The genitive of an abbreviation ("AF:s", "SoL:s") is the abbreviation: a lone "s" token would
# count as an unknown content word.
# The English genitive ("women's group", "Ragunda's guideline") is the noun itself, for the same
# reason.
_ABBREVIATION_GENITIVE = re.compile(r"(?<=[0-9a-zåäöéèüæøáà])(?::|['’])s\b")


def tokens(text: str) -> list[str]:
    """The lower-case word and number tokens of a text, å/ä/ö kept."""
    text = unicodedata.normalize("NFC", text).lower()
    return _TOKEN.findall(_ABBREVIATION_GENITIVE.sub("", text))


# Chat shorthand staff type on phones, read as the words they stand for before anything else
# ("hur mkt kostar", "vad e OSA"): left as they are, they count as unknown content words and
# drag a plain question under the answer threshold, and hide the question's intent.
CHAT_WORDS = {"mkt": "mycket", "mycke": "mycket", "e": "är", "ä": "är", "ngn": "någon",
              "ngt": "något", "ngr": "några", "o": "och", "nån": "någon", "nåt": "något"}


def colloquial(words: list[str]) -> list[str]:
    """Tokens with chat shorthand replaced by the words it stands for."""
    return [CHAT_WORDS.get(w, w) for w in words]


def fold(word: str) -> str:
    """Fold å/ä/ö (and a few other accented letters) to plain ASCII vowels."""
    return word.translate(_FOLD)


def is_stopword(word: str, lang: str = "sv") -> bool:
    """Whether a token carries no topic (Swedish stop words are checked folded as well)."""
    if lang == "en":
        return word in STOPWORDS_EN
    return word in STOPWORDS_SV or word in _STOPWORDS_SV_FOLDED


_STOPWORDS_SV_FOLDED = frozenset(fold(w) for w in STOPWORDS_SV)


def _snowball(word: str, lang: str) -> str:
    stemmed: str = _STEMMERS[lang].stemWord(word)  # snowballstemmer ships no types
    return stemmed


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "sv") -> str:
    """The Snowball stem of a token, with a few extra Swedish suffix rules; numbers unchanged."""
    if word.isdigit() or len(word) <= 3:
        return word
    if lang != "sv":
        return _snowball(word, lang)
    for suffix in _PRE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    s = _snowball(word, lang)
    for suffix in _EXTRA_SUFFIXES:
        if s.endswith(suffix) and len(s) - len(suffix) >= 4:
            s = s[: -len(suffix)]
            break
    if s.endswith("s") and len(s) > 4 and s[-2] in _S_ENDING:
        s = s[:-1]
    elif len(s) >= 6 and s.endswith(_ADJECTIVE_ENDINGS):
        s = s[:-1]
    return s


# Verb particles: "skriva in", "följa upp", "hör till" are written as one word in the guidelines'
# nouns and participles ("inskrivning", "uppföljning", "tillhör").
PARTICLES = frozenset("in ut upp av på pa över over fram bort om ner ned hem mot till".split())


def content_words(words: list[str]) -> tuple[list[str], list[str | None]]:
    """A question's content words, each with its particle compound ("skriva in" -> "inskriva")."""
    content: list[str] = []
    joined: list[str | None] = []
    for i, w in enumerate(words):
        if is_stopword(w, "sv") or is_stopword(w, "en"):
            continue
        after = words[i + 1] if i + 1 < len(words) else ""
        content.append(w)
        joined.append(after + w if after in PARTICLES and len(w) >= 2 else None)
    return content, joined


def detect_language(words: list[str]) -> str:
    """'en' when a question's function words are English rather than Swedish, else 'sv'."""
    en = sum(w in _EN_MARKERS for w in words)
    sv = sum(w in _SV_MARKERS for w in words)
    return "en" if en > sv else "sv"


def split_compound(word: str, known: Callable[[str], bool], min_part: int = 3,
                   depth: int = 2) -> list[str] | None:
    """Split a compound into parts that `known` accepts, preferring the longest final part.

    The head may end in a linking -s (arbetsmarknads|insatsen). Returns None when no split
    into known parts exists.

    Args:
        word: a lower-case token.
        known: says whether a part (a surface word) is in the vocabulary.
        min_part: shortest allowed part.
        depth: how many further splits the head may take.

    Returns:
        The parts as written (linking -s removed), or None.
    """
    n = len(word)
    for cut in range(min_part, n - min_part + 1):
        head, tail = word[:cut], word[cut:]
        if not known(tail):
            continue
        for h in (head, head[:-1] if head.endswith("s") and len(head) > min_part else None):
            if h is None:
                continue
            if known(h):
                return [h, tail]
            if depth > 1 and len(h) >= 2 * min_part:
                parts = split_compound(h, known, min_part, depth - 1)
                if parts:
                    return [*parts, tail]
    return None


# English names staff use for the guidelines' Swedish terms. The English pack texts often keep the
# Swedish word ("the final document to Arbetsförmedlingen"), so an English question saying
# "employment service" would otherwise meet nothing. Each word of a term here also matches the
# Swedish term (as a glossary expansion does), so a text with the English words scores as before
# and one with the Swedish term nearly as well. Field vocabulary only, not the questions; terms the
# English texts already use throughout (job coach, social services, referral) are left out, as the
# Swedish alternative only blurred which of their entries a question means.
EN_TERMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("employment", "service"): ("arbetsförmedlingen",),
    ("employment", "services"): ("arbetsförmedlingen",),
    ("employment", "office"): ("arbetsförmedlingen",),
    ("work", "placement"): ("praktik",),
    ("work", "experience"): ("praktik",),
    ("internship",): ("praktik",),
    ("intern",): ("praktikant", "praktik"),
    ("work", "training"): ("arbetsträning",),
    ("income", "support"): ("försörjningsstöd",),
    ("social", "assistance"): ("försörjningsstöd",),
    ("welfare",): ("försörjningsstöd",),
    ("sheltered", "employment"): ("osa",),
    ("wage", "subsidy"): ("lönebidrag",),
    ("bus", "card"): ("busskort",),
    ("bus", "pass"): ("busskort",),
    ("newly", "arrived"): ("nyanlända",),
    ("newcomers",): ("nyanlända",),
    ("parental", "leave"): ("föräldraledighet",),
    ("unemployed",): ("arbetslös",),
    ("adult", "education"): ("komvux",),
    ("formal", "decision"): ("myndighetsbeslut",),
    ("formal", "decisions"): ("myndighetsbeslut",),
    ("official", "decision"): ("myndighetsbeslut",),
    ("official", "decisions"): ("myndighetsbeslut",),
    ("public", "authority"): ("myndighetsutövning",),
    # Stop words are gone by now: "registered as living in" arrives as "registered living".
    ("registration", "number"): ("diarienummer",),
    ("reference", "number"): ("diarienummer",),
    ("case", "number"): ("diarienummer",),
    ("document", "owner"): ("dokumentansvarig",),
    ("set", "up"): ("bildades",),
    ("registered", "living"): ("folkbokförd",),
    ("registered", "resident"): ("folkbokförd",),
    ("population", "register"): ("folkbokförd",),
    # Everyday English staff words for the guidelines' Swedish terms (issue 16, round 2).
    ("law",): ("lag",),
    ("immigrants",): ("nyanlända",),
    ("refugees",): ("nyanlända",),
    ("settlement",): ("bosättning",),
    ("settled",): ("bosättning",),
    ("social", "services"): ("socialtjänsten",),
    ("social", "worker"): ("socialsekreterare",),
    ("caseworker",): ("handläggare",),
    ("case", "worker"): ("handläggare",),
    ("case", "officer"): ("handläggare",),
    ("refer",): ("remittera", "aktualisera"),
    ("referral",): ("remiss", "aktualisering"),
    ("referrals",): ("remiss", "aktualisering"),
    ("steering", "group"): ("styrgrupp",),
    ("follow", "up"): ("uppföljning",),
    ("followed", "up"): ("uppföljning",),
    ("timetable",): ("tidplan",),
    ("schedule",): ("tidplan",),
    ("age", "limit"): ("åldersgräns", "ålder"),
    ("financed",): ("finansiering", "finansieras"),
    ("funded",): ("finansiering", "finansieras"),
    ("financing",): ("finansiering",),
    # Issue 16, round 3: the English names of the law and its parts, and an inflection the
    # English texts do not write ("scheduled" beside "schedule").
    ("social", "services", "act"): ("sol", "socialtjänstlagen"),
    ("chapter",): ("kap",),
    ("labour", "market"): ("arbetsmarknad",),
    ("labor", "market"): ("arbetsmarknad",),
    ("scheduled",): ("tidplan",),
}
_EN_TERM_LONGEST = max(len(k) for k in EN_TERMS)


def english_terms(words: list[str]) -> list[tuple[str, ...]]:
    """For each word, the Swedish terms of the English term it is part of (often none)."""
    out: list[tuple[str, ...]] = [()] * len(words)
    i = 0
    while i < len(words):
        for n in range(min(_EN_TERM_LONGEST, len(words) - i), 0, -1):
            sv = EN_TERMS.get(tuple(words[i:i + n]))
            if sv:
                out[i:i + n] = [sv] * n
                i += n
                break
        else:
            i += 1
    return out
