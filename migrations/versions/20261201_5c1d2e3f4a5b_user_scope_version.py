"""users.scope_version: raised when a person's role or unit changes (pull cursors expire)

Revision ID: 5c1d2e3f4a5b
Revises: 37d619838681
Create Date: 2026-12-01 04:10:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5c1d2e3f4a5b'
down_revision = '37d619838681'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('scope_version', sa.Integer(), server_default='0', nullable=False)
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('scope_version')
