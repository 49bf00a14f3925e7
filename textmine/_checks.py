"""Argument rules shared by every module.

Each check returns the checked value, so a function can write
``n = check_count(n, "n")``. Every failure is an :class:`~textmine.errors.InputError`
whose message names the argument, the value given and what was expected. Two rules
hold everywhere: a bool is never a number (``True`` is an ``int`` to Python, not a
count to a user), and a choice matches only a value of the same type (``True`` is
not the level ``1``).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any, Literal, get_args, get_origin

from .errors import InputError

__all__ = ["check_count", "check_choice", "check_type", "choices_of"]


def check_count(value: Any, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as an int if it is a whole number >= ``minimum`` (never a bool).

    >>> check_count(3, "n")
    3
    >>> check_count(True, "n")
    Traceback (most recent call last):
    ...
    textmine.errors.InputError: n=True: expected a whole number >= 1, not a bool
    """
    if isinstance(value, bool):
        raise InputError(f"{name}={value!r}: expected a whole number >= {minimum}, not a bool")
    if not isinstance(value, numbers.Integral) or value < minimum:
        raise InputError(f"{name}={value!r}: expected a whole number >= {minimum}")
    return int(value)


def choices_of(choices: Any) -> tuple[Any, ...]:
    """The allowed values of a ``Literal[...]`` type or of an iterable of values."""
    if get_origin(choices) is Literal:
        return tuple(get_args(choices))
    if isinstance(choices, (str, bytes)) or not isinstance(choices, Iterable):
        raise TypeError(f"choices must be a Literal[...] type or an iterable of values, got {choices!r}")
    return tuple(choices)


def _or_list(values: tuple[Any, ...]) -> str:
    reprs = [repr(v) for v in values]
    return reprs[0] if len(reprs) == 1 else ", ".join(reprs[:-1]) + " or " + reprs[-1]


def check_choice(value: Any, name: str, choices: Any) -> Any:
    """Return ``value`` if it is one of ``choices`` (a ``Literal[...]`` type or an iterable).

    The match is on type as well as value, so ``True`` is not ``1`` and ``1.0`` is not ``1``.

    >>> check_choice("pmi", "measure", Literal["g2", "pmi"])
    'pmi'
    >>> check_choice(True, "level", (1, 2, 3, 4))
    Traceback (most recent call last):
    ...
    textmine.errors.InputError: level=True: expected 1, 2, 3 or 4
    """
    allowed = choices_of(choices)
    if not any(type(value) is type(c) and value == c for c in allowed):
        raise InputError(f"{name}={value!r}: expected {_or_list(allowed)}")
    return value


def check_type(value: Any, name: str, types: type | tuple[type, ...], expected: str) -> Any:
    """Return ``value`` if it is an instance of ``types``; ``expected`` says what in words.

    >>> check_type(5, "text", str, "a str")
    Traceback (most recent call last):
    ...
    textmine.errors.InputError: text must be a str, got int
    """
    if not isinstance(value, types):
        raise InputError(f"{name} must be {expected}, got {type(value).__name__}")
    return value
