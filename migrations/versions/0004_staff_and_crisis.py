"""staff and crisis: staff accounts, verification notes, report triage, crisis banners, index backlog

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 20:56:34.791333
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crisis_banner',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('title_fr', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=True),
    sa.Column('message_fr', sa.Text(), nullable=False),
    sa.Column('message_en', sa.Text(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=255), nullable=False, comment='Staff email'),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crisis_banner'))
    )
    with op.batch_alter_table('crisis_banner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crisis_banner_ends_at'), ['ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_crisis_banner_starts_at'), ['starts_at'], unique=False)

    op.create_table('index_backlog',
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('document_ids', sa.Text(), nullable=False, comment='Space-separated service_at_location ids known before the edit'),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('service_id', name=op.f('pk_index_backlog'))
    )
    op.create_table('staff_user',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=False, comment='Lowercased; the login name'),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False, comment='argon2id, PHC string'),
    sa.Column('role', sa.String(length=20), nullable=False, comment='curator, analyst or admin'),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=False, comment='Part of the session id: changing the password signs out every other session'),
    sa.Column('failed_logins', sa.Integer(), nullable=False, comment='Consecutive failures'),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True, comment='Lockout after repeated failures; doubles each time'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_user')),
    sa.UniqueConstraint('email', name=op.f('uq_staff_user_email'))
    )
    op.create_table('verification_note',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('resource_id', sa.String(length=36), nullable=False),
    sa.Column('resource_type', sa.String(length=50), nullable=False),
    sa.Column('verified_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('verified_by', sa.String(length=255), nullable=False, comment='Staff email'),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verification_note'))
    )
    with op.batch_alter_table('verification_note', schema=None) as batch_op:
        batch_op.create_index('ix_verification_note_resource', ['resource_type', 'resource_id'], unique=False)

    op.create_table('report_resolution',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('error_report_id', sa.String(length=36), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('resolved_by', sa.String(length=255), nullable=False, comment='Staff email'),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['error_report_id'], ['error_report.id'], name=op.f('fk_report_resolution_error_report_id_error_report'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_resolution'))
    )
    with op.batch_alter_table('report_resolution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_resolution_error_report_id'), ['error_report_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('report_resolution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_resolution_error_report_id'))

    op.drop_table('report_resolution')
    with op.batch_alter_table('verification_note', schema=None) as batch_op:
        batch_op.drop_index('ix_verification_note_resource')

    op.drop_table('verification_note')
    op.drop_table('staff_user')
    op.drop_table('index_backlog')
    with op.batch_alter_table('crisis_banner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crisis_banner_starts_at'))
        batch_op.drop_index(batch_op.f('ix_crisis_banner_ends_at'))

    op.drop_table('crisis_banner')
