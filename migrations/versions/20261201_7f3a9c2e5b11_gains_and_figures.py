"""Gains on ideas, the programme's settings, and the milestones the figures count

Revision ID: 7f3a9c2e5b11
Revises: c1785a338719
Create Date: 2026-12-01 07:45:00

The milestone columns (an idea's first decision and done time, a deviation's
first response and closing time) are filled from the history that is already
there, by the same rules app/services/history.py keeps them with.
"""
from alembic import op
import sqlalchemy as sa


revision = '7f3a9c2e5b11'
down_revision = 'c1785a338719'
branch_labels = None
depends_on = None

RESPONSES = ("status_changed", "reopened", "measure_added", "measure_done",
             "measure_reopened", "idea_created_from_deviation")


def upgrade():
    op.create_table(
        'idea_gains',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.String(length=36), nullable=False),
        sa.Column('stage', sa.String(length=20), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('minutes_per_week', sa.Integer(), nullable=True),
        sa.Column('kroner_per_year', sa.Integer(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("stage IN ('expected', 'realised')", name=op.f('ck_idea_gains_valid_stage')),
        sa.CheckConstraint("kind IN ('time', 'quality', 'safety', 'working_environment', 'money')", name=op.f('ck_idea_gains_valid_kind')),
        sa.CheckConstraint('minutes_per_week IS NULL OR minutes_per_week >= 0', name=op.f('ck_idea_gains_minutes')),
        sa.CheckConstraint('kroner_per_year IS NULL OR kroner_per_year >= 0', name=op.f('ck_idea_gains_kroner')),
        sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_gains_idea_id_ideas')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_idea_gains_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_gains')),
        sa.UniqueConstraint('idea_id', 'stage', name='uq_idea_gains_idea_stage'),
    )
    with op.batch_alter_table('idea_gains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_gains_idea_id'), ['idea_id'], unique=False)

    op.create_table(
        'programme_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('hours_per_arsverk', sa.Integer(), nullable=False),
        sa.Column('hours_source', sa.Text(), nullable=True),
        sa.Column('hourly_cost', sa.Integer(), nullable=True),
        sa.Column('hourly_cost_source', sa.Text(), nullable=True),
        sa.Column('repeat_threshold', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('id = 1', name=op.f('ck_programme_settings_one_row')),
        sa.CheckConstraint('hours_per_arsverk > 0', name=op.f('ck_programme_settings_hours_positive')),
        sa.CheckConstraint('hourly_cost IS NULL OR hourly_cost >= 0', name=op.f('ck_programme_settings_cost_positive')),
        sa.CheckConstraint('repeat_threshold >= 2', name=op.f('ck_programme_settings_repeat_threshold')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_programme_settings_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_settings')),
    )

    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('done_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_ideas_unit_created', ['unit_id', 'created_at'], unique=False)
        batch_op.create_index('ix_ideas_unit_decided', ['unit_id', 'decided_at'], unique=False)
        batch_op.create_index('ix_ideas_unit_done', ['unit_id', 'done_at'], unique=False)
        batch_op.create_index('ix_ideas_reporter_created', ['reporter_id', 'created_at'], unique=False)
    with op.batch_alter_table('deviations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_response_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_deviations_unit_created', ['unit_id', 'created_at'], unique=False)
        batch_op.create_index('ix_deviations_unit_response', ['unit_id', 'first_response_at'], unique=False)
        batch_op.create_index('ix_deviations_unit_closed', ['unit_id', 'closed_at'], unique=False)
        batch_op.create_index('ix_deviations_reporter_created', ['reporter_id', 'created_at'], unique=False)

    responses = ", ".join(f"'{a}'" for a in RESPONSES)
    op.execute(
        "UPDATE ideas SET "
        "decided_at = (SELECT min(e.at) FROM events e WHERE e.idea_id = ideas.id "
        "AND e.action IN ('status_changed', 'just_done') AND e.from_status = 'new'), "
        "done_at = (SELECT min(e.at) FROM events e WHERE e.idea_id = ideas.id "
        "AND e.to_status = 'done')"
    )
    op.execute(
        "UPDATE deviations SET "
        "first_response_at = (SELECT min(e.at) FROM events e WHERE e.deviation_id = deviations.id "
        f"AND e.action IN ({responses})), "
        "closed_at = CASE WHEN status = 'closed' THEN (SELECT max(e.at) FROM events e "
        "WHERE e.deviation_id = deviations.id AND e.to_status = 'closed') END"
    )


def downgrade():
    with op.batch_alter_table('deviations', schema=None) as batch_op:
        batch_op.drop_index('ix_deviations_reporter_created')
        batch_op.drop_index('ix_deviations_unit_closed')
        batch_op.drop_index('ix_deviations_unit_response')
        batch_op.drop_index('ix_deviations_unit_created')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('first_response_at')
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_ideas_reporter_created')
        batch_op.drop_index('ix_ideas_unit_done')
        batch_op.drop_index('ix_ideas_unit_decided')
        batch_op.drop_index('ix_ideas_unit_created')
        batch_op.drop_column('done_at')
        batch_op.drop_column('decided_at')
    op.drop_table('programme_settings')
    with op.batch_alter_table('idea_gains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_gains_idea_id'))
    op.drop_table('idea_gains')
