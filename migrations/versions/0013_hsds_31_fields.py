"""HSDS 3.1 fields: the url table (additional websites and URLs), service_area.service_at_location_id

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 19:00:00.000000
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('url',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('label_fr', sa.String(length=255), nullable=True),
    sa.Column('label_en', sa.String(length=255), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=True),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_url_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_url_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_url'))
    )
    with op.batch_alter_table('url', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_url_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_url_service_id'), ['service_id'], unique=False)

    with op.batch_alter_table('service_area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('service_at_location_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_service_area_service_at_location_id'), ['service_at_location_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_service_area_service_at_location_id_service_at_location'), 'service_at_location', ['service_at_location_id'], ['id'], ondelete='CASCADE')


def downgrade() -> None:
    with op.batch_alter_table('service_area', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_service_area_service_at_location_id_service_at_location'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_service_area_service_at_location_id'))
        batch_op.drop_column('service_at_location_id')

    with op.batch_alter_table('url', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_url_service_id'))
        batch_op.drop_index(batch_op.f('ix_url_organization_id'))
    op.drop_table('url')
