"""Old public names kept for one release: each use emits a DeprecationWarning naming the new one."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["renamed_function", "renamed_params"]


def renamed_function(old: str, new: Callable[..., Any]) -> Callable[..., Any]:
    """A deprecated alias ``old`` of the function ``new``."""

    @functools.wraps(new)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warnings.warn(f"{old}() is deprecated; use {new.__name__}()", DeprecationWarning, stacklevel=2)
        return new(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old
    alias.__doc__ = f"Deprecated alias of :func:`{new.__module__}.{new.__name__}`."
    return alias


def renamed_params(**old_to_new: str) -> Callable[[F], F]:
    """Accept the old keyword names of renamed parameters, with a DeprecationWarning.

    Examples
    --------
    >>> @renamed_params(n="n_terms")
    ... def f(*, n_terms=3):
    ...     return n_terms
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     f(n=5)
    5
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both {old}= (deprecated) and {new}=; pass {new}=")
                    warnings.warn(f"{func.__name__}({old}=...) is deprecated; use {new}=", DeprecationWarning,
                                  stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
