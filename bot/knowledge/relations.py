"""Which entries belong together: id families, `related` links and shared comparison topics.

The search uses this to tell a near-tie between two sides of one topic (offered as
alternatives) from a near-tie between unrelated topics (a sign the question is unclear), and
the comparison reply uses the topics to find each municipality's entry.
"""

from __future__ import annotations

from bot.knowledge.schema import Pack


class Relations:
    """Entry families, related links and topics, built once from the packs."""

    def __init__(self, packs: dict[str, Pack]) -> None:
        # "org.busskort.egenavgift" and "org.busskort.etablering" are one family; "org.motas"
        # has none. Replicas ("…_x3") keep their original's family and relations.
        self._family: dict[str, str] = {}
        self._related: dict[str, frozenset[str]] = {}
        self.topics: dict[str, dict[str, str]] = {}  # topic -> municipality -> entry id
        for org, p in packs.items():
            for e in p.entries:
                head = e.id.rsplit(".", 1)[0]
                if head != org:
                    self._family[e.id] = head
                if e.related:
                    self._related[e.id] = frozenset(e.related)
                if e.topic:
                    self.topics.setdefault(e.topic, {}).setdefault(org, e.id)

    def siblings(self, a: str, b: str) -> bool:
        """Whether two entries belong to one topic: same id family, or one lists the other."""
        fa, fb = self._family.get(a), self._family.get(b)
        return (fa is not None and fa == fb) or b in self._related.get(a, ()) \
            or a in self._related.get(b, ())
