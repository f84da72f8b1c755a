"""View 5, investigation health by inspectorate and inspector (reports/investigations.py).

Its page, each table's CSV/XLSX, chart and records, added to the reports blueprint on import.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from reports import investigations, section_views
from reports.views import bp

section_views.add_view(bp, "investigations", _l("Investigation health"), investigations.SPECS)
