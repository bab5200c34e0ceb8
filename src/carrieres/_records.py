"""Records: frozen dataclasses, checked when built, validated by pydantic at the boundary.

Every value carrieres hands out (a job, a route, a centrality row) is a
:class:`Record`: a frozen, keyword-only dataclass. Building one checks the
constraints written in its annotations with :class:`Meta` (a line is 1 or
more, a Bac level 0 to 8) and turns whole numbers given for ``float`` fields
into floats, as pydantic would. Reading a file someone wrote goes through
pydantic (:meth:`Record.validate_json`), which checks every type and names the
field at fault; the référentiels shipped with the package were validated when
they were built, and load through :meth:`Record.from_checked` without importing
pydantic, which keeps the command line at the speed of its imports.

Examples
--------
>>> from carrieres.models import Item, Prerequisites
>>> Item.validate_json('{"text": "Bac+2", "line": 3}')
Item(text='Bac+2', line=3)
>>> Prerequisites(experience_min_years=3).experience_min_years
3.0
>>> Item(text="Bac+2", line=0)
Traceback (most recent call last):
...
carrieres._records.RecordError: line: 0 is below 1
"""

from __future__ import annotations

import collections.abc
import contextlib
import contextvars
import dataclasses
import gc
import importlib
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, Self, dataclass_transform

__all__ = ["Meta", "Record", "RecordError", "no_collection", "record"]

_T = typing.TypeVar("_T")


class RecordError(ValueError):
    """A value breaks a constraint of its record; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclasses.dataclass(frozen=True)
class Meta:
    """Constraints and description of a field, written in its annotation.

    Checked when a record is built, by pydantic when it validates a file, and
    written into the JSON Schema. ``pattern`` is searched, as in JSON Schema:
    anchor it with ``^`` and ``$``.
    """

    description: str = ""
    ge: float | None = None
    le: float | None = None
    pattern: str | None = None

    def check(self, field: str, value: object) -> None:
        """Raise :class:`RecordError` if ``value`` breaks a constraint (``None`` always passes)."""
        if value is None:
            return
        if self.ge is not None and value < self.ge:  # type: ignore[operator]
            raise RecordError(field, f"{value} is below {self.ge:g}")
        if self.le is not None and value > self.le:  # type: ignore[operator]
            raise RecordError(field, f"{value} is above {self.le:g}")
        if self.pattern is not None and not re.search(self.pattern, str(value)):
            raise RecordError(field, f"{value!r} does not match {self.pattern}")

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        bounds = {"ge": self.ge, "le": self.le}
        schema.update({key: value for key, value in bounds.items() if value is not None})
        if self.pattern is not None:
            schema["pattern"] = self.pattern
        return schema

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema: dict[str, Any] = handler(core_schema)
        if self.description:
            schema["description"] = self.description
        return schema


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str
    key: str
    meta: Meta | None
    to_float: bool
    convert: Callable[[Any], Any] | None
    omit_default: bool = False
    default: Any = None
    may_be_float: bool = True
    factory: Callable[[], Any] | None = None
    rebuild: Callable[[Any], Any] | None = None
    plain: Callable[[Any], Any] | None = None


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """Pause the garbage collector while many records are built: they form no reference cycles,
    and its passes over them (seconds at 100,000 jobs) would only cost time."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_VALIDATING: contextvars.ContextVar[bool] = contextvars.ContextVar("validating", default=False)
"""True while pydantic builds records: the field checks of :meth:`Record.__post_init__` are its own."""


@contextlib.contextmanager
def _validating() -> Iterator[None]:
    """While pydantic builds records: it checks their fields itself (the checks of a whole record,
    a référentiel's unknown ids, still run)."""
    token = _VALIDATING.set(True)
    try:
        yield
    finally:
        _VALIDATING.reset(token)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[_T]) -> type[_T]:
    """Make a :class:`Record` subclass a frozen, keyword-only dataclass.

    Its ``__repr__``, ``__eq__`` and ``__hash__`` are the base's, which read
    the fields as the methods ``dataclass`` would write for each class do:
    writing them class by class cost the command line 7 ms of code generation
    at every start.

    Examples
    --------
    >>> @record
    ... class Pair(Record):
    ...     left: int
    ...     right: str = "r"
    >>> Pair(left=1), Pair(left=1) == Pair(left=1), Pair(left=1) == Pair(left=2)
    (Pair(left=1, right='r'), True, False)
    >>> hash(Pair(left=1)) == hash(Pair(left=1))
    True
    """
    return dataclasses.dataclass(frozen=True, kw_only=True, repr=False, eq=False)(cls)


