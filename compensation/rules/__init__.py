"""The law as pure functions: Labour Code of the Kyrgyz Republic (2004), chapter 18, arts. 225-272, and
the Labour Code of 2025, chapter 21, arts. 210-228 (with the Civil Code, Part II, chapter 51).

The rules are written once, with the 2004 Code's article numbers; :mod:`.regime` decides which Code
governs a day (28 January 2025, LC-2025 art. 11) and maps every article cited to its 2025 counterpart
(``regime.LC_2025``: 235 -> 214, 245 -> 218(7), 249-251 -> 221-223, 260 -> 224, 265 -> 227, 269 ->
228, 230 part 4 -> CC 1011(4), 255 -> CC 1021 ...). Only the one-time benefit differs in substance
(:mod:`.one_time`: LC-2025 art. 219, Cabinet Resolution No. 465).

One module per part of the law, each listing its articles:

* :mod:`.liability` - arts. 226-230;
* :mod:`.earnings` - arts. 234, 236-238 (AME, indexation, base of month m);
* :mod:`.injury` - arts. 235, 244-245, 247, 260-265;
* :mod:`.death` - arts. 249-252;
* :mod:`.schedule` - arts. 257, 260, 264 (due dates, the 3-year limit);
* :mod:`.penalties` - arts. 264, 269 (payments applied, penalties);
* :mod:`.capitalisation` - art. 255; :mod:`.care_home` - art. 266;
* :mod:`.extras` - arts. 242, 243, 244-245, 248, 253, 271 (optional sections);
* :mod:`.regime` - the Code of a day, the article map; :mod:`.one_time` - LC-2025 art. 219;
* :mod:`.dates` - month arithmetic; :mod:`.trace` and :mod:`.trace_text` - the trace.

:func:`.statement.compute` composes them. Nothing here imports Flask, SQLAlchemy,
marshmallow or ``core``; the only third-party import is PyYAML (parameter tables).
"""
