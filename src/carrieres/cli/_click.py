"""Click's own words in the language chosen: "Usage:", "Error: …", "Missing argument …" (private).

Click looks its messages up with the standard ``gettext`` functions; :func:`speak_through_click`
hands it carrieres' instead, so they come from carrieres' catalog in the language chosen
(untranslated ones, and every message in English, pass through unchanged). The messages a
user can meet are listed below for the catalog, as click 8.5 words them; one click adds later
stays in English until it is listed here.

Examples
--------
>>> from carrieres._i18n import set_language
>>> speak_through_click()
>>> set_language("fr")
>>> print(click.core._("Usage:"))
Utilisation :
>>> set_language("en")
"""

from __future__ import annotations

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

from carrieres._i18n import N_, N_plural, _, ngettext

__all__ = ["CLICK_MESSAGES", "speak_through_click"]

CLICK_MESSAGES = (
    N_("Aborted!"),
    N_("deprecated"),
    N_("Options"),
    N_plural("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_("Commands"),
    N_("Missing command."),
    N_plural("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("%(prog)s, version %(version)s"),
    N_("Show the version and exit."),
    N_("Show this message and exit."),
    N_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("unknown error"),
    N_("Could not open file {filename!r}: {message}"),
    N_("Usage:"),
    N_("Choose from:\n\t{choices}"),
    N_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_plural(
        "{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."
    ),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_plural(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Option {name!r} does not take a value."),
    N_plural("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
)
"""Click's messages a user can meet, for the catalog."""


def speak_through_click() -> None:
    """Have click look its messages up in carrieres' catalog, in the language chosen."""
    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
