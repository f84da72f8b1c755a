"""View 6, measures done on time, overdue by age, repeat cases (reports/measures.py).

Its page, each table's CSV/XLSX, chart and records, added to the reports blueprint on import.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from reports import measures, section_views
from reports.views import bp

section_views.add_view(bp, "measures", _l("Measures"), measures.SPECS)
