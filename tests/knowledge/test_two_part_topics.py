"""Two questions in one message that both land on one entry: the part that fits it less well
takes its own next entry, and an entry sure of both parts answers them as one."""

from __future__ import annotations


def test_who_employs_and_who_is_the_contact_get_one_card_each(kb):
    reply = kb.ask("vem anstaller en person med osa och vem ar kontaktperson da", "danderyd", "sv")
    assert [p.card.entry_id if p.card else None for p in reply.parts] == [
        "danderyd.osa.vad", "danderyd.osa.kontaktperson"]
    assert "Personen anställs av Socialförvaltningen" in reply.parts[0].card.answer


def test_an_entry_sure_of_both_parts_answers_them_as_one(kb):
    reply = kb.ask("jag undrar om det finns en koordinator och vem som betalar den", "avesta",
                   "sv")
    assert not reply.parts and not reply.abstained
    assert reply.cards[0].entry_id == "avesta.finansiering.koordinator"
