"""A paragraph answers a paragraph question only when it is a paragraph of the law asked about.

Staff ask "vilken paragraf i OSL gäller"; an entry that leads with what the guideline does state
(the duty to document under 4 kap. 2 § SoL) holds a paragraph, but of another law.
"""

from __future__ import annotations

from bot.knowledge.facts import lacks_asked_fact
from bot.knowledge.text import stem

SOL = ("Biståndsbeslutet enligt 4 kap. 2 § SoL innebär att dokumentationsskyldighet föreligger. "
       "Något avsnitt om sekretess har riktlinjen inte, och den hänvisar inte till OSL.")


def test_a_paragraph_of_another_law_is_no_answer():
    assert lacks_asked_fact("Vilken paragraf i OSL gäller sekretessen?", SOL, stem) == "missing"
    assert lacks_asked_fact("vilken paragraf i sekretesslagen galler", SOL, stem) == "missing"


def test_a_paragraph_of_the_law_asked_about_answers():
    assert lacks_asked_fact("Vilken paragraf i SoL gäller biståndet?", SOL, stem) is None
    assert lacks_asked_fact("vilken paragraf i socialtjänstlagen", SOL, stem) is None


def test_a_paragraph_question_naming_no_law_takes_any_paragraph():
    assert lacks_asked_fact("Vilken paragraf gäller biståndet?", SOL, stem) is None


def test_the_osl_paragraph_question_gets_no_confident_sol_answer(kb):
    reply = kb.ask("vilken paragraf i osl gäller sekretessen på jobbtorg", "stockholm", "sv")
    assert reply.abstained or reply.cards[0].entry_id != "stockholm.sekretess"
