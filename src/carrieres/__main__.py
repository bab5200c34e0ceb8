"""The ``carrieres`` program (and ``python -m carrieres``): the command line.

The completion of a job or family name is answered before the command line loads
(:func:`carrieres.completion.quick_answer`); everything else goes to click.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO

from carrieres.completion import COMPLETE_VAR, quick_answer


def run() -> None:
    """Answer a quick completion, else run the command line. On a terminal whose encoding cannot
    write a character (Latin-1 has no «—» nor «’»), that character is replaced, never a crash;
    a control character the data holds (an escape sequence in a title) is shown as «�» on a
    terminal, which would act on it, and written as it is to a file or a pipe."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if sys.stdout.isatty():
        sys.stdout = TerminalText(sys.stdout)
    if sys.stderr.isatty():
        sys.stderr = TerminalText(sys.stderr)
    instruction = os.environ.get(COMPLETE_VAR, "")
    if instruction.endswith("_complete"):
        answer = quick_answer(instruction.partition("_")[0])
        if answer is not None:
            sys.stdout.write(answer + "\n" if answer else "")
            return
    from carrieres.cli import main  # noqa: PLC0415 - the command line loads only when needed

    main(complete_var=COMPLETE_VAR)  # the same variable under `python -m carrieres`


CONTROLS = dict.fromkeys([*range(0x20), 0x7F, *range(0x80, 0xA0)], "\ufffd")
"""The control characters a terminal acts on (C0, DEL, C1), each shown as «�»; the
tab and the line break are written."""
del CONTROLS[ord("\t")], CONTROLS[ord("\n")]


class TerminalText(io.TextIOBase):
    """A terminal's text stream that shows :data:`CONTROLS` as «�» instead of sending them.

    Examples
    --------
    >>> shown = TerminalText(io.StringIO())
    >>> shown.write("Analyste\x1b]0;titre\x07 SOC\n")
    21
    >>> shown.stream.getvalue()
    'Analyste�]0;titre� SOC\n'
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(text.translate(CONTROLS))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.stream.errors


if __name__ == "__main__":
    run()
