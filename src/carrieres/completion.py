"""Shell completion of job and family names (bash, zsh, fish), answered in a blink.

The ``carrieres`` program (``carrieres.__main__``) asks :func:`quick_answer` first.
Click completes commands, options and files; this module adds the names: a job where a
command takes one (``path FROM TO``, ``show``, ``next``, ``--via``, ``--avoid``, ``plot
path --from/--to``…) and a family for ``jobs --family``. Each job is offered under a
name the resolver reads back as that job and only that one, written without spaces or
accents so that every shell inserts it as one word (``ingenieur-securite``, the job's id
where its title names several jobs); zsh and fish show its title beside it. What is
typed matches a name from its start or from the start of one of its words, or the job's
id (a ROME code).

Loading the library takes longer than a shell waits between two keys, so on the
built-in référentiels the answer comes from ``completion.json``: the commands'
options and arguments (:func:`command_map`) and the built-in référentiels' names,
written by ``python -m tests.completion_index --write`` (``make data``; a test
fails while it is stale). For a
référentiel file, or anything else to complete, click answers from the
command line itself.

Set-up, once (bash; zsh and fish in the README)::

    eval "$(_CARRIERES_COMPLETE=bash_source carrieres)"

Examples
--------
>>> names = [["ingenieur-securite", "Ingénieur sécurité", "ingenieur-securite"],
...          ["technicien-de-maintenance", "Technicien de maintenance", "technicien-de-maintenance"]]
>>> [value for value, _title, _id in matching(names, "Secu")]
['ingenieur-securite']
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carrieres._text import fold, slug

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

    from carrieres.models import Referentiel
    from carrieres.names import NameIndex

__all__ = [
    "COMPLETE_VAR",
    "INDEX",
    "command_map",
    "family_names",
    "job_names",
    "matching",
    "names_of_families",
    "names_of_jobs",
    "names_of_trade_words",
    "offered",
    "quick_answer",
]

COMPLETE_VAR = "_CARRIERES_COMPLETE"
"""The variable click's completion scripts set (``bash_source``, ``zsh_complete``…)."""

INDEX = Path(__file__).with_name("completion.json")
"""The commands and the built-in référentiels' names, for the quick answer."""

Names = list[list[str]]
"""``[value, title, id]`` for each name offered."""


def matching(names: Names, incomplete: str) -> Names:
    """The names that match what is typed: from their start first, then from one of their words,
    then by id, each group in alphabetical order."""
    typed = slug(incomplete)
    folded = fold(incomplete.strip())
    first, inside, by_id = [], [], []
    for name in names:
        if name[0].startswith(typed):
            first.append(name)
        elif f"-{typed}" in name[0]:
            inside.append(name)
        elif fold(name[2]).startswith(folded):
            by_id.append(name)
    return sorted(first) + sorted(inside) + sorted(by_id)


def offered(names: dict[str, Names], kind: str, incomplete: str) -> Names:
    """What completes a ``kind`` of name (``job``, ``family``) from a référentiel's lists: the
    :func:`matching` names, and for a job, where none of its own names matches, the trade's words.

    Examples
    --------
    >>> names = {"job": [["ingenieur-securite", "Ingénieur sécurité", "ingenieur-securite"]],
    ...          "trade": [["rssi", "Ingénieur sécurité", "ingenieur-securite"]]}
    >>> [value for value, _title, _id in offered(names, "job", "rs")]
    ['rssi']
    """
    found = matching(names[kind], incomplete)
    return found if found or kind != "job" else matching(names.get("trade", []), incomplete)


def _one_word(index: NameIndex, text: str, key: str) -> str:
    """The slug of ``text`` where ``index`` reads it back as ``key`` and nothing else; else ``key``."""
    value = slug(text)
    return value if list(index.lookup(value).keys) == [key] else key


def names_of_jobs(referentiel: Referentiel) -> Names:
    """Each job, under the slug of its title where the resolver reads it back as that job, else its id."""
    return [
        [_one_word(referentiel.resolver.jobs, job.title, job.id), job.title, job.id]
        for job in referentiel.jobs
    ]


def names_of_trade_words(referentiel: Referentiel) -> Names:
    """Each of the trade's words (:func:`~carrieres.names.trade_names`) that the command line reads
    whole as one job (``dba``), under its slug: what completion offers where no job's own name
    matches, so that it answers as the lookup does."""
    from carrieres.exceptions import CarrieresError  # noqa: PLC0415 - the library loads only here
    from carrieres.names import trade_names  # noqa: PLC0415

    names = []
    for row in trade_names():
        try:
            reading = referentiel.read_name(slug(row.name))
        except CarrieresError:
            continue
        if reading.how == "exact" and not reading.others and not reading.left_out:
            names.append([slug(row.name), referentiel.get(reading.key).title, reading.key])
    return names


