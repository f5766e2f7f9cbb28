"""Konvergensi growth engine: WHO child growth z-scores and Permenkes 2/2020 categories.

Pure numpy, arrays in and arrays out (same length and order). `zscores` computes the WHO 2006
Child Growth Standards z-scores for children under 5, `zscores_5_18` the WHO 2007 Growth
Reference z-scores for 5-18 years, `categories` / `classify` the Permenkes No. 2 Tahun 2020
categories. The rules and their sources are listed in ``growth/RULES.md``.
"""

from growth.categories import INDICATORS, Categories, categories, classify
from growth.reasons import REASONS
from growth.who2006 import zscores
from growth.who2007 import zscores_5_18

__all__ = [
    "INDICATORS",
    "REASONS",
    "Categories",
    "categories",
    "classify",
    "zscores",
    "zscores_5_18",
]
