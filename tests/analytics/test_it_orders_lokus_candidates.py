from lokus_fixtures import M, R, kabupaten

from analytics.lokus import DesaInput, select_lokus


def test_it_orders_by_poor_count_then_prevalence_then_cases() -> None:
    rows = select_lokus(kabupaten()).rows
    # poor 2: d03 (10%, 6 cases) before d02 (10%, 2 cases), d04 (no data) last of the three;
    # poor 1: d06; poor 0: d01 (25%) before d07 (20%); non-candidate d05 after, unranked
    assert [(r.rank, r.code) for r in rows] == [
        (1, "d03"),
        (2, "d02"),
        (3, "d04"),
        (4, "d06"),
        (5, "d01"),
        (6, "d07"),
        (None, "d05"),
    ]


def test_it_breaks_remaining_ties_by_desa_code() -> None:
    desa = [
        DesaInput("33.74.01.1003", 3, 10, {"x": R}),
        DesaInput("33.74.01.1001", 3, 10, {"x": R}),
        DesaInput("33.74.01.1002", 0, 10, {"x": M}),
    ]
    ranked = [r.code for r in select_lokus(desa).rows if r.rank is not None]
    assert ranked == ["33.74.01.1001", "33.74.01.1003"]