def names_of_families(referentiel: Referentiel) -> Names:
    """Each family and sub-family, under the slug of its name where the resolver reads it back."""
    labels = {job.family: None for job in referentiel.jobs if job.family}
    labels.update({f"{job.family} / {job.subfamily}": None for job in referentiel.jobs if job.subfamily})
    return [[_one_word(referentiel.resolver.families, label, label), label, label] for label in labels]


def _items(names: Names) -> list[CompletionItem]:
    from click.shell_completion import CompletionItem  # noqa: PLC0415 - click loads only here

    return [CompletionItem(value, help=title) for value, title, _id in names]


def _referentiel(ctx: click.Context) -> Referentiel | None:
    from carrieres.exceptions import CarrieresError  # noqa: PLC0415 - the library loads only here
    from carrieres.files import load_referentiel  # noqa: PLC0415

    try:
        return load_referentiel(ctx.find_root().params.get("path"))
    except CarrieresError:
        return None


def job_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Click's completion of a job name (``shell_complete=job_names``)."""
    referentiel = _referentiel(ctx)
    if referentiel is None:
        return []
    names = {"job": names_of_jobs(referentiel), "trade": names_of_trade_words(referentiel)}
    return _items(offered(names, "job", incomplete))


def family_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Click's completion of a family or sub-family name (``shell_complete=family_names``)."""
    referentiel = _referentiel(ctx)
    return [] if referentiel is None else _items(matching(names_of_families(referentiel), incomplete))


def command_map(command: click.Command) -> dict[str, Any]:
    """What the quick answer needs of a command: how many values each option takes and which
    take a job or a family, the kinds of its arguments, its subcommands."""
    import click  # noqa: PLC0415

    kinds = {job_names: "job", family_names: "family"}
    options: dict[str, list[Any]] = {}
    arguments: list[list[Any]] = []
    for param in command.get_params(click.Context(command)):
        kind = kinds.get(param._custom_shell_complete, "")  # type: ignore[arg-type]
        if isinstance(param, click.Option):
            values = 0 if param.is_flag or param.count else param.nargs
            for name in [*param.opts, *param.secondary_opts]:
                options[name] = [kind, values, param.name]
        else:
            arguments.append([kind, param.nargs])
    found: dict[str, Any] = {"options": options, "arguments": arguments}
    if isinstance(command, click.Group):
        context = click.Context(command)  # list_commands: the lazy group loads every command
        subcommands = (command.get_command(context, name) for name in command.list_commands(context))
        found["commands"] = {sub.name: command_map(sub) for sub in subcommands if sub and sub.name}
    return found


def quick_answer(shell: str) -> str | None:
    """What to print for the completion of a job or family name on a built-in référentiel, from
    the index and the variables click's script set; ``None``: something else, for click to answer."""
    from click.shell_completion import get_completion_class  # noqa: PLC0415

    completion = get_completion_class(shell)
    if completion is None or not INDEX.is_file():
        return None
    comp = completion(None, {}, "carrieres", COMPLETE_VAR)  # type: ignore[arg-type]
    args, incomplete = comp.get_completion_args()
    index = json.loads(INDEX.read_text(encoding="utf-8"))
    kind, referentiel = _slot(index["commands"], args, incomplete)
    if not kind:
        return None
    name = referentiel or os.environ.get("CARRIERES_REFERENTIEL") or index["default"]
    names = index["referentiels"].get(index["aliases"].get(name, name))
    if names is None:  # a file: click answers, loading it
        return None
    return "\n".join(comp.format_completion(item) for item in _items(offered(names, kind, incomplete)))


def _slot(command: dict[str, Any], args: list[str], incomplete: str) -> tuple[str, str | None]:
    """Whether the word being typed is a job or a family (its kind, else ``""``), and the
    ``--referentiel`` given before it."""
    referentiel, position, at = None, 0, 0
    while at < len(args):
        word = args[at]
        if word.startswith("-") and word != "-":
            name, equals, value = word.partition("=")
            option = command["options"].get(name)
            if option is None or word == "--":
                return "", None
            kind, values, destination = option
            if values and not equals:
                if at + values >= len(args):
                    return (kind if at + values == len(args) else ""), referentiel
                if destination == "path":
                    referentiel = args[at + 1]
                at += values
            elif destination == "path":
                referentiel = value
            at += 1
            continue
        if command.get("commands"):
            command = command["commands"].get(word)
            if command is None:
                return "", None
            position = 0
        else:
            position += 1
        at += 1
    if incomplete.startswith("-"):
        return "", referentiel
    for kind, count in command["arguments"]:
        if count < 0 or position < count:
            return kind, referentiel
        position -= count
    return "", referentiel
