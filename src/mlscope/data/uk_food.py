"""What people in the four countries of the United Kingdom ate in 1997: grams per person per
week of 17 kinds of food, from the UK's National Food Survey.

Source: Department for Environment, Food & Rural Affairs (DEFRA), "Family Food" / National
Food Survey 1997, the regional table; Crown copyright, reused under the Open Government
Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/).
The table is the one Mark Richardson's "Principal Component Analysis" notes (2009) and
setosa's "Principal Component Analysis, Explained Visually" use: 4 countries, 17 numbers
each, where PCA shows at once which country is the odd one out.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

SOURCE = ("DEFRA National Food Survey 1997 (Crown copyright, Open Government Licence "
          "v3.0)")
COUNTRIES = ("England", "Wales", "Scotland", "N. Ireland")
FOODS = ("Cheese", "Carcass meat", "Other meat", "Fish", "Fats and oils", "Sugars",
         "Fresh potatoes", "Fresh veg", "Other veg", "Processed potatoes", "Processed veg",
         "Fresh fruit", "Cereals", "Beverages", "Soft drinks", "Alcoholic drinks",
         "Confectionery")
_GRAMS = (
    # England, Wales, Scotland, N. Ireland
    (105, 103, 103, 66),
    (245, 227, 242, 267),
    (685, 803, 750, 586),
    (147, 160, 122, 93),
    (193, 235, 184, 209),
    (156, 175, 147, 139),
    (720, 874, 566, 1033),
    (253, 265, 171, 143),
    (488, 570, 418, 355),
    (198, 203, 220, 187),
    (360, 365, 337, 334),
    (1102, 1137, 957, 674),
    (1472, 1582, 1462, 1494),
    (57, 73, 53, 47),
    (1374, 1256, 1572, 1506),
    (375, 475, 458, 135),
    (54, 64, 62, 41),
)


def grams() -> NDArray[np.float64]:
    """(4, 17): one row per country (``COUNTRIES``), one column per food (``FOODS``)."""
    return np.array(_GRAMS, dtype=float).T
