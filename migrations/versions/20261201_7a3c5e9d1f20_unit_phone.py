"""A unit's phone number, offered on the tablet when a deviation is critical.

Revision ID: 7a3c5e9d1f20
Revises: c1785a338719
Create Date: 2026-12-01 08:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a3c5e9d1f20'
down_revision = 'c1785a338719'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('phone')
