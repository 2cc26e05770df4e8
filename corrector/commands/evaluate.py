"""``corrector eval``: measure the tool on your own corrected pages.

Reads ``NAME.ocr.txt`` / ``NAME.gt.txt`` pairs from a folder and prints detection precision,
recall and F1, top-1 correction, word error rate before and after ``fix``, and false flags per
10,000 words on the corrected text, with the definitions given in ``corrector.evaluate``.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from corrector.cli import (
    EXIT_CLEAN,
    EXIT_ERROR,
    DataOption,
    WordsOption,
    fail,
    load_model,
    load_user_words,
    out,
)
from corrector.fixing import DEFAULT_FIX_CONFIDENCE


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


LABELS = {
    "precision": "detection precision",
    "recall": "detection recall",
    "f1": "detection F1",
    "top1": "top-1 correction",
    "wer_before": "word error rate before",
    "wer_after": "word error rate after fix",
    "fix_gain": "share of word errors removed by fix",
    "clean_flags_per_10k": "false flags per 10k words (corrected text)",
}


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate_folder)


def evaluate_folder(
    folder: Annotated[Path, typer.Argument(help="Folder of NAME.ocr.txt / NAME.gt.txt pairs.")],
    min_confidence: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Count findings at or above this.")
    ] = 0.0,
    fix_confidence: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Confidence `fix` would apply at "
                                   "(default: as `fix` does by default).")
    ] = DEFAULT_FIX_CONFIDENCE,
    output_format: Annotated[EvalFormat, typer.Option("--format", "-f")] = EvalFormat.text,
    words: WordsOption = [],  # noqa: B006
    data: DataOption = None,
) -> None:
    """Measure detection and correction on aligned OCR / corrected pairs."""
    from corrector.evaluate import evaluate, load_pairs
    from corrector.files import InputError
    from corrector.scan import scan_text

    if not folder.is_dir():
        fail(f"{folder}: no such folder")
        raise typer.Exit(EXIT_ERROR)
    try:
        pairs = load_pairs(folder)
    except (OSError, UnicodeDecodeError, InputError) as exc:
        fail(f"{folder}: cannot read the pairs ({exc})")
        raise typer.Exit(EXIT_ERROR) from None
    if not pairs:
        fail(f"{folder}: no NAME.ocr.txt files with a NAME.gt.txt beside them")
        raise typer.Exit(EXIT_ERROR)
    model = load_model(load_user_words(words), data)
    score = evaluate(pairs, lambda text: scan_text(text, model), min_confidence, fix_confidence,
                     fix_by_expected_gain=fix_confidence is None)
    result = score.as_dict()
    if output_format is EvalFormat.json:
        out.print_json(json.dumps(result))
        raise typer.Exit(EXIT_CLEAN)
    fixing = "by expected gain" if fix_confidence is None else f"at >= {fix_confidence}"
    out.print(f"{result['docs']} documents, {result['words']:,} words, "
              f"{result['errors']:,} word errors, {result['flags']:,} findings "
              f"(confidence >= {min_confidence}; fix {fixing})", highlight=False)
    for key, label in LABELS.items():
        value = result[key]
        shown = "n/a" if value is None else (f"{value:.2f}" if key == "clean_flags_per_10k"
                                              else f"{value:.4f}")
        out.print(f"  {label:<44} {shown}", highlight=False)
    raise typer.Exit(EXIT_CLEAN)
