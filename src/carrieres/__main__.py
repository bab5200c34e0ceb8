"""The ``carrieres`` program (and ``python -m carrieres``): the command line.

The completion of a job or family name is answered before the command line loads
(:func:`carrieres.completion.quick_answer`); everything else goes to click.
"""

from __future__ import annotations

import os
import sys

from carrieres.completion import COMPLETE_VAR, quick_answer


def run() -> None:
    """Answer a quick completion, else run the command line. On a terminal whose encoding cannot
    write a character (Latin-1 has no «—» nor «’»), that character is replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    instruction = os.environ.get(COMPLETE_VAR, "")
    if instruction.endswith("_complete"):
        answer = quick_answer(instruction.partition("_")[0])
        if answer is not None:
            sys.stdout.write(answer + "\n" if answer else "")
            return
    from carrieres.cli import main  # noqa: PLC0415 - the command line loads only when needed

    main(complete_var=COMPLETE_VAR)  # the same variable under `python -m carrieres`


if __name__ == "__main__":
    run()
