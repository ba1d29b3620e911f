"""unmet need days: on which weekdays a need was searched (published phrases need 3 different days)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 16:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unmet_need_week', schema=None) as batch_op:
        batch_op.add_column(sa.Column('days', sa.Integer(), server_default='0', nullable=False,
                                      comment='Bit d set when searched on weekday d (Monday = bit 0)'))


def downgrade() -> None:
    with op.batch_alter_table('unmet_need_week', schema=None) as batch_op:
        batch_op.drop_column('days')
