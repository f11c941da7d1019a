"""Path converters shared by the URL configurations; importing this module registers
them.

``<id:...>`` is for ids, years and version numbers in URLs: at most nine digits, so a
number no database column can hold is a 404, not an overflow (``<int:...>`` takes any
length)."""

from __future__ import annotations

from django.urls import register_converter


class BoundedIntConverter:
    """A whole number of one to nine ASCII digits: every id, year and version number
    fits, and no URL can name a number the database cannot compare with."""

    regex = "[0-9]{1,9}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(BoundedIntConverter, "id")
