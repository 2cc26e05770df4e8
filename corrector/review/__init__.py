"""A person's decisions on findings, and what becomes of them.

``keys`` (content keys that survive edits) → ``store`` (SQLite, one transaction per decision)
→ ``session`` (what a key press means) → ``tui`` (the terminal); then ``resolve`` (find each
decision in the file as it is now) → ``patch`` / ``unified`` (write and read unified diffs) →
``changes`` / ``apply`` (the patch and the files) and ``auditlog`` (the decision log).
"""
