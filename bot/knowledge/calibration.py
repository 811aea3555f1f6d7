"""Calibration data for the confidence thresholds: held-out pack phrasings and off-scope questions."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.schema import Pack
from bot.knowledge.search import KnowledgeBase
from bot.knowledge.text import fold

# Questions no guideline answers, phrased like staff would; none uses a word from the off-topic
# list, so they exercise the score threshold rather than the shortcut.
OUT_OF_SCOPE = [
    "hur bokar jag semester i personalsystemet", "vilken tid stänger biblioteket på fredag",
    "hur ansöker man om bygglov för ett garage", "när töms soptunnorna i centrum",
    "vad kostar parkering vid kommunhuset", "hur byter jag lösenord på jobbdatorn",
    "var ligger närmaste vårdcentral", "hur mycket tjänar en undersköterska",
    "när är nästa riksdagsval", "hur gör jag en reseräkning", "vem städar fikarummet",
    "kan jag jobba hemifrån på onsdagar", "hur skriver man ett cv på engelska",
    "vad är skillnaden mellan moms och skatt", "hur ansöker jag om föräldrapenning för mig själv",
    "vilka öppettider har simhallen", "hur fungerar skolvalet för mitt barn",
    "vem ansvarar för snöröjningen på gatorna", "när betalas lönen ut i december",
    "hur många invånare har sverige", "what time does the library close",
    "how do I apply for a building permit", "who cleans the office kitchen",
    "hur säger man upp ett hyreskontrakt", "vad kostar ett pass hos polisen",
    "kan man hyra kommunens lokaler för fest", "vem har rekordet i höjdhopp",
    "hur lagar man köttbullar", "vilken färg ska fasaden ha enligt detaljplanen",
    "hur ofta ska brandlarmet testas i lägenheten",
]


@dataclass(frozen=True)
class Sample:
    """One calibration question: the top evidence and whether that top entry was right."""

    kind: str  # "heldout", "typo" or "oos"
    evidence: float
    right: bool


def _typo(text: str) -> str:
    """The question without å/ä/ö and with two letters swapped in its longest word."""
    words = fold(text).split()
    if not words:
        return text
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) >= 5:
        m = len(w) // 2
        words[i] = w[:m] + w[m + 1] + w[m] + w[m + 2:]
    return " ".join(words)


def heldout_samples(packs: dict[str, Pack], max_phrasings: int = 8) -> list[Sample]:
    """Leave one phrasing out of every entry at a time, then ask it (and a misspelt copy)."""
    samples: list[Sample] = []
    for j in range(max_phrasings):
        reduced = {}
        held: list[tuple[str, str, str]] = []
        for org, pack in packs.items():
            entries = []
            for e in pack.entries:
                if len(e.phrasings) > j:
                    held.append((org, e.id, e.phrasings[j]))
                    rest = [p for k, p in enumerate(e.phrasings) if k != j]
                    e = e.model_copy(update={"phrasings": rest})
                entries.append(e)
            reduced[org] = pack.model_copy(update={"entries": entries})
        if not held:
            break
        kb = KnowledgeBase.from_packs(reduced)
        for org, entry_id, question in held:
            for kind, q in (("heldout", question), ("typo", _typo(question))):
                ranked = kb.rank_question(q, org)
                if ranked:
                    samples.append(Sample(kind, ranked[0].evidence,
                                          ranked[0].entry_id == entry_id))
                else:
                    samples.append(Sample(kind, 0.0, False))
    kb = KnowledgeBase.from_packs(packs)
    for q in OUT_OF_SCOPE:
        for org in packs:
            ranked = kb.rank_question(q, org)
            samples.append(Sample("oos", ranked[0].evidence if ranked else 0.0, False))
    return samples


def threshold_table(samples: list[Sample], steps: int = 20) -> list[dict[str, float]]:
    """For evidence thresholds 0.30..1.30: shares answered right, answered wrong, off-scope answered."""
    inscope = [s for s in samples if s.kind != "oos"]
    oos = [s for s in samples if s.kind == "oos"]
    rows = []
    for k in range(steps + 1):
        t = 0.30 + 1.0 * k / steps
        answered = [s for s in inscope if s.evidence >= t]
        rows.append({
            "evidence": round(t, 3),
            "right": sum(s.right for s in answered) / max(1, len(inscope)),
            "wrong": sum(not s.right for s in answered) / max(1, len(inscope)),
            "oos_answered": sum(s.evidence >= t for s in oos) / max(1, len(oos)),
        })
    return rows
