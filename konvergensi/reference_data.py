"""Load the reference data transcribed from the Pedoman 8 Aksi Konvergensi.

The files live next to the apps that own them:

- ``indicators/data/indicators.csv``  the 64 indicators of Perpres 72/2021 (Pedoman Tabel 1.1)
- ``indicators/data/opd_types.csv``   the OPD / institution types the other files refer to
- ``cycle/data/kerangka_kegiatan.toml``       the yearly calendar of the 8 aksi
- ``situation/data/fgd_questions.toml``       Aksi 1 FGD key questions (1.7.5, 1.7.6)
- ``situation/data/recommendation_types.toml`` Aksi 1 recommendation types (1.7.4-1.7.6)
- ``situation/data/national_reference.toml``   national prevalence figures and targets

This module never imports Django: models and management commands call these functions and
write the result to the database. Each loader takes an optional ``path`` so that a test (or a
kabupaten with its own edited copy) can point it elsewhere. Every problem raises ``ValueError``
naming the file, the row and the field, so that a bad edit is caught before it is loaded.
Targets and figures are ``Decimal``: class boundaries are compared exactly (DESIGN.md §4).
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

PACKAGE_DIR = Path(__file__).resolve().parent
INDICATORS_PATH = PACKAGE_DIR / "indicators" / "data" / "indicators.csv"
OPD_TYPES_PATH = PACKAGE_DIR / "indicators" / "data" / "opd_types.csv"
CALENDAR_PATH = PACKAGE_DIR / "cycle" / "data" / "kerangka_kegiatan.toml"
FGD_QUESTIONS_PATH = PACKAGE_DIR / "situation" / "data" / "fgd_questions.toml"
RECOMMENDATION_TYPES_PATH = PACKAGE_DIR / "situation" / "data" / "recommendation_types.toml"
NATIONAL_REFERENCE_PATH = PACKAGE_DIR / "situation" / "data" / "national_reference.toml"

CATEGORIES = ("esensial", "pendukung")
INTERVENTIONS = ("spesifik", "sensitif", "koordinasi")
DIRECTIONS = ("higher", "lower")
LEVELS = ("desa", "kecamatan", "kabupaten")
# Units whose value is a share (0-100) of the population named in denominator_text.
PERCENT_UNITS = (
    "persen",
    "persen_desa",
    "persen_kabupaten",
    "persen_lembaga",
    "persen_pendamping",
    "persen_posyandu",
)
COUNT_UNITS = ("jiwa", "keluarga", "kali", "kanal", "kerjasama")
TARGET_UNITS = PERCENT_UNITS + COUNT_UNITS
SHORT_NAME_MAX = 40

INDICATOR_COLUMNS = (
    "number",
    "code",
    "name",
    "short_name",
    "category",
    "intervention",
    "target",
    "target_unit",
    "target_text",
    "direction",
    "level",
    "definition",
    "urusan",
    "opd",
    "numerator_text",
    "denominator_text",
    "erratum",
)
OPD_TYPE_COLUMNS = ("code", "name", "urusan")

FGD_TOPICS = ("pelaksanaan_layanan", "koordinasi")
FGD_AUDIENCE_KINDS = ("opd", "penyedia_layanan", "forum")
RECOMMENDATION_GROUPS = ("program", "layanan", "koordinasi")
FIGURE_KINDS = ("prevalence", "target")

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
T = TypeVar("T")


@dataclass(frozen=True)
class OpdType:
    code: str
    name: str
    urusan: str


@dataclass(frozen=True)
class IndicatorSpec:
    """One row of Pedoman Tabel 1.1 (Perpres 72/2021), corrected where ``erratum`` says so."""

    number: int
    code: str
    name: str
    short_name: str
    category: str
    intervention: str
    target: Decimal
    target_unit: str
    target_text: str
    direction: str
    level: str
    definition: str
    urusan: str
    opd: tuple[str, ...]
    numerator_text: str
    denominator_text: str
    erratum: str

    @property
    def is_percentage(self) -> bool:
        return self.target_unit in PERCENT_UNITS

    @property
    def lower_is_better(self) -> bool:
        return self.direction == "lower"


@dataclass(frozen=True)
class AksiSpec:
    """One aksi of the yearly cycle (Pedoman Kerangka Kegiatan and the aksi's chapter)."""

    number: int
    title: str
    short_title: str
    title_en: str
    months: tuple[int, ...]
    schedule_text: str
    schedule_detail: str
    responsible: str
    supporting: tuple[str, ...]
    activities: tuple[str, ...]
    stages: tuple[str, ...]
    outputs: tuple[str, ...]
    outputs_source: str
    pedoman_section: str
    note: str


@dataclass(frozen=True)
class FgdQuestion:
    id: str
    ref: str
    text: str
    condition: str


@dataclass(frozen=True)
class FgdGroup:
    id: str
    section: str
    topic: str
    title: str
    audience: str
    audience_kind: str
    purpose: str
    questions: tuple[FgdQuestion, ...]


@dataclass(frozen=True)
class RecommendationType:
    code: str
    group: str
    ref: str
    title: str
    pedoman_text: str


@dataclass(frozen=True)
class NationalFigure:
    """A national stunting prevalence (survey) or target, in percent of children under five."""

    code: str
    kind: str
    year: int
    value: Decimal
    source: str
    source_name: str
    population: str


# --- shared validation helpers -------------------------------------------------------------


def _fail(path: Path, row: str, field: str, message: str, value: object) -> ValueError:
    return ValueError(f"{path.name}: {row}, field {field!r}: {message} (got {value!r})")


def _choice(path: Path, row: str, field: str, value: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise _fail(path, row, field, f"must be one of {', '.join(allowed)}", value)
    return value


def _slug(path: Path, row: str, field: str, value: str) -> str:
    if not _SLUG.match(value):
        raise _fail(path, row, field, "must be a lowercase slug [a-z][a-z0-9_]*", value)
    return value


def _decimal(path: Path, row: str, field: str, value: object) -> Decimal:
    # Floats are refused: a TOML 21.6 is already a binary approximation.
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _fail(path, row, field, "must be a decimal written as a string, e.g. '7.4'", value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise _fail(path, row, field, "is not a decimal number", value) from None
    if not number.is_finite() or number < 0:
        raise _fail(path, row, field, "must be a finite number >= 0", value)
    return number


def _unique(path: Path, row: str, field: str, value: str, seen: set[str]) -> None:
    if value in seen:
        raise _fail(path, row, field, "is duplicated", value)
    seen.add(value)


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = tuple(reader.fieldnames or ())
            if header != columns:
                missing = [c for c in columns if c not in header]
                extra = [c for c in header if c not in columns]
                raise _fail(
                    path,
                    "header",
                    (missing or extra or ["order"])[0],
                    f"columns must be {', '.join(columns)}; missing {missing}, unexpected {extra}",
                    header,
                )
            rows = []
            for index, raw in enumerate(reader, start=1):
                if None in raw or any(v is None for v in raw.values()):
                    raise _fail(path, f"row {index}", "*", "has the wrong number of cells", raw)
                rows.append((f"row {index}", {k: v.strip() for k, v in raw.items()}))
            return rows
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name}: not valid UTF-8 ({exc})") from None


def _read_toml(path: Path, key: str) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as f:
            document = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path.name}: invalid TOML ({exc})") from None
    tables = document.get(key)
    if not isinstance(tables, list) or not tables:
        raise _fail(path, "document", key, f"needs at least one [[{key}]] table", tables)
    return tables


class _Table:
    """Typed access to one TOML table, naming file, row and field in every error."""

    def __init__(self, path: Path, row: str, data: dict[str, Any]) -> None:
        self.path, self.row, self.data = path, row, data

    def get(self, field: str) -> Any:
        if field not in self.data:
            raise _fail(self.path, self.row, field, "is missing", None)
        return self.data[field]

    def text(self, field: str, *, required: bool = True) -> str:
        value = self.get(field)
        if not isinstance(value, str):
            raise _fail(self.path, self.row, field, "must be a string", value)
        if required and not value.strip():
            raise _fail(self.path, self.row, field, "must not be empty", value)
        return value.strip()

    def integer(self, field: str, low: int, high: int) -> int:
        value = self.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise _fail(self.path, self.row, field, f"must be an integer {low}-{high}", value)
        return value

    def texts(self, field: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        value = self.get(field)
        if not isinstance(value, list) or (not value and not allow_empty):
            raise _fail(self.path, self.row, field, "must be a non-empty list of strings", value)
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(self.path, self.row, field, "must contain only non-empty strings", value)
        return tuple(v.strip() for v in value)


def _opd_codes(opd_types_path: Path | None) -> set[str]:
    return {t.code for t in load_opd_types(opd_types_path)}


# --- loaders -------------------------------------------------------------------------------


def load_opd_types(path: Path | None = None) -> list[OpdType]:
    """OPD / institution types (code, name, urusan) referred to by indicators and calendar."""
    path = path or OPD_TYPES_PATH
    seen: set[str] = set()
    result = []
    for row, cells in _read_csv(path, OPD_TYPE_COLUMNS):
        code = _slug(path, row, "code", cells["code"])
        _unique(path, row, "code", code, seen)
        for field in ("name", "urusan"):
            if not cells[field]:
                raise _fail(path, row, field, "must not be empty", cells[field])
        result.append(OpdType(code=code, name=cells["name"], urusan=cells["urusan"]))
    return result


def load_indicators(
    path: Path | None = None, *, opd_types_path: Path | None = None
) -> list[IndicatorSpec]:
    """The indicators of Pedoman Tabel 1.1, numbered 1..n in file order, esensial first."""
    path = path or INDICATORS_PATH
    opd_codes = _opd_codes(opd_types_path)
    codes: set[str] = set()
    result: list[IndicatorSpec] = []
    for expected_number, (row, c) in enumerate(_read_csv(path, INDICATOR_COLUMNS), start=1):
        if (
            not (c["number"].isascii() and c["number"].isdigit())
            or int(c["number"]) != expected_number
        ):
            raise _fail(
                path, row, "number", f"must be {expected_number} (consecutive)", c["number"]
            )
        code = _slug(path, row, "code", c["code"])
        _unique(path, row, "code", code, codes)
        for field in ("name", "short_name", "target_text", "definition", "urusan"):
            if not c[field]:
                raise _fail(path, row, field, "must not be empty", c[field])
        if len(c["short_name"]) > SHORT_NAME_MAX:
            raise _fail(path, row, "short_name", f"longer than {SHORT_NAME_MAX}", c["short_name"])
        category = _choice(path, row, "category", c["category"], CATEGORIES)
        if category == "esensial" and result and result[-1].category == "pendukung":
            raise _fail(path, row, "category", "esensial rows must precede pendukung", category)
        unit = _choice(path, row, "target_unit", c["target_unit"], TARGET_UNITS)
        target = _decimal(path, row, "target", c["target"])
        if unit in PERCENT_UNITS and target > 100:
            raise _fail(path, row, "target", "a percentage must be 0-100", c["target"])
        if not c["numerator_text"]:
            raise _fail(path, row, "numerator_text", "must not be empty", "")
        if unit in PERCENT_UNITS and not c["denominator_text"]:
            raise _fail(path, row, "denominator_text", "a percentage needs a denominator", "")
        opd = tuple(o.strip() for o in c["opd"].split(";"))
        for o in opd:
            if o not in opd_codes:
                raise _fail(path, row, "opd", "unknown OPD type (see opd_types.csv)", o)
        result.append(
            IndicatorSpec(
                number=expected_number,
                code=code,
                name=c["name"],
                short_name=c["short_name"],
                category=category,
                intervention=_choice(path, row, "intervention", c["intervention"], INTERVENTIONS),
                target=target,
                target_unit=unit,
                target_text=c["target_text"],
                direction=_choice(path, row, "direction", c["direction"], DIRECTIONS),
                level=_choice(path, row, "level", c["level"], LEVELS),
                definition=c["definition"],
                urusan=c["urusan"],
                opd=opd,
                numerator_text=c["numerator_text"],
                denominator_text=c["denominator_text"],
                erratum=c["erratum"],
            )
        )
    return result


def load_calendar(
    path: Path | None = None, *, opd_types_path: Path | None = None
) -> list[AksiSpec]:
    """The 8 aksi in order, with months (1-12), responsible institution and outputs."""
    path = path or CALENDAR_PATH
    opd_codes = _opd_codes(opd_types_path)
    result = []
    for expected_number, data in enumerate(_read_toml(path, "aksi"), start=1):
        t = _Table(path, f"aksi[{expected_number}]", data)
        if t.integer("number", 1, 8) != expected_number:
            raise _fail(path, t.row, "number", f"must be {expected_number}", data["number"])
        months = t.get("months")
        if (
            not isinstance(months, list)
            or not months
            or not all(
                isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in months
            )
            or months != sorted(set(months))
        ):
            raise _fail(path, t.row, "months", "must be ascending distinct integers 1-12", months)
        responsible = t.text("responsible")
        if responsible not in opd_codes:
            raise _fail(path, t.row, "responsible", "unknown OPD type", responsible)
        supporting = t.texts("supporting", allow_empty=True)
        for code in supporting:
            if code not in opd_codes:
                raise _fail(path, t.row, "supporting", "unknown OPD type", code)
        result.append(
            AksiSpec(
                number=expected_number,
                title=t.text("title"),
                short_title=t.text("short_title"),
                title_en=t.text("title_en"),
                months=tuple(months),
                schedule_text=t.text("schedule_text"),
                schedule_detail=t.text("schedule_detail"),
                responsible=responsible,
                supporting=supporting,
                activities=t.texts("activities"),
                stages=t.texts("stages"),
                outputs=t.texts("outputs"),
                outputs_source=t.text("outputs_source"),
                pedoman_section=t.text("pedoman_section"),
                note=t.text("note", required=False),
            )
        )
    if len(result) != 8:
        raise _fail(path, "document", "aksi", "must list exactly 8 aksi", len(result))
    return result


def load_fgd_questions(path: Path | None = None) -> list[FgdGroup]:
    """Aksi 1 FGD question groups (service delivery 1.7.5, coordination 1.7.6)."""
    path = path or FGD_QUESTIONS_PATH
    group_ids: set[str] = set()
    result = []
    for index, data in enumerate(_read_toml(path, "group"), start=1):
        t = _Table(path, f"group[{index}]", data)
        group_id = _slug(path, t.row, "id", t.text("id"))
        _unique(path, t.row, "id", group_id, group_ids)
        raw_questions = t.get("question")
        if not isinstance(raw_questions, list) or not raw_questions:
            raise _fail(path, t.row, "question", "needs at least one [[group.question]]", None)
        question_ids: set[str] = set()
        questions = []
        for q_index, q_data in enumerate(raw_questions, start=1):
            q = _Table(path, f"group[{index}] ({group_id}) question[{q_index}]", q_data)
            question_id = _slug(path, q.row, "id", q.text("id"))
            _unique(path, q.row, "id", question_id, question_ids)
            questions.append(
                FgdQuestion(
                    id=question_id,
                    ref=q.text("ref", required=False),
                    text=q.text("text"),
                    condition=q.text("condition", required=False),
                )
            )
        result.append(
            FgdGroup(
                id=group_id,
                section=t.text("section"),
                topic=_choice(path, t.row, "topic", t.text("topic"), FGD_TOPICS),
                title=t.text("title"),
                audience=t.text("audience"),
                audience_kind=_choice(
                    path, t.row, "audience_kind", t.text("audience_kind"), FGD_AUDIENCE_KINDS
                ),
                purpose=t.text("purpose"),
                questions=tuple(questions),
            )
        )
    return result


def load_recommendation_types(path: Path | None = None) -> list[RecommendationType]:
    """Aksi 1 recommendation types: 1.7.4 a-e (program), 1.7.5 (layanan), 1.7.6 (koordinasi)."""
    path = path or RECOMMENDATION_TYPES_PATH
    return _load_coded(
        path,
        "type",
        lambda t, code: RecommendationType(
            code=code,
            group=_choice(path, t.row, "group", t.text("group"), RECOMMENDATION_GROUPS),
            ref=t.text("ref"),
            title=t.text("title"),
            pedoman_text=t.text("pedoman_text"),
        ),
    )


def load_national_reference(path: Path | None = None) -> list[NationalFigure]:
    """National stunting prevalence figures and targets (percent), editable after setup."""
    path = path or NATIONAL_REFERENCE_PATH

    def build(t: _Table, code: str) -> NationalFigure:
        value = _decimal(path, t.row, "value", t.get("value"))
        if value > 100:
            raise _fail(path, t.row, "value", "a percentage must be 0-100", t.get("value"))
        return NationalFigure(
            code=code,
            kind=_choice(path, t.row, "kind", t.text("kind"), FIGURE_KINDS),
            year=t.integer("year", 1990, 2100),
            value=value,
            source=t.text("source"),
            source_name=t.text("source_name"),
            population=t.text("population"),
        )

    return _load_coded(path, "figure", build)


def _load_coded(path: Path, key: str, build: Callable[[_Table, str], T]) -> list[T]:
    codes: set[str] = set()
    result = []
    for index, data in enumerate(_read_toml(path, key), start=1):
        t = _Table(path, f"{key}[{index}]", data)
        code = _slug(path, t.row, "code", t.text("code"))
        _unique(path, t.row, "code", code, codes)
        result.append(build(t, code))
    return result
