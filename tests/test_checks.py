"""textmine._checks: the argument rules every module shares."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pytest

from textmine._checks import check_choice, check_count, check_type, choices_of
from textmine.errors import InputError


def test_check_count_accepts_whole_numbers():
    assert check_count(3, "n") == 3
    got = check_count(np.int64(7), "n")
    assert got == 7 and type(got) is int
    assert check_count(0, "min_count", minimum=0) == 0
    assert check_count(2, "window", minimum=2) == 2


@pytest.mark.parametrize("bad, message", [
    (True, r"n=True: expected a whole number >= 1, not a bool"),
    (False, r"n=False: expected a whole number >= 1, not a bool"),
    (np.bool_(True), r"n=np\.True_: expected a whole number >= 1$|n=True: expected a whole number >= 1$"),
    (0, r"n=0: expected a whole number >= 1$"),
    (-2, r"n=-2: expected a whole number >= 1$"),
    (2.0, r"n=2\.0: expected a whole number >= 1$"),
    ("3", r"n='3': expected a whole number >= 1$"),
    (None, r"n=None: expected a whole number >= 1$"),
])
def test_check_count_rejects(bad, message):
    with pytest.raises(InputError, match=message):
        check_count(bad, "n")


def test_check_count_minimum_in_message():
    with pytest.raises(InputError, match=r"window=1: expected a whole number >= 2"):
        check_count(1, "window", minimum=2)


def test_input_error_is_both_value_and_type_error():
    with pytest.raises(ValueError):
        check_count(0, "n")
    with pytest.raises(TypeError):
        check_count("x", "n")


Measure = Literal["g2", "pmi"]


def test_check_choice_accepts_members():
    assert check_choice("pmi", "measure", Measure) == "pmi"
    assert check_choice(2, "level", (1, 2, 3, 4)) == 2
    assert check_choice(3, "level", Literal[1, 2, 3, 4]) == 3


@pytest.mark.parametrize("value, choices, message", [
    ("chi2", Measure, r"measure='chi2': expected 'g2' or 'pmi'$"),
    ("G2", Measure, r"measure='G2': expected 'g2' or 'pmi'$"),
    (True, (1, 2, 3, 4), r"measure=True: expected 1, 2, 3 or 4$"),
    (1.0, (1, 2, 3, 4), r"measure=1\.0: expected 1, 2, 3 or 4$"),
    (5, [1, 2, 3, 4], r"measure=5: expected 1, 2, 3 or 4$"),
    ("b", ["a"], r"measure='b': expected 'a'$"),
    (None, Measure, r"measure=None: expected 'g2' or 'pmi'$"),
])
def test_check_choice_rejects(value, choices, message):
    with pytest.raises(InputError, match=message):
        check_choice(value, "measure", choices)


def test_choices_of():
    assert choices_of(Measure) == ("g2", "pmi")
    assert choices_of(range(1, 4)) == (1, 2, 3)
    with pytest.raises(TypeError, match="choices must be a Literal"):
        choices_of("g2")


def test_check_type():
    assert check_type("禁毒", "text", str, "a str") == "禁毒"
    with pytest.raises(InputError, match=r"^text must be a str, got int$"):
        check_type(5, "text", str, "a str")
    with pytest.raises(InputError, match=r"^terms must be a list or tuple of str, got set$"):
        check_type({"禁毒"}, "terms", (list, tuple), "a list or tuple of str")
