"""safety representative role; HMS categories

Revision ID: a3f9c2d18e47
Revises: c1785a338719
Create Date: 2026-12-01 07:50:00

A new role ``safety_rep`` (verneombud) on people and sign-in group mappings, and
``categories.hms``: violence and staff injury are HMS in every existing unit.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3f9c2d18e47'
down_revision = 'c1785a338719'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('worker', 'leader', 'coordinator')"
NEW_ROLES = "role IN ('worker', 'leader', 'coordinator', 'safety_rep')"
HMS_CODES = ('violence', 'staff_injury')


def _roles(check):
    for table in ('users', 'sso_group_mappings'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'ck_{table}_valid_role'), type_='check')
            batch_op.create_check_constraint(batch_op.f(f'ck_{table}_valid_role'), check)


def upgrade():
    _roles(NEW_ROLES)
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hms', sa.Boolean(), nullable=False, server_default=sa.false()))
    categories = sa.table('categories', sa.column('code', sa.String), sa.column('hms', sa.Boolean))
    op.execute(categories.update().where(categories.c.code.in_(HMS_CODES)).values(hms=True))


def downgrade():
    # A safety representative has no role before this revision: they lose access.
    users = sa.table('users', sa.column('role', sa.String), sa.column('active', sa.Boolean))
    op.execute(users.update().where(users.c.role == 'safety_rep').values(role='worker', active=False))
    mappings = sa.table('sso_group_mappings', sa.column('role', sa.String))
    op.execute(mappings.delete().where(mappings.c.role == 'safety_rep'))
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.drop_column('hms')
    _roles(OLD_ROLES)
