"""What a coordinator may do to an order, and telling the requester (through the outbox).

received (new) → accepted | declined; accepted → scheduled → done; a scheduled order can be
moved; anything not done can be declined. An action on another municipality's order, on an
order already past that step (a stale or double press) or with bad figures changes nothing
and returns the locales key of what to say. Never commits. No Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.orders import billing
from bot.orders import config as orders_config
from bot.storage import orders as repo
from bot.storage import outbox
from bot.storage.models import Order

ACTIONS: dict[str, tuple[frozenset[str], str]] = {
    "accept": (frozenset({"new"}), "accepted"),
    "decline": (frozenset({"new", "accepted", "scheduled"}), "declined"),
    "schedule": (frozenset({"new", "accepted", "scheduled"}), "scheduled"),
    "complete": (frozenset({"accepted", "scheduled"}), "done"),
}
DECLINE_REASONS = ("capacity", "scope", "dates", "other")
MAX_HOURS, MAX_KM = Decimal(500), 5000


@dataclass(frozen=True)
class Done:
    order: Order


@dataclass(frozen=True)
class Refused:
    key: str  # a locales key


async def act(session: AsyncSession, order_id: int, actor_org: str, action: str, *,
              now: datetime, reason: str | None = None, when: date | None = None,
              figures: tuple[Decimal, int] | None = None) -> Done | Refused:
    order = await repo.get_order(session, order_id)
    if order is None:
        return Refused("order.err.gone")
    if order.org != actor_org:
        return Refused("order.err.other_org")
    allowed, status = ACTIONS[action]
    if order.status not in allowed:
        return Refused("order.err.stale")
    if action == "decline" and reason not in DECLINE_REASONS:
        return Refused("order.err.stale")
    if action == "schedule" and (when is None or when < order.created_at.date()):
        return Refused("order.err.date")
    if action == "complete" and (figures is None or not (
            Decimal(0) < figures[0] <= MAX_HOURS and 0 <= figures[1] <= MAX_KM)):
        return Refused("order.err.figures")
    order.status, order.updated_at = status, now
    params: dict[str, object] = {"number": order.number}
    text_key = f"order.notice.{action}"
    if action == "decline":
        order.decline_reason = reason
        params["reason_key"] = f"order.reason.{reason}"
    elif action == "schedule" and when is not None:
        order.scheduled_date = when
        params["date"] = when.isoformat()
    elif action == "complete" and figures is not None:
        order.actual_hours, order.actual_km = figures
        order.completed_at = now
        cfg = orders_config.for_org(order.org)
        if billing.billable(order.party_kind):
            text_key = "order.notice.complete_billed"
            params["amount"] = billing.kronor(billing.cost(order.party_kind, figures[0],
                                                           figures[1], cfg.rates).total)
    await session.flush()
    await outbox.enqueue(session, f"order:{order.id}:{action}:{now.isoformat()}",
                         order.requester_telegram_id, text_key, params)
    return Done(order)
