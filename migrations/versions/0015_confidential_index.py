"""index location.confidential: the public loader asks for the confidential ids on every API
request and export (directory/hsds/load.py, Loader.confidential); on the 15k demo (9,754
locations, SQLite) 1.10 ms per request as a scan, 0.06 ms with the index

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 21:00:00.000000
"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.create_index('ix_location_confidential', ['confidential'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_index('ix_location_confidential')
