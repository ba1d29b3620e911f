"""Live capacity (HSDS 3.1): the unit and service_capacity tables

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 19:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No rows: the vocabulary's units are added by directory.capacity.ensure_units when a count is
    # first set (or the demo is built), so an empty database stays empty (the query-log database
    # shares this schema and must hold nothing but the log: tests/functional/needs).
    op.create_table('unit',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name_fr', sa.String(length=255), nullable=False),
    sa.Column('name_en', sa.String(length=255), nullable=True),
    sa.Column('scheme', sa.String(length=100), nullable=True),
    sa.Column('identifier', sa.String(length=100), nullable=True, comment='Key of directory.vocabulary.CAPACITY_UNITS when scheme is portail211'),
    sa.Column('uri', sa.String(length=500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit'))
    )
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_identifier'), ['identifier'], unique=False)

    op.create_table('service_capacity',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('available', sa.Integer(), nullable=False, comment='Units free at `updated` (a whole number, >= 0)'),
    sa.Column('maximum', sa.Integer(), nullable=True),
    sa.Column('description_fr', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('updated', sa.DateTime(timezone=True), nullable=False, comment='When the count was given (HSDS 3.1.1: date-time)'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_service_capacity_service_id_service'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_service_capacity_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_capacity')),
    sa.UniqueConstraint('service_id', 'unit_id', name=op.f('uq_service_capacity_service_id'))
    )
    with op.batch_alter_table('service_capacity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_capacity_service_id'), ['service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_capacity_unit_id'), ['unit_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('service_capacity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_capacity_unit_id'))
        batch_op.drop_index(batch_op.f('ix_service_capacity_service_id'))

    op.drop_table('service_capacity')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_identifier'))

    op.drop_table('unit')
