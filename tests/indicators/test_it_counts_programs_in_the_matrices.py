from decimal import Decimal

from konvergensi.indicators import programs, services
from konvergensi.indicators.models import Indicator, Program
from konvergensi.regions.models import Region


def _program(inst, intervention, budget, indicators, desa):
    p = Program.objects.create(
        year=2025,
        name=f"P {budget}",
        institution=inst,
        intervention=intervention,
        funding_source="apbd_kab",
        budget=budget,
    )
    p.indicators.set(Indicator.objects.filter(code__in=indicators))
    p.desa.set(desa)
    return p


def test_it_counts_programs_and_budget_per_desa(people, indicators):
    kab = Region.objects.get(code="53.02")
    _program(
        people.dinkes,
        "spesifik",
        300,
        ["asi_eksklusif", "imunisasi_dasar_lengkap"],
        ["53.02.01.2001", "53.02.01.2002", "53.02.02.2001"],
    )
    _program(people.dinkes, "spesifik", 100, ["asi_eksklusif"], ["53.02.01.2001"])
    _program(people.dinsos, "sensitif", 50, ["pus_miskin_pbi_jkn"], ["53.02.01.2002"])
    _program(people.other_kab_dpmd, "sensitif", 999, ["asi_eksklusif"], ["53.03.01.2001"])

    kinds, rows = programs.intervention_matrix(kab, 2025)
    by = {r.desa.code: r for r in rows}
    spes = kinds.index("spesifik")
    assert by["53.02.01.2001"].cells[spes].programs == 2
    assert by["53.02.01.2001"].cells[spes].budget == Decimal(200)  # 300/3 + 100
    assert by["53.02.01.2002"].cells[kinds.index("sensitif")].budget == Decimal(50)

    inds, rows = programs.indicator_matrix(kab, 2025)
    by = {r.desa.code: r for r in rows}
    asi = [i.code for i in inds].index("asi_eksklusif")
    assert by["53.02.01.2001"].cells[asi] == 2
    assert by["53.02.01.2001"].reached == 2 and by["53.02.01.2002"].reached == 3
    assert by["53.02.01.2002"].complete == Decimal("10.3")  # 3 of 29 esensial

    order = [r.desa.code for r in programs.completeness(kab, 2025)]
    assert order == ["53.02.01.2001", "53.02.02.2001", "53.02.01.2002"]  # ties by code
    assert services.programs_by_desa("53.02", 2025)["53.02.01.2001"]["asi_eksklusif"] == 2


def test_it_exports_a_matrix_and_limits_program_edits(client, people, indicators):
    p = _program(people.dinsos, "sensitif", 50, ["pus_miskin_pbi_jkn"], ["53.02.01.2002"])
    client.force_login(people.dinkes_operator)
    r = client.get("/indikator/pemetaan/kelengkapan/?tahun=2025&format=xlsx")
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"/indikator/program/{p.pk}/").status_code == 403
    client.force_login(people.dinsos_operator)
    r = client.post(
        f"/indikator/program/{p.pk}/",
        {
            "year": 2025,
            "name": "PKH",
            "institution": people.dinsos.pk,
            "intervention": "sensitif",
            "funding_source": "apbn",
            "budget": "1.500.000",
            "kecamatan_all": ["53.02.02"],
            "desa": ["53.02.01.2001"],
        },
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert p.budget == 1500000
    assert sorted(p.desa.values_list("code", flat=True)) == ["53.02.01.2001", "53.02.02.2001"]
