"""votes per answer message: answers_sent gets the message id, one row per (user, message)

Answering no longer writes a row; the vote buttons carry the entry, and the first press
writes the row. The unique constraint is what makes a second press (or one after a restart)
count once.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers_sent") as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))
        batch_op.create_unique_constraint("uq_answers_sent_message",
                                          ["telegram_id", "message_id"])


def downgrade() -> None:
    with op.batch_alter_table("answers_sent") as batch_op:
        batch_op.drop_constraint("uq_answers_sent_message", type_="unique")
        batch_op.drop_column("message_id")
