"""error reports

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 20:23:41.684383
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('error_report',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('contact_email', sa.String(length=255), nullable=True, comment='Optional, given by the reader so a curator can reply'),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False, comment='Truncated to the hour (privacy)'),
    sa.Column('status', sa.String(length=10), nullable=False, comment='new or resolved'),
    sa.Column('locale', sa.String(length=2), nullable=False, comment='Language of the page the report came from'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], name=op.f('fk_error_report_service_id_service'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_error_report'))
    )
    with op.batch_alter_table('error_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_error_report_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_error_report_service_id'), ['service_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_error_report_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('error_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_error_report_status'))
        batch_op.drop_index(batch_op.f('ix_error_report_service_id'))
        batch_op.drop_index(batch_op.f('ix_error_report_created_at'))

    op.drop_table('error_report')
