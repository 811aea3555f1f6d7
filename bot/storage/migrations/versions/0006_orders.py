"""orders, agreements, compilations: service orders and their compilation (issue 14)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("number", sa.String(24), nullable=False),
        sa.Column("service", sa.String(32), nullable=False),
        sa.Column("party_name", sa.String(80), nullable=False),
        sa.Column("party_kind", sa.String(16), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(120), nullable=True),
        sa.Column("wanted_from", sa.Date(), nullable=True),
        sa.Column("wanted_to", sa.Date(), nullable=True),
        sa.Column("est_hours", sa.Numeric(8, 2), nullable=False),
        sa.Column("est_km", sa.Integer(), nullable=False),
        sa.Column("contact_role", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decline_reason", sa.String(300), nullable=True),
        sa.Column("scheduled_date", sa.Date(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actual_hours", sa.Numeric(8, 2), nullable=True),
        sa.Column("actual_km", sa.Integer(), nullable=True),
        sa.Column("requester_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("org", "number", name="uq_orders_org_number"),
    )
    op.create_index("ix_orders_org", "orders", ["org"])
    op.create_index("ix_orders_requester_telegram_id", "orders", ["requester_telegram_id"])
    op.create_index("ix_orders_created_at", "orders", ["created_at"])
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("party_name", sa.String(80), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_agreements_org", "agreements", ["org"])
    op.create_table(
        "compilations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("org", "period", name="uq_compilations_org_period"),
    )


def downgrade() -> None:
    op.drop_table("compilations")
    op.drop_index("ix_agreements_org", table_name="agreements")
    op.drop_table("agreements")
    op.drop_index("ix_orders_created_at", table_name="orders")
    op.drop_index("ix_orders_requester_telegram_id", table_name="orders")
    op.drop_index("ix_orders_org", table_name="orders")
    op.drop_table("orders")
