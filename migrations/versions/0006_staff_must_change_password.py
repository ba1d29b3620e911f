"""staff accounts: must_change_password (a one-time password from an admin is replaced at first sign-in)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing accounts chose their own passwords (CLI) or were told to: false for them.
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False,
                                      comment='Signed in with a one-time password an admin gave: only the password page until changed'))


def downgrade() -> None:
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
