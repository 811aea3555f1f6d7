"""The finishers of the order and agreement forms (bot/forms/finishers.py registers them).

An order: saved with its number, the cost estimate for a private actor or association, the
municipality's coordinators told through the outbox. An agreement (bot/orders/agreements.py):
one year from its start; a coordinator's is active at once with reminders before it ends,
anyone else's is a request the coordinators are told of. Never commits.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.forms.engine import Answers
from bot.forms.finishers import FinishContext, FinishResult, register
from bot.forms.schema import Form
from bot.orders import agreements, billing, workflow
from bot.orders import config as orders_config
from bot.orders.billing import kronor
from bot.storage import orders as repo
from bot.storage import outbox, users


def _text(answers: Answers, key: str) -> str:
    value = answers.get(key)
    return "" if value is None else str(value).strip()


def _decimal(answers: Answers, key: str) -> Decimal:
    return Decimal(str(answers.get(key) or 0))


def estimate(org: str, answers: Answers) -> billing.Cost:
    cfg = orders_config.for_org(org)
    return billing.cost(_text(answers, "party_kind"), _decimal(answers, "est_hours"),
                        _decimal(answers, "est_km"), cfg.rates)


class OrderFinisher:
    purpose = "order"

    def preview(self, form: Form, answers: Answers) -> list[tuple[str, dict[str, object]]]:
        kind = _text(answers, "party_kind")
        if kind not in billing.PARTY_KINDS:
            return []
        if not billing.billable(kind):
            return [("order.preview.free", {})]
        cfg = orders_config.for_org(form.org)
        cost = estimate(form.org, answers)
        return [("order.preview.cost", {
            "amount": kronor(cost.total), "supervisor": kronor(cost.supervisor),
            "fuel": kronor(cost.fuel), "hourly": kronor(cfg.rates.supervisor_hourly_sek),
            "per_km": kronor(cfg.rates.fuel_per_km_sek)})]

    async def save(self, session: AsyncSession, ctx: FinishContext) -> FinishResult:
        cfg = orders_config.for_org(ctx.org)
        a = ctx.answers
        start = date.fromisoformat(_text(a, "wanted_from"))
        days = int(_decimal(a, "days"))
        order = await repo.add_order(
            session, org=ctx.org, prefix=cfg.order_prefix, service=_text(a, "service"),
            party_name=_text(a, "party_name"), party_kind=_text(a, "party_kind"),
            description=_text(a, "description"), location=_text(a, "location") or None,
            wanted_from=start, wanted_to=start + timedelta(days=days - 1),
            est_hours=_decimal(a, "est_hours"), est_km=int(_decimal(a, "est_km")),
            contact_role=_text(a, "contact_role"), requester_telegram_id=ctx.telegram_id,
            now=ctx.now)
        params: dict[str, object] = {
            "number": order.number, "party": order.party_name,
            "kind_key": f"order.kind.{order.party_kind}",
            "group": cfg.group_label(order.service, "sv"), "from_date": start.isoformat()}
        for coordinator in await users.active_with_role(session, ctx.org, "coordinator"):
            await outbox.enqueue(session, f"order:{order.id}:new:{coordinator.telegram_id}",
                                 coordinator.telegram_id, "order.notice.new", params)
        return FinishResult("order.saved", {"number": order.number})


class AgreementFinisher:
    purpose = "agreement"

    def preview(self, form: Form, answers: Answers) -> list[tuple[str, dict[str, object]]]:
        start = _text(answers, "start_date")
        if not start:
            return []
        return [("agreement.preview.end",
                 {"end_date": agreements.one_year_from(date.fromisoformat(start)).isoformat()})]

    async def save(self, session: AsyncSession, ctx: FinishContext) -> FinishResult:
        start = date.fromisoformat(_text(ctx.answers, "start_date"))
        end = agreements.one_year_from(start)
        user = await users.get_by_telegram_id(session, ctx.telegram_id)
        coordinator = user is not None and user.role == "coordinator" and user.org == ctx.org
        row = await repo.add_agreement(
            session, org=ctx.org, party_name=_text(ctx.answers, "party_name"),
            scope=_text(ctx.answers, "scope"), start_date=start, end_date=end,
            created_by=ctx.telegram_id, now=ctx.now,
            status="active" if coordinator else "requested")
        params = agreements.params_of(row)
        if not coordinator:
            for c in await users.active_with_role(session, ctx.org, "coordinator"):
                await outbox.enqueue(session, f"agreement:{row.id}:requested:{c.telegram_id}",
                                     c.telegram_id, "agreement.notice.requested", params)
            return FinishResult("agreement.requested", params)
        count = await agreements.remind_before_end(session, row, ctx.telegram_id, ctx.now)
        return FinishResult("agreement.saved", {**params, "reminders": count})


class CompletionFinisher:
    """A coordinator's "Utförd" with the actual hours and km (the order preset in the draft)."""

    purpose = "order_complete"

    def preview(self, form: Form, answers: Answers) -> list[tuple[str, dict[str, object]]]:
        return []

    async def save(self, session: AsyncSession, ctx: FinishContext) -> FinishResult:
        order_id = ctx.answers.get("order_id")
        hours = _decimal(ctx.answers, "actual_hours").quantize(Decimal("0.01"))
        km = int(_decimal(ctx.answers, "actual_km"))
        if not isinstance(order_id, int):
            return FinishResult("order.err.gone", {})
        result = await workflow.act(session, order_id, ctx.org, "complete", now=ctx.now,
                                    figures=(hours, km))
        if isinstance(result, workflow.Refused):
            return FinishResult(result.key, {})
        return FinishResult("order.completed", {"number": result.order.number})


register(OrderFinisher())
register(AgreementFinisher())
register(CompletionFinisher())
