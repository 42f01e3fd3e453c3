"""injury register: the injured employee and the injury, per HMS deviation

Revision ID: b7e4d91c0a52
Revises: a3f9c2d18e47
Create Date: 2026-12-01 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e4d91c0a52'
down_revision = 'a3f9c2d18e47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('injury_records',
    sa.Column('deviation_id', sa.String(length=36), nullable=False),
    sa.Column('person_ref', sa.String(length=20), nullable=False),
    sa.Column('injury', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['deviation_id'], ['deviations.id'], name=op.f('fk_injury_records_deviation_id_deviations')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_injury_records_updated_by_id_users')),
    sa.PrimaryKeyConstraint('deviation_id', name=op.f('pk_injury_records'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('injury_person_ref', sa.String(length=20), nullable=False, server_default='employee_number'))


def downgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('injury_person_ref')
    op.drop_table('injury_records')