class Record:
    """Base of every record; subclasses are made with :func:`record`: frozen, keyword-only
    dataclasses.

    A field is written under its name, or under ``metadata={"alias": ...}``
    where the name is a Python keyword (``from``). A field declared with
    ``metadata={"omit_default": True}`` is written only when it differs from
    its default: fields added to a record later leave the files and outputs
    that do not use them byte for byte as they were.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid", "allow_inf_nan": False}
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]

    def __post_init__(self) -> None:
        if _VALIDATING.get():  # pydantic has checked every field against the same constraints
            return
        for field in _checked_fields(type(self)):
            value = getattr(self, field.name)
            if field.to_float and type(value) is int:
                object.__setattr__(self, field.name, float(value))
            if isinstance(value, float) and not math.isfinite(value):
                raise RecordError(field.name, f"{value} is not a finite number")
            if field.meta is not None:
                field.meta.check(field.name, value)

    def __repr__(self) -> str:
        values = self.__dict__
        fields = ", ".join(f"{name}={values[name]!r}" for name in _names(type(self)))
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = _names(type(self))
        mine, theirs = self.__dict__, other.__dict__
        return tuple(mine[name] for name in names) == tuple(theirs[name] for name in names)

    def __hash__(self) -> int:
        values = self.__dict__
        return hash(tuple(values[name] for name in _names(type(self))))

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data: nested records as dicts, tuples as lists."""
        data = {}
        values = self.__dict__
        for field in _fields(type(self)):
            value = values[field.name]
            if not (field.omit_default and value == field.default):
                data[field.key] = value if field.plain is None else field.plain(value)
        return data

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (checked like a new record)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The record from data this package wrote itself: no type check, constraints still checked."""
        values = {}
        for field in _fields(cls):
            if field.key in data:
                value = data[field.key]
                values[field.name] = value if field.convert is None else field.convert(value)
        return cls(**values)

    @classmethod
    def from_checked(cls, data: Mapping[str, Any]) -> Self:
        """The record from data checked when it was written (the référentiels shipped with the
        package, which a test validates with pydantic): built without ``__init__`` and without any
        check, four times as fast as :meth:`from_dict`.

        Examples
        --------
        >>> from carrieres.models import Item
        >>> Item.from_checked({"text": "Bac+2", "line": 3})
        Item(text='Bac+2', line=3)
        """
        record = object.__new__(cls)
        values = record.__dict__  # a frozen dataclass's fields are its instance's dict
        for field in _fields(cls):
            if field.key in data:
                value = data[field.key]
                values[field.name] = value if field.rebuild is None else field.rebuild(value)
            else:
                values[field.name] = field.default if field.factory is None else field.factory()
        return record

    @classmethod
    def validate(cls, data: object) -> Self:
        """The record from any data, every type checked (raises ``pydantic.ValidationError``)."""
        with _validating():
            result: Self = _adapter(cls).validate_python(data)
        return result

    @classmethod
    def validate_json(cls, data: str | bytes) -> Self:
        """The record from JSON text, every type checked (raises ``pydantic.ValidationError``)."""
        with _validating():
            result: Self = _adapter(cls).validate_json(data)
        return result

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the record, for files written by hand."""
        schema: dict[str, Any] = _adapter(cls).json_schema()
        return schema

    @classmethod
    def field_names(cls) -> list[str]:
        """The names of the record's fields, in order."""
        return [field.name for field in _fields(cls)]


_ADAPTERS: dict[type, Any] = {}
_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _adapter(cls: type) -> Any:
    if cls not in _ADAPTERS:
        pydantic = importlib.import_module("pydantic")
        _ADAPTERS[cls] = pydantic.TypeAdapter(cls)
    return _ADAPTERS[cls]


