"""A reviewer's probes of /sammanstall: a period that does not exist, nonsense, a period that
has not begun, a staff member, a municipality without orders."""

from __future__ import annotations

from tests.helpers.chat import texts


async def test_periods_that_cannot_be_compiled_are_explained(make_staff, api):
    boss = await make_staff(role="coordinator")
    for raw in ("/sammanstall 2026-7", "/sammanstall abc"):
        assert "Skriv perioden som ÅR-N" in texts(await boss.say(raw)), raw
    shown = await boss.say("/sammanstall 2099-1")
    assert "har inte börjat än" in texts(shown) and "1 jan. 2099" in texts(shown)
    assert [c.method for c in shown] == ["sendMessage"]  # no empty workbook
    assert "Sammanställning" in texts(await boss.say("/sammanstall 1999-1", expect=3))


async def test_only_coordinators_of_municipalities_with_orders_compile(make_staff):
    staff = await make_staff(role="staff")
    assert "får du inte göra" in texts(await staff.say("/sammanstall"))
    avesta = await make_staff(role="coordinator", org="avesta")
    assert "inga beställningar" in texts(await avesta.say("/sammanstall"))
