"""The law as pure functions: Labour Code of the Kyrgyz Republic (2004), chapter 18, arts. 225-272.

One module per part of the law, each listing its articles:

* :mod:`.liability` - arts. 226-230;
* :mod:`.earnings` - arts. 234, 236-238 (AME, indexation, base of month m);
* :mod:`.injury` - arts. 235, 244-245, 247, 260-265;
* :mod:`.death` - arts. 249-252;
* :mod:`.schedule` - arts. 257, 260, 264 (due dates, the 3-year limit);
* :mod:`.penalties` - arts. 264, 269 (payments applied, penalties);
* :mod:`.capitalisation` - art. 255; :mod:`.care_home` - art. 266;
* :mod:`.extras` - arts. 242, 243, 244-245, 248, 253, 271 (optional sections);
* :mod:`.dates` - month arithmetic; :mod:`.trace` and :mod:`.trace_text` - the trace.

:func:`.statement.compute` composes them. Nothing here imports Flask, SQLAlchemy,
marshmallow or ``core``; the only third-party import is PyYAML (parameter tables).
"""
