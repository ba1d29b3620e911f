"""index journal: services updated live, replayed onto a new index after a rebuild swaps

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'index_journal',
        sa.Column('service_id', sa.String(length=36), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('service_id', name=op.f('pk_index_journal')),
    )
    with op.batch_alter_table('index_journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_index_journal_changed_at'), ['changed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('index_journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_index_journal_changed_at'))
    op.drop_table('index_journal')
