"""employers and users: their names folded for search, so any part of a name in any case is found

SQLite's lower() and LIKE fold ASCII only, and PostgreSQL's lower() follows the cluster's locale:
neither finds «ала-тоо» in «ОАО «Ала-Тоо Кен»». The application keeps the folded text
(core.db.keep_folded), as it already did for victims; this fills it for the rows already there.

Revision ID: 0007_name_search
Revises: 0006_user_sessions
Create Date: 2026-12-01 22:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_name_search"
down_revision = "0006_user_sessions"
branch_labels = None
depends_on = None

#: table -> (the new column's length, the columns folded into it)
FOLDED = {"employer": (300, ("name",)), "user": (460, ("full_name", "email"))}


def upgrade() -> None:
    connection = op.get_bind()
    for table, (length, sources) in FOLDED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("name_search", sa.String(length=length), server_default="", nullable=False)
            )
        rows = sa.table(table, sa.column("id"), sa.column("name_search"), *(sa.column(c) for c in sources))
        for row in connection.execute(sa.select(rows.c.id, *(rows.c[c] for c in sources))).all():
            folded = " ".join((value or "").casefold() for value in row[1:])
            connection.execute(sa.update(rows).where(rows.c.id == row[0]).values(name_search=folded))


def downgrade() -> None:
    for table in FOLDED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("name_search")
