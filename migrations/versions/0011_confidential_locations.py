"""confidential locations: a location whose address must never be published

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 19:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'confidential', sa.Boolean(), server_default=sa.false(), nullable=False,
            comment='The address must not be published: street, full postal code, coordinates '
                    '(docs/confidential-locations.md; extension)'))


def downgrade() -> None:
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_column('confidential')
