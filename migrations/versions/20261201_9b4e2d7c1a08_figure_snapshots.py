"""figure_snapshots: the coordinator's programme figures, computed ahead

Revision ID: 9b4e2d7c1a08
Revises: 7f3a9c2e5b11
Create Date: 2026-12-01 08:25:00

"""
from alembic import op
import sqlalchemy as sa


revision = '9b4e2d7c1a08'
down_revision = '7f3a9c2e5b11'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'figure_snapshots',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_figure_snapshots')),
    )


def downgrade():
    op.drop_table('figure_snapshots')
