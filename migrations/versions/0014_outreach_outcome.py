"""outreach_outcome: the outcome e-mail of each decided submission, retried when it failed

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 19:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outreach_outcome',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('submission_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False,
              comment='pending, sent, failed, bounced, no_address or given_up'),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('recipient', sa.String(length=255), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'],
                            name=op.f('fk_outreach_outcome_organization_id_organization'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outreach_outcome')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_outreach_outcome_submission_id'))
    )
    with op.batch_alter_table('outreach_outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outreach_outcome_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_outreach_outcome_status', ['status'], unique=False)
    # Submissions told before this table existed count as sent: no retry resends them.
    op.execute(
        "INSERT INTO outreach_outcome (id, submission_id, organization_id, status, attempts, created_at, "
        "last_attempt_at, sent_at) "
        "SELECT MIN(id), submission_id, MIN(organization_id), 'sent', 1, MIN(notified_at), MIN(notified_at), "
        "MIN(notified_at) FROM outreach_proposal WHERE notified_at IS NOT NULL GROUP BY submission_id")


def downgrade() -> None:
    with op.batch_alter_table('outreach_outcome', schema=None) as batch_op:
        batch_op.drop_index('ix_outreach_outcome_status')
        batch_op.drop_index(batch_op.f('ix_outreach_outcome_organization_id'))
    op.drop_table('outreach_outcome')
