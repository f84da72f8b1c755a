"""View 5, investigation health by inspectorate and inspector (reports/investigations.py).

Its page, each table's CSV/XLSX, chart and records, added to the reports blueprint on import.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from reports import investigations, section_views
from reports.headline import Filters
from reports.views import bp

section_views.add_view(bp, "investigations", _l("Investigation health"), investigations.SPECS)


@bp.app_template_global("approval_deadline")
def approval_deadline(f: Filters) -> str:
    """The page's note beside the days to approval (reports/investigations.approval_deadline)."""
    return investigations.approval_deadline(f)
