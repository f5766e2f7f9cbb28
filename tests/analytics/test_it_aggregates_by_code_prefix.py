import pytest

from analytics.prevalence import aggregate_by_prefix, parent_code


def test_it_sums_counts_to_kecamatan_and_kabupaten() -> None:
    codes = ["53.02.01.2001", "53.02.01.2002", "53.02.02.2001", "53.03.01.1001"]
    stunted = [3, 4, 5, 7]
    measured = [10, 20, 30, 40]
    kec = aggregate_by_prefix(codes, stunted, measured, level="kecamatan")
    assert kec == {"53.02.01": (7, 30), "53.02.02": (5, 30), "53.03.01": (7, 40)}
    kab = aggregate_by_prefix(codes, stunted, measured, level="kabupaten")
    assert kab == {"53.02": (12, 60), "53.03": (7, 40)}


def test_it_takes_the_prefix_of_each_level() -> None:
    assert parent_code("53.02.01.2001", "provinsi") == "53"
    assert parent_code("53.02.01.2001", "kabupaten") == "53.02"
    assert parent_code("53.02.01.2001", "kecamatan") == "53.02.01"


def test_it_rejects_a_code_too_short_for_the_level() -> None:
    with pytest.raises(ValueError, match="shorter than a kecamatan code"):
        aggregate_by_prefix(["53.02"], [1], level="kecamatan")
