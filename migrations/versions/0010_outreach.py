"""outreach: organizations' signed update links, their proposed changes, reminders sent

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 16:02:43.506259
"""
import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outreach_link',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False, comment="What the link may do: 'update'"),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=255), nullable=False, comment="Staff email, or 'reminder'"),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_outreach_link_organization_id_organization'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_link'))
    )
    with op.batch_alter_table('outreach_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_link_organization_id'), ['organization_id'], unique=False)

    op.create_table('outreach_proposal',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('submission_id', sa.String(length=36), nullable=False),
    sa.Column('link_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('resource_type', sa.String(length=50), nullable=False),
    sa.Column('resource_id', sa.String(length=36), nullable=False),
    sa.Column('field_name', sa.String(length=100), nullable=False),
    sa.Column('previous_value', sa.Text(), nullable=False, comment='The value when proposed'),
    sa.Column('proposed_value', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False, comment='pending, accepted or rejected'),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=255), nullable=True, comment='Staff email'),
    sa.Column('note', sa.Text(), nullable=True, comment="The curator's note to the organization"),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=True, comment='When the organization was told the outcome'),
    sa.ForeignKeyConstraint(['link_id'], ['outreach_link.id'], name=op.f('fk_outreach_proposal_link_id_outreach_link'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_outreach_proposal_organization_id_organization'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_proposal'))
    )
    with op.batch_alter_table('outreach_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_proposal_link_id'), ['link_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_proposal_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_outreach_proposal_status_created', ['status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_proposal_submission_id'), ['submission_id'], unique=False)

    op.create_table('outreach_reminder',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False, comment='Montréal day of the run'),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False, comment='sent, failed, bounced or no_address'),
    sa.Column('recipient', sa.String(length=255), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('link_id', sa.String(length=36), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True, comment='First confirmation or proposal after it'),
    sa.ForeignKeyConstraint(['link_id'], ['outreach_link.id'], name=op.f('fk_outreach_reminder_link_id_outreach_link'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_outreach_reminder_organization_id_organization'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_reminder')),
    sa.UniqueConstraint('organization_id', 'sent_on', name=op.f('uq_outreach_reminder_organization_id'))
    )
    with op.batch_alter_table('outreach_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_reminder_answered_at'), ['answered_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_reminder_link_id'), ['link_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outreach_reminder_organization_id'), ['organization_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outreach_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_reminder_organization_id'))
        batch_op.drop_index(batch_op.f('ix_outreach_reminder_link_id'))
        batch_op.drop_index(batch_op.f('ix_outreach_reminder_answered_at'))

    op.drop_table('outreach_reminder')
    with op.batch_alter_table('outreach_proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_proposal_submission_id'))
        batch_op.drop_index('ix_outreach_proposal_status_created')
        batch_op.drop_index(batch_op.f('ix_outreach_proposal_organization_id'))
        batch_op.drop_index(batch_op.f('ix_outreach_proposal_link_id'))

    op.drop_table('outreach_proposal')
    with op.batch_alter_table('outreach_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outreach_link_organization_id'))

    op.drop_table('outreach_link')
