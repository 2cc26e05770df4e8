"""corrector: find and fix the slips OCR and transcription leave in English texts of 1890-1935."""

__version__ = "0.1.0"
