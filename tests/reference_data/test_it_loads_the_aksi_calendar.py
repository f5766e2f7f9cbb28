"""The yearly calendar of the 8 aksi (Pedoman Kerangka Kegiatan and each aksi's Jadwal)."""

from konvergensi.reference_data import load_calendar, load_opd_types


def test_it_lists_the_8_aksi_in_order():
    calendar = load_calendar()
    assert [a.number for a in calendar] == list(range(1, 9))


def test_it_schedules_every_aksi_within_the_year():
    for aksi in load_calendar():
        assert aksi.months, aksi.number
        assert all(1 <= m <= 12 for m in aksi.months), aksi.number
        assert list(aksi.months) == sorted(set(aksi.months)), aksi.number


def test_it_puts_the_situation_analysis_in_january_under_bappeda():
    aksi1 = load_calendar()[0]
    assert aksi1.months == (1,)
    assert aksi1.responsible == "bappeda"
    assert aksi1.title == "Analisis Situasi Program Penurunan Stunting"


def test_it_follows_the_kerangka_months_for_aksi_2_to_5_and_8():
    months = {a.number: a.months for a in load_calendar()}
    assert months[2] == (2,)
    assert months[3] == (3,)
    assert months[4] == (4,)
    assert months[5] == (5,)
    assert months[8] == (12,)
    # Aksi 6 runs through the budget year; Aksi 7 measures in February and August.
    assert months[6] == tuple(range(1, 13))
    assert {2, 8} <= set(months[7])


def test_it_gives_village_authority_and_kpm_to_the_village_empowerment_office():
    # The Kerangka says "Dinas Sosial PPKBP3A"; 4.3 and 5.3 name the PMD office.
    responsible = {a.number: a.responsible for a in load_calendar()}
    assert responsible[4] == "dpmd"
    assert responsible[5] == "dpmd"
    assert responsible[7] == "dinkes"


def test_it_names_activities_outputs_and_known_institutions():
    known = {t.code for t in load_opd_types()}
    for aksi in load_calendar():
        assert aksi.activities and aksi.outputs and aksi.stages, aksi.number
        assert aksi.title and aksi.short_title and aksi.title_en, aksi.number
        assert aksi.responsible in known
        assert set(aksi.supporting) <= known
