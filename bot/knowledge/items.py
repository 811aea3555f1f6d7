"""A yes/no question whether someone pays for one item, and whether an answer names that item.

"Betalar ni körkort?", "Does the work coach help pay for a driving licence?": an entry on what the
unit does pay for or offer (another thing) that never names the item is no answer; answering with
it is confidently wrong. The fact check (fact_choice) treats such an entry as lacking what is asked,
so a close entry naming the item stands in, or the reply abstains with the entry named as nearest.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.facts import sentences
from bot.knowledge.text import is_stopword

# A yes/no question opens with its verb ("betalar ni …", "står kommunen för …", "does the coach
# help pay for …", "kan ni betala …"); a wh-question ("vem betalar lönen") asks who, not whether.
_OPENS = re.compile(r"^(?:betalar|bekostar|ersatter|subventionerar|finansierar|star|kan|far"
                    r"|skulle|ska|does|do|will|would|can|could|is|are)\b")
_PAYS = re.compile(r"\b(?:betalar|betala|bekostar|bekosta|ersatter|ersatta|subventionerar"
                   r"|subventionera|finansierar|finansiera|pay|pays|cover|covers|fund|funds)\b"
                   r"|\bst[ao]r?\b(?= (?:\w+ )?for\b)")
# Words after the verb that name the payer or only frame the thing ("kostnaden för").
_FRAME = frozenset("""ni vi man kommunen enheten coachen hjalp del delar kostnad kostnaden
kostnader kostnaderna help part cost costs the some any for""".split())
_SAME_ROOT = 5  # as facts._same_word: "körkort" asked, "körkortet" in the answer


def paid_item(folded: str, key: Callable[[str], str]) -> frozenset[str]:
    """The stems of the item a yes/no question asks whether someone pays for (empty if none)."""
    if not _OPENS.match(folded):
        return frozenset()
    m = _PAYS.search(folded)
    if not m:
        return frozenset()
    rest = folded[m.end():].split()
    if "for" in rest[:4]:
        rest = rest[rest.index("for") + 1:]
    return frozenset(key(w) for w in rest if len(w) > 2 and w not in _FRAME
                     and not is_stopword(w) and not is_stopword(w, "en") and not w.isdigit())


def names_item(item: frozenset[str], texts: list[str], key: Callable[[str], str]) -> bool:
    """Whether any of an entry's texts names a word of the item."""
    words = {key(w) for t in texts for s in sentences(t) for w in s.split() if len(w) > 2}
    return any(a == w or (len(a) >= _SAME_ROOT and a[:_SAME_ROOT] == w[:_SAME_ROOT])
               for a in item for w in words)
