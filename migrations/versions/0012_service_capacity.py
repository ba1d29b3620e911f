"""Live capacity (HSDS 3.1): the unit and service_capacity tables, and the units the portal knows

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-03 19:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None

# directory.vocabulary.unit_rows() as of this migration (copied: a migration never changes with the
# code); ids are uuid5(NAMESPACE_URL, "https://portail211.ca/hsds/units/<key>").
UNITS = [
    ('8ff9bf6b-8808-5b1d-86ee-d263963aba94', 'Lits', 'Beds', 'beds'),
    ('cb370c47-a8f7-55da-836d-21c0b80f04e0', 'Chambres', 'Rooms', 'rooms'),
    ('ba515299-b751-5b83-899c-e5ad328cb0fd', 'Rendez-vous', 'Appointments', 'appointments'),
    ('a7d7ab91-df53-5d37-9128-267861cf481d', 'Places', 'Places', 'places'),
    ('1340dde9-beae-5da0-8855-ba861688cb22', 'Paniers de nourriture', 'Food hampers', 'food_hampers'),
    ('b36325ee-8ffa-5b27-8211-ac971a880ae7', 'Repas', 'Meals', 'meals'),
]


def upgrade() -> None:
    unit = op.create_table('unit',
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

    op.bulk_insert(unit, [{'id': i, 'name_fr': fr, 'name_en': en, 'scheme': 'portail211', 'identifier': key,
                           'uri': None} for i, fr, en, key in UNITS])


def downgrade() -> None:
    with op.batch_alter_table('service_capacity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_capacity_unit_id'))
        batch_op.drop_index(batch_op.f('ix_service_capacity_service_id'))

    op.drop_table('service_capacity')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_identifier'))

    op.drop_table('unit')
