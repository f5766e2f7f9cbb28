"""Numbers as Indonesian users write them: decimal comma, dot as thousands separator.

``"72,5"`` → 72.5; ``"1.234,5"`` → 1234.5; ``"1.234"`` → 1234 (groups of three after a dot
are thousands); ``"72.5"`` → 72.5 (a dot not followed by groups of three is a decimal point,
as a spreadsheet exported in English writes it). Spreadsheet cells that are already numbers
pass through ``str()`` so that 0.1 stays 0.1, never 0.1000000000000000055.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


class NotANumber(ValueError):
    pass


def parse_decimal(value: object) -> Decimal | None:
    """Decimal or None for an empty cell; raises NotANumber otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise NotANumber(str(value))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        text = repr(value)
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS.match(text):
            text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise NotANumber(str(value)) from None
    if not number.is_finite():
        raise NotANumber(str(value))
    return number


def quantize2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
