"""Probable pairs of one child registered twice, per desa (decision 0007): same sex and birth
date with similar names (ratio ≥ 0.85) or the same mother; birth dates up to 31 days apart with
nearly identical names (≥ 0.92); never two different NIKs."""

import datetime as dt

import pytest

from konvergensi.measurements import merge
from konvergensi.measurements.matching import match_key
from konvergensi.measurements.models import Child, Measurement

SOE, CENDANA = "53.02.01.1001", "53.02.01.1002"
BORN = dt.date(2024, 1, 5)


def kid(name, *, desa=SOE, born=BORN, sex=1, mother="", nik="", **extra) -> Child:
    """A stored child as the import writes it (match key from name, birth date, mother)."""
    return Child.objects.create(
        name=name, desa_id=desa, birth_date=born, sex=sex, mother_name=mother, nik=nik,
        match_key=match_key(name, born, mother), **extra,
    )  # fmt: skip


def measure(c: Child, on: dt.date, weight=9.5, height=75.2, **extra) -> Measurement:
    return Measurement.objects.create(
        child=c, measured_on=on, desa_code=c.desa_id, posyandu=c.posyandu,
        age_days=(on - c.birth_date).days, weight_kg=weight, lenhei_cm=height, measure="l",
        **extra,
    )  # fmt: skip


def pairs(desa=SOE) -> set[frozenset[str]]:
    found = merge.find_candidates([desa]).get(desa, [])
    names = dict(Child.objects.values_list("id", "name"))
    return {frozenset((names[c.first], names[c.second])) for c in found}


def test_it_pairs_similar_names_born_the_same_day(kabupaten):
    kid("Muhammad Rizky")
    kid("Muhammad Rizki")  # ratio 0.93
    kid("Yohanes Tefa")  # same day, another name
    assert pairs() == {frozenset({"Muhammad Rizky", "Muhammad Rizki"})}


def test_it_pairs_another_spelling_with_the_same_mother(kabupaten):
    # "Muh. Rizki" / "Muhammad Rizky" are only 0.70 alike: the same mother makes the pair.
    kid("Muh. Rizki", mother="Maria Bani")
    kid("Muhammad Rizky", mother="MARIA  BANI")
    kid("Yakobus Nope", mother="Maria Bani", sex=2)  # the same mother, but a girl
    assert pairs() == {frozenset({"Muh. Rizki", "Muhammad Rizky"})}


def test_it_does_not_pair_a_missing_mother_with_another_missing_mother(kabupaten):
    kid("Muh. Rizki")
    kid("Muhammad Rizky")
    assert pairs() == set()


def test_it_pairs_near_identical_names_born_within_31_days(kabupaten):
    kid("Yohanes Tefa", born=dt.date(2024, 1, 31))
    kid("Yohanes Teffa", born=dt.date(2024, 3, 2))  # 31 days later (ratio 0.96)
    kid("Maria Bani", born=dt.date(2024, 1, 31))
    kid("Maria Bani", born=dt.date(2024, 3, 3))  # 32 days: too far
    kid("Ani Manu", born=dt.date(2024, 5, 1))
    kid("Ana Manu", born=dt.date(2024, 5, 2))  # ratio 0.875: enough only on the same day
    found = merge.find_candidates([SOE])[SOE]
    assert pairs() == {frozenset({"Yohanes Tefa", "Yohanes Teffa"})}
    assert [c.days_apart for c in found] == [31]


def test_it_never_pairs_two_children_with_different_niks(kabupaten):
    kid("Muhammad Rizky", mother="Maria", nik="5302010101240001")
    kid("Muhammad Rizky", mother="Maria", nik="5302010101240002")
    assert pairs() == set()


def test_it_pairs_a_child_whose_nik_came_later(kabupaten):
    kid("Muhammad Rizky", mother="Maria")
    kid("Muhammad Rizky", mother="Maria", nik="5302010101240001")
    kid("Maria Bani", nik="5302010101240009", sex=2)
    kid("Maria Bani", nik="5302010101240009", sex=2)
    assert pairs() == {
        frozenset({"Muhammad Rizky"}),
        frozenset({"Maria Bani"}),
    }


@pytest.mark.parametrize(
    "other",
    [
        {"sex": 2},  # a girl of the same name and day
        {"desa": CENDANA},  # another desa
    ],
)
def test_it_pairs_only_within_one_desa_and_sex(kabupaten, other):
    kid("Muhammad Rizky")
    kid("Muhammad Rizky", **other)
    assert merge.find_candidates([SOE, CENDANA]) == {}


def test_it_finds_pairs_per_desa_of_a_wider_scope(kabupaten):
    kid("Muhammad Rizky")
    kid("Muhammad Rizki")
    kid("Ani Manu", desa=CENDANA, sex=2, mother="Rut")
    kid("Anni Manu", desa=CENDANA, sex=2, mother="Rut")
    found = merge.find_candidates([SOE, CENDANA, "53.02.02.2001"])
    assert sorted(found) == [SOE, CENDANA]
    assert [len(v) for v in found.values()] == [1, 1]


def test_it_lists_same_day_pairs_first(kabupaten):
    kid("Yohanes Tefa", born=dt.date(2024, 1, 1))
    kid("Yohanes Teffa", born=dt.date(2024, 1, 3))
    kid("Muhammad Rizky", born=dt.date(2024, 6, 1))
    kid("Muhammad Rizki", born=dt.date(2024, 6, 1))
    assert [c.days_apart for c in merge.find_candidates([SOE])[SOE]] == [0, 2]


def test_it_compares_only_neighbours_in_birth_date(kabupaten, monkeypatch):
    # 600 children of one desa and sex, one a week apart: each sees the few born within 31
    # days after it, not the 599 others.
    Child.objects.bulk_create(
        Child(name=f"Anak {i:03d}", desa_id=SOE, sex=1, match_key=f"k{i}",
              birth_date=dt.date(2020, 1, 1) + dt.timedelta(days=7 * i))
        for i in range(600)
    )  # fmt: skip
    calls = []
    real = merge._pair
    monkeypatch.setattr(merge, "_pair", lambda a, b: calls.append(1) or real(a, b))
    merge.find_candidates([SOE])
    assert len(calls) < 600 * 5
