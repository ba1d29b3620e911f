"""Québec holidays and exceptions: a service's holiday rule, exceptional closures and special hours

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'holiday_rule', sa.String(length=200),
            comment='Québec holidays: empty (closed on statutory holidays unless open 7 days a week), closed, '
                    'open, or closed:KEY,... (directory/holidays.py; extension)'))
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'exception', sa.String(length=10),
            comment='Empty for regular hours; closed or hours: an exceptional closure or special hours from '
                    'valid_from to valid_to, replacing the regular hours on those days (extension)'))


def downgrade() -> None:
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.drop_column('exception')
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_column('holiday_rule')