def _fields(cls: type) -> tuple[_Field, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = _read_fields(cls)
    return _FIELDS[cls]


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    """The names of a record's fields, in order (those its repr shows and its equality compares)."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(field.name for field in dataclasses.fields(cls))
    return names


_CHECKED: dict[type, tuple[_Field, ...]] = {}


def _checked_fields(cls: type) -> tuple[_Field, ...]:
    """The fields a new record checks: those with constraints, and those that may hold a float."""
    if cls not in _CHECKED:
        _CHECKED[cls] = tuple(field for field in _fields(cls) if field.meta is not None or field.may_be_float)
    return _CHECKED[cls]


_EVALUATED: dict[tuple[str, str], Any] = {}
"""Each annotation as written in a module, evaluated: records repeat ``str``, ``int | None``,
``tuple[str, ...]`` hundreds of times, and evaluating each once saves the command line 3 ms."""


def _hints(cls: type) -> dict[str, Any]:
    """The types of a record's fields: what ``typing.get_type_hints(cls, include_extras=True)``
    gives, each annotation text of a module evaluated once (in the module's names, as it does)."""
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        names = vars(sys.modules[klass.__module__])
        for name, written in vars(klass).get("__annotations__", {}).items():
            if not isinstance(written, str):
                hints[name] = written
                continue
            key = (klass.__module__, written)
            if key not in _EVALUATED:
                try:
                    _EVALUATED[key] = eval(written, names)
                except NameError:  # a name of the class itself: as typing reads it
                    return typing.get_type_hints(cls, include_extras=True)
            hints[name] = _EVALUATED[key]
    return hints


def _read_fields(cls: type) -> tuple[_Field, ...]:
    hints = _hints(cls)
    found = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        members = typing.get_args(hint) if _is_union(hint) else (hint,)
        metas = [
            extra
            for member in members
            if typing.get_origin(member) is typing.Annotated
            for extra in typing.get_args(member)[1:]
            if isinstance(extra, Meta)
        ]
        bare = [typing.get_args(m)[0] if typing.get_origin(m) is typing.Annotated else m for m in members]
        alias = field.metadata.get("alias", field.name)
        factory = None if field.default_factory is dataclasses.MISSING else field.default_factory
        default = factory() if factory is not None else field.default
        found.append(
            _Field(
                field.name,
                alias,
                metas[0] if metas else None,
                float in bare,
                _converter(hint),
                omit_default=bool(field.metadata.get("omit_default")),
                default=default,
                may_be_float=any(member in (float, int, Any, object) for member in bare),
                factory=factory,
                rebuild=_converter(hint, checked=True),
                plain=_flattener(hint),
            )
        )
    return tuple(found)


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def _converter(hint: Any, *, checked: bool = False) -> Callable[[Any], Any] | None:
    """How to rebuild a value of type ``hint`` from JSON data (None: as it is); ``checked``: data
    checked when it was written (:meth:`Record.from_checked`)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return _converter(args[0], checked=checked)
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_checked if checked else hint.from_dict
    if origin is tuple:
        return tuple
    inner = {list: args[:1], dict: args[1:]}.get(origin, args if _is_union(hint) else ())
    item = next((c for c in (_converter(h, checked=checked) for h in inner) if c is not None), None)
    if item is None:
        return None
    if origin is list:
        return lambda values: [item(value) for value in values]
    if origin is dict:
        return lambda values: {key: item(value) for key, value in values.items()}
    return lambda value: None if value is None else item(value)


_SCALARS = (str, int, float, bool, type(None))


def _flattener(hint: Any) -> Callable[[Any], Any] | None:
    """How to write a value of type ``hint`` as JSON-ready data (None: as it is), as :func:`_plain`
    would, planned once per field from its type rather than found value by value."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return _flattener(args[0])
    if origin is typing.Literal or hint in _SCALARS:
        return None
    if isinstance(hint, type) and issubclass(hint, Record):
        return _to_dict
    if _is_union(hint):
        members = [member for member in args if member is not type(None)]
        plans = [_flattener(member) for member in members]
        if all(plan is None for plan in plans):
            return None
        only = plans[0]
        return _or_none(only) if len(members) == 1 and only is not None else _plain
    if origin in (list, tuple, collections.abc.Sequence) and args:
        item = _flattener(args[0])
        return list if item is None else _each_item(item)
    if origin in (dict, collections.abc.Mapping) and len(args) == 2:
        value = _flattener(args[1])
        return dict if value is None else _each_value(value)
    return _plain


def _each_item(plain: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda values: [plain(value) for value in values]


def _each_value(plain: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda values: {key: plain(value) for key, value in values.items()}


def _or_none(plain: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else plain(value)


def _to_dict(record: Record) -> dict[str, Any]:
    return record.to_dict()


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
