"""forms and cases: form drafts saved at every step, and intake cases (no client identity)

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("step_id", sa.String(64), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("prompt_message_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_form_drafts_telegram_id", "form_drafts", ["telegram_id"])
    op.create_index("ix_form_drafts_status", "form_drafts", ["status"])
    op.create_index("ix_form_drafts_updated_at", "form_drafts", ["updated_at"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(40), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("route", sa.String(32), nullable=True),
        sa.Column("case_owner", sa.String(48), nullable=True),
        sa.Column("follow_up_owner", sa.BigInteger(), nullable=True),
        sa.Column("support_form", sa.String(48), nullable=True),
        sa.Column("arena", sa.String(48), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("follow_up_date", sa.Date(), nullable=True),
        sa.Column("decision_end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_cases_org", "cases", ["org"])
    op.create_index("ix_cases_created_by", "cases", ["created_by"])
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_created_at", "cases", ["created_at"])


def downgrade() -> None:
    for name in ("ix_cases_created_at", "ix_cases_status", "ix_cases_created_by", "ix_cases_org"):
        op.drop_index(name, table_name="cases")
    op.drop_table("cases")
    for name in ("ix_form_drafts_updated_at", "ix_form_drafts_status",
                 "ix_form_drafts_telegram_id"):
        op.drop_index(name, table_name="form_drafts")
    op.drop_table("form_drafts")
