"""Normalising names and codes so that a row of an export finds its desa and its child.

Pure functions (no database): the import service builds look-up dicts from the database and
asks these for the keys. Names are compared case-, space- and punctuation-insensitively, with
the administrative prefixes ("Desa", "Kelurahan", "Kec.") dropped, as exports write them in
every variant.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PLACE_PREFIX = re.compile(
    r"^(desa|kelurahan|kel|ds|des|kecamatan|kec|kab|kabupaten|kota|puskesmas|pkm|posyandu)\b\.?\s*"
)
_NIK = re.compile(r"^\d{16}$")
NEAR_MISS_CUTOFF = 0.8


def _ascii_lower(text: object) -> str:
    if text is None:
        return ""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return s.lower().strip()


def norm_name(text: object) -> str:
    """A person's name for matching: lowercase letters and digits, single spaces."""
    return " ".join(_NON_ALNUM.sub(" ", _ascii_lower(text)).split())


@functools.lru_cache(maxsize=4096)
def norm_place(text: object) -> str:
    """A desa/kecamatan name: ``"Desa  Oe-Ekam"`` → ``"oeekam"``; prefixes dropped."""
    s = _ascii_lower(text)
    previous = None
    while previous != s:
        previous = s
        s = _PLACE_PREFIX.sub("", s).strip()
    return _NON_ALNUM.sub("", s)


# the longer forms first: "kabupaten administrasi" must not stop at "kabupaten"
_KAB_KIND = re.compile(
    r"^(kabupaten administrasi|kota administrasi|kabupaten|kotamadya|kodya|kota|kab)\b\s*"
)


def _kabupaten_words(text: object) -> tuple[str | None, list[str]]:
    """("kab" | "kota" | None, the words of the name without that prefix)."""
    s = " ".join(_NON_ALNUM.sub(" ", _ascii_lower(text)).split())
    m = _KAB_KIND.match(s)
    if m is None:
        return None, s.split()
    kind = "kota" if m.group(1).startswith(("kota", "kod")) else "kab"
    return kind, s[m.end() :].split()


def kabupaten_key(text: object) -> tuple[str | None, str]:
    """A kabupaten/kota name as ("kab" | "kota" | None, name key): "KAB. TIMOR TENGAH SELATAN"
    → ("kab", "timortengahselatan"); "Kota Kupang" → ("kota", "kupang"); "Kupang" → (None,
    "kupang"). Kabupaten Kupang and Kota Kupang are two places, told apart by the kind."""
    kind, words = _kabupaten_words(text)
    return kind, "".join(words)


def same_kabupaten(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    """Keys of one place: the same name, and the same kind where both say it."""
    return a[1] == b[1] and (a[0] is None or b[0] is None or a[0] == b[0])


def may_abbreviate(text: object, name: object) -> bool:
    """Whether ``text`` may be a short or misspelt way of writing kabupaten ``name``: its
    initials ("TTS" for Timor Tengah Selatan) or a near miss of the name."""
    key = kabupaten_key(text)[1]
    words = _kabupaten_words(name)[1]
    if not key:
        return True
    initials = "".join(w[0] for w in words)
    full = "".join(words)
    return key == initials or difflib.SequenceMatcher(None, key, full).ratio() >= NEAR_MISS_CUTOFF


def match_key(name: object, birth_date: dt.date | str, mother_name: object) -> str:
    """The key of a child without NIK within its desa (``Child.match_key``)."""
    born = birth_date.isoformat() if isinstance(birth_date, dt.date) else str(birth_date)
    return f"{norm_name(name)}|{born}|{norm_name(mother_name)}"[:300]


def valid_nik(text: object) -> str:
    """The NIK when it is 16 digits and not a placeholder (all zeros / one digit), else ""."""
    s = re.sub(r"[\s.\-']", "", str(text or ""))
    if s.endswith(".0"):
        s = s[:-2]
    if not _NIK.match(s) or len(set(s)) == 1 or s[6:12] == "000000":
        return ""
    return s


def desa_code(text: object) -> str:
    """A Kemendagri desa code as stored: ``"5302012001"`` or ``"53.02.01.2001"`` →
    ``"53.02.01.2001"``; "" when it is not a desa code."""
    s = str(text or "").strip()
    if isinstance(text, float) and text.is_integer():
        s = str(int(text))
    digits = re.sub(r"\D", "", s)
    if len(digits) != 10:
        return ""
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"


def near_misses(name: str, candidates: dict[str, str], n: int = 3) -> list[str]:
    """Normalised candidate names close to ``name`` (difflib ratio ≥ 0.8), best first."""
    return difflib.get_close_matches(name, list(candidates), n=n, cutoff=NEAR_MISS_CUTOFF)


def match_keys(names: list[object], births: list[object], mothers: list[object]) -> list[str]:
    """``match_key`` for whole columns: vectorised for ASCII names (nearly all), the row-wise
    function for the rest so that both give the same key."""
    import polars as pl

    frame = pl.DataFrame(
        {"n": [str(v or "") for v in names], "m": [str(v or "") for v in mothers],
         "b": [b.isoformat() if isinstance(b, dt.date) else str(b) for b in births]},
        schema={"n": pl.String, "m": pl.String, "b": pl.String},
    )  # fmt: skip

    def norm(col: str) -> pl.Expr:
        return (
            pl.col(col).str.to_lowercase().str.replace_all(r"[^0-9a-z]+", " ")
            .str.strip_chars().str.replace_all(r" +", " ")
        )  # fmt: skip

    out = frame.select(
        key=pl.concat_str(norm("n"), pl.col("b"), norm("m"), separator="|").str.slice(0, 300),
        ascii=(pl.col("n") + pl.col("m")).str.contains(r"^[\x00-\x7f]*$"),
    )
    keys = out["key"].to_list()
    for i in (~out["ascii"]).arg_true().to_list():
        keys[i] = match_key(names[i], births[i], mothers[i])
    return keys
