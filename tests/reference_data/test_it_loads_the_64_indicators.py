"""The indicator table transcribed from Pedoman Tabel 1.1 (Perpres 72/2021)."""

import re
from decimal import Decimal

from konvergensi.reference_data import PERCENT_UNITS, load_indicators, load_opd_types

# The Pedoman states 64 indicators (29 esensial + 35 pendukung, Aksi 1 and Aksi 2 text) and
# Tabel 1.1 indeed numbers them 1-64 without gaps or repeats.
EXPECTED_COUNT = 64


def test_it_has_all_64_indicators_esensial_first():
    indicators = load_indicators()
    assert len(indicators) == EXPECTED_COUNT
    assert [i.number for i in indicators] == list(range(1, EXPECTED_COUNT + 1))
    assert [i.number for i in indicators if i.category == "esensial"] == list(range(1, 30))
    assert [i.number for i in indicators if i.category == "pendukung"] == list(range(30, 65))


def test_it_gives_each_indicator_a_unique_slug():
    codes = [i.code for i in load_indicators()]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in codes)


def test_it_keeps_short_names_short():
    assert all(0 < len(i.short_name) <= 40 for i in load_indicators())


def test_it_refers_only_to_known_opd_types():
    known = {t.code for t in load_opd_types()}
    for indicator in load_indicators():
        assert indicator.opd, indicator.number
        assert set(indicator.opd) <= known, indicator.number


def test_it_marks_unmet_need_and_unwanted_pregnancy_lower_is_better():
    lower = {i.number for i in load_indicators() if i.lower_is_better}
    assert lower == {12, 13}


def test_it_reads_targets_as_decimals():
    by_number = {i.number: i for i in load_indicators()}
    assert by_number[1].target == Decimal("58")
    assert by_number[12].target == Decimal("7.4")
    assert by_number[13].target == Decimal("15.5")
    assert by_number[30].target == Decimal("112900000")
    assert by_number[30].target_text == "112,9 Juta"
    # 0,9 and 0,7 in the Pedoman are fractions of the percentages their definitions name.
    assert by_number[56].target == Decimal("90")
    assert by_number[57].target == Decimal("70")
    for indicator in by_number.values():
        assert isinstance(indicator.target, Decimal)
        if indicator.target_unit in PERCENT_UNITS:
            assert 0 < indicator.target <= 100, indicator.number
            assert indicator.denominator_text, indicator.number


def test_it_measures_household_coverage_at_desa_and_rembuk_at_its_own_level():
    by_number = {i.number: i for i in load_indicators()}
    assert all(by_number[n].level == "desa" for n in range(1, 30))
    assert by_number[34].level == "kabupaten"
    assert by_number[35].level == "kecamatan"
    assert by_number[36].level == "kabupaten"


def test_it_fixes_and_flags_the_known_errata():
    by_number = {i.number: i for i in load_indicators()}
    # 8: the Pedoman repeats indicator 7's "bantuan tunai bersyarat".
    assert "nontunai" in by_number[8].definition
    assert "tunai bersyarat" not in by_number[8].definition
    # 25: the Pedoman repeats indicator 15's MP-ASI definition.
    assert "pekarangan" in by_number[25].definition
    assert "MP-ASI" not in by_number[25].definition
    # 40: "Jumlah desa" with a % target, and the typo "tebebas".
    assert by_number[40].target_unit == "persen_desa"
    assert "terbebas" in by_number[40].name
    assert "Iuran" in by_number[30].name
    for number in (8, 25, 30, 40, 43, 56, 57):
        assert by_number[number].erratum, number


def test_it_leaves_erratum_empty_where_nothing_was_changed():
    by_number = {i.number: i for i in load_indicators()}
    for number in (1, 2, 11, 15, 17, 26):
        assert by_number[number].erratum == ""
