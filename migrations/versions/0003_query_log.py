"""query log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 20:52:52.264627
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('query_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('searched_hour', sa.DateTime(), nullable=False, comment='Local wall-clock hour in America/Montreal (privacy)'),
    sa.Column('channel', sa.String(length=10), nullable=False, comment='web, widget or api'),
    sa.Column('locale', sa.String(length=2), nullable=False),
    sa.Column('query', sa.String(length=200), nullable=False, comment='Folded and scrubbed of personal information'),
    sa.Column('need', sa.String(length=120), nullable=False, comment='The query reduced to its content words'),
    sa.Column('category', sa.String(length=40), nullable=False, comment="Top-level taxonomy code, '' when unmapped"),
    sa.Column('filters', sa.String(length=500), nullable=False, comment='JSON: facet names and values, no free text'),
    sa.Column('fsa', sa.String(length=3), nullable=False, comment="Postal FSA of the place searched from, or ''"),
    sa.Column('region_code', sa.String(length=2), nullable=False, comment="Administrative region 01-17, or ''"),
    sa.Column('results', sa.Integer(), nullable=True, comment='Total results; NULL when the search failed'),
    sa.Column('zero_result', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_query_log'))
    )
    with op.batch_alter_table('query_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_query_log_searched_hour'), ['searched_hour'], unique=False)

    op.create_table('search_week',
    sa.Column('week', sa.Date(), nullable=False, comment='Monday of the local week'),
    sa.Column('region_code', sa.String(length=2), nullable=False, comment="'' when unknown"),
    sa.Column('category', sa.String(length=40), nullable=False, comment="'' when unmapped"),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('locale', sa.String(length=2), nullable=False),
    sa.Column('searches', sa.Integer(), nullable=False),
    sa.Column('zero_results', sa.Integer(), nullable=False),
    sa.Column('few_results', sa.Integer(), nullable=False, comment='1 to 3 results'),
    sa.PrimaryKeyConstraint('week', 'region_code', 'category', 'channel', 'locale', name=op.f('pk_search_week'))
    )
    with op.batch_alter_table('search_week', schema=None) as batch_op:
        batch_op.create_index('ix_search_week_cube', ['week', 'region_code', 'category', 'searches', 'zero_results', 'few_results'], unique=False)

    op.create_table('unmet_need_week',
    sa.Column('week', sa.Date(), nullable=False, comment='Monday of the local week'),
    sa.Column('need', sa.String(length=120), nullable=False),
    sa.Column('region_code', sa.String(length=2), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('zero_results', sa.Integer(), nullable=False),
    sa.Column('few_results', sa.Integer(), nullable=False, comment='1 to 3 results'),
    sa.PrimaryKeyConstraint('week', 'need', 'region_code', 'category', name=op.f('pk_unmet_need_week'))
    )
    with op.batch_alter_table('unmet_need_week', schema=None) as batch_op:
        batch_op.create_index('ix_unmet_need_week_week_region', ['week', 'region_code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('unmet_need_week', schema=None) as batch_op:
        batch_op.drop_index('ix_unmet_need_week_week_region')

    op.drop_table('unmet_need_week')
    with op.batch_alter_table('search_week', schema=None) as batch_op:
        batch_op.drop_index('ix_search_week_cube')

    op.drop_table('search_week')
    with op.batch_alter_table('query_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_query_log_searched_hour'))

    op.drop_table('query_log')
