"""A constructed kabupaten of seven desa for the lokus tests (hand-checked figures below).

With data: d01 10/40, d02 2/20, d03 6/60, d06 2/10, d07 4/20 → pooled 24/150 = 16%,
mean cases 24/5 = 4.8. d04 (measured None) and d05 (measured 0) have no data; counting them
as zero cases would give a mean of 24/7 ≈ 3.43 and d07 (4 cases) would wrongly meet (b).
"""

from decimal import Decimal

from analytics.lokus import DesaInput
from analytics.traffic_light import CoverageClass

M = CoverageClass.MEMADAI
HM = CoverageClass.HAMPIR_MEMADAI
R = CoverageClass.RENDAH
SR = CoverageClass.SANGAT_RENDAH
NA = CoverageClass.TIDAK_ADA_DATA


def kabupaten() -> list[DesaInput]:
    def cov(*classes: CoverageClass | None) -> dict[str, CoverageClass | None]:
        return {f"i{k}": c for k, c in enumerate(classes)}

    return [
        DesaInput("d01", 10, 40, cov(M, M, M), Decimal(20)),  # 25%: (a), (b)
        DesaInput("d02", 2, 20, cov(R, SR, M), Decimal(30)),  # 10%, 2/3 poor: (c) only
        DesaInput("d03", 6, 60, cov(R, M, HM, SR), Decimal(50)),  # 2/4 poor: not (c); (b)
        DesaInput("d04", None, None, cov(R, R), Decimal(40)),  # no data; 2/2 poor: (c)
        DesaInput("d05", 0, 0, cov(), Decimal(1)),  # no data, no coverage: not a candidate
        DesaInput("d06", 2, 10, cov(R, None, NA), Decimal(10)),  # 20%: (a); 1/1 poor: (c)
        DesaInput("d07", 4, 20, cov(M, None, None), Decimal(5)),  # 20%: (a); 0/1 poor
    ]
