"""reminders series: rule-moved reminders, per-user digest time, meeting series (/moten)

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminders") as batch_op:
        batch_op.add_column(sa.Column("moved_from", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("digest", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "reminder_prefs",
        sa.Column("telegram_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("digest_time", sa.String(5), nullable=False),
    )
    op.create_table(
        "meeting_series",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("org", sa.String(32), nullable=False),
        sa.Column("title", sa.String(80), nullable=False),
        sa.Column("rrule", sa.String(200), nullable=False),
        sa.Column("dtstart", sa.String(16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("planned_until", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_meeting_series_org", "meeting_series", ["org"])


def downgrade() -> None:
    op.drop_index("ix_meeting_series_org", table_name="meeting_series")
    op.drop_table("meeting_series")
    op.drop_table("reminder_prefs")
    with op.batch_alter_table("reminders") as batch_op:
        batch_op.drop_column("digest")
        batch_op.drop_column("moved_from")
