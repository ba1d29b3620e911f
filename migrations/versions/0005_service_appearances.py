"""service appearances: how often each service was shown on a first results page, per week

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 22:58:15.580907
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_appearance_week',
    sa.Column('week', sa.Date(), nullable=False, comment='Monday of the local week'),
    sa.Column('service_id', sa.String(length=36), nullable=False, comment='No foreign key: the log may live in another database'),
    sa.Column('appearances', sa.Integer(), nullable=False, comment='First result pages that showed it'),
    sa.PrimaryKeyConstraint('week', 'service_id', name=op.f('pk_service_appearance_week'))
    )


def downgrade() -> None:
    op.drop_table('service_appearance_week')
