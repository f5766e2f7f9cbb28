"""Indonesia's three time zones by province code (Kemendagri), for the deployment's default.

WIB (UTC+7, Asia/Jakarta): Sumatra, Java, West and Central Kalimantan. WITA (UTC+8,
Asia/Makassar): Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi. WIT (UTC+9,
Asia/Jayapura): Maluku and Papua. Source: Keppres 41/1987 on the division of Indonesia into
three time zones, with the provinces created since assigned by their territory.
Pure Python: settings.py imports it before Django is set up.
"""

from __future__ import annotations

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

# The two-digit province code's first digit decides, except in Kalimantan (6x), where
# Kalimantan Barat (61) and Kalimantan Tengah (62) keep WIB.
_BY_FIRST_DIGIT = {"1": WIB, "3": WIB, "5": WITA, "7": WITA, "8": WIT, "9": WIT}
_KALIMANTAN = {"61": WIB, "62": WIB, "63": WITA, "64": WITA, "65": WITA}


def zone_for_region(code: str | None) -> str:
    """The time zone of a Kemendagri region code ("53.02", "91", …); WIB when unknown or the
    whole nation (empty code)."""
    province = (code or "").split(".")[0]
    if len(province) != 2 or not province.isdigit():
        return WIB
    if province in _KALIMANTAN:
        return _KALIMANTAN[province]
    return _BY_FIRST_DIGIT.get(province[0], WIB)
