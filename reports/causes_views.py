"""View 4, causes as a Pareto, incident type x severity, who gets hurt and when (reports/causes.py).

Its page, each table's CSV/XLSX, chart and records, added to the reports blueprint on import.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from reports import causes, section_views
from reports.views import bp

section_views.add_view(bp, "causes", _l("Causes"), causes.SPECS)
