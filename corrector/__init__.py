"""corrector: find and fix the slips OCR and transcription leave in English texts of 1890-1935."""

import os as _os
import sys as _sys

__version__ = "0.1.0"

# corrector does no linear algebra, but numpy's OpenBLAS starts a thread per core when
# numpy is imported: half of numpy's import time (measured 0.05 of 0.10 s), paid by every
# process and every ``--jobs`` worker. Unless the caller chose a number, or loaded numpy
# already, ask for one thread.
if "numpy" not in _sys.modules:
    _os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
