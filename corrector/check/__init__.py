"""``corrector check``: the CI gate over the scan pipeline.

The gate is the scan's findings seen through a project's settings (confidence, kinds, files),
minus what a content-keyed baseline already accepted, rendered for the CI system reading it.
Each step is its own module so that a format or a file selector can change alone:

- ``config``: ``[tool.corrector]`` / ``corrector.toml`` and the command line over it;
- ``select``: which files (include/exclude globs); ``gitchanged``: ``--changed-since REV``;
- ``keys``: where a finding ends and the words around it (what baselines and fingerprints key on);
- ``baseline``: today's accepted findings, matched by content, stale entries reported;
- ``formats``: text, GitHub annotations, SARIF, JSON and JUnit over one ``CheckReport``;
- ``runner``: the orchestration the command calls.
"""
