"""Place names for the entity stage's gazetteer pass: countries, states, big cities, regions.

Written for newsgraph. It only has to tell that a capitalised name is a place when spaCy missed
it or called it something else; resolving places to coordinates is the places stage's work.
"""

from __future__ import annotations

# Countries and territories (GPE), one a line where a name has spaces.
_COUNTRIES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia
Bosnia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia
Cameroon|Canada|Cape Verde|Central African Republic|Chile|China|Colombia|Comoros|Congo
Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica
Dominican Republic|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini
Ethiopia|Fiji|Finland|France|Gabon|Gambia|Germany|Ghana|Greece|Greenland|Grenada|Guatemala
Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq
Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait
Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Macau
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Micronesia|Moldova
Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands
New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Macedonia|Norway|Oman|Pakistan
Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Puerto Rico
Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles
Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain
Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand
Timor-Leste|East Timor|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu
Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|United States of America
Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Britain
Great Britain|England|Scotland|Wales|Northern Ireland|Gaza|West Bank|Crimea|Donbas|Chechnya
Tibet|Kashmir|Kurdistan|Catalonia|Republika Srpska|Abkhazia|Transnistria|Ossetia
"""

# US states and Canadian provinces (GPE).
_STATES = """
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho
Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota
Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York
North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina
South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming
Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New Brunswick
"""

# Capitals and large cities (GPE); first names that are also cities (Sydney, Austin) stay out.
_CITIES = """
Abu Dhabi|Abuja|Accra|Addis Ababa|Algiers|Amman|Amsterdam|Ankara|Athens|Atlanta|Baghdad|Baku
Baltimore|Bangkok|Barcelona|Beijing|Beirut|Belgrade|Berlin|Bern|Bogota|Boston|Bratislava
Brussels|Bucharest|Budapest|Buenos Aires|Cairo|Calcutta|Cape Town|Caracas|Chicago|Copenhagen
Dakar|Dallas|Damascus|Delhi|Denver|Detroit|Dhaka|Doha|Donetsk|Dubai|Dublin|Edinburgh|Geneva
Glasgow|Hanoi|Havana|Helsinki|Houston|Islamabad|Istanbul|Jakarta|Jerusalem|Johannesburg|Kabul
Karachi|Kathmandu|Kharkiv|Khartoum|Kyiv|Kiev|Kinshasa|Kolkata|Kuala Lumpur|Lagos|Lahore|Las Vegas
Lima|Lisbon|Ljubljana|London|Los Angeles|Luanda|Lviv|Lyon|Madrid|Manila|Marseille|Melbourne
Mexico City|Miami|Milan|Minsk|Mogadishu|Montreal|Moscow|Mosul|Mumbai|Munich|Nairobi|Naples
New Delhi|New Orleans|Nicosia|Novi Sad|Odesa|Odessa|Oslo|Ottawa|Paris|Philadelphia|Phoenix
Podgorica|Prague|Pristina|Pyongyang|Rabat|Ramallah|Riga|Rio de Janeiro|Riyadh|Rome|Sacramento
San Diego|San Francisco|Santiago|Sao Paulo|São Paulo|Sarajevo|Seattle|Seoul|Shanghai|Skopje
Sofia_|Stockholm|Strasbourg|Taipei|Tallinn|Tashkent|Tbilisi|Tehran|Tel Aviv|The Hague|Tirana
Tokyo|Toronto|Tripoli|Tunis|Vancouver|Vienna|Vilnius|Warsaw|Washington, D.C.|Yerevan|Zagreb
Zurich|Aleppo|Idlib|Kandahar|Mariupol|Bakhmut|Kherson|Zaporizhzhia|Sevastopol|Benghazi|Basra
Mitrovica|Brooklyn|Manhattan|Queens|Bronx|Pittsburgh|Cleveland|Milwaukee|Minneapolis|Portland
"""

# Regions, continents, seas and other places that are not states (LOC).
_REGIONS = """
Africa|Antarctica|Arctic|Asia|Europe|North America|South America|Latin America|Central America
Middle East|Near East|Far East|Balkans|Western Balkans|Caucasus|Central Asia|Southeast Asia
Scandinavia|Baltics|Sahel|Mediterranean|Black Sea|Baltic Sea|Red Sea|Persian Gulf|Gulf of Mexico
Atlantic|Pacific|Indian Ocean|South China Sea|Eastern Europe|Western Europe|Sub-Saharan Africa
Metohija|Kosovo and Metohija|Silicon Valley|Wall Street|Midwest|Golan Heights
Sinai|Siberia|Kurdistan Region|Horn of Africa|Amazon|Himalayas|Alps|Danube|Nile|Euphrates
"""

# The abbreviations datelines use for US states and Canadian provinces ("THUNDER BAY, Ont."),
# written with their final period; a few are unambiguous without it, as tokenisers leave them.
_POSTAL: dict[str, str] = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California",
    "Colo": "Colorado", "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida",
    "Ga": "Georgia", "Ill": "Illinois", "Ind": "Indiana", "Kan": "Kansas", "Ky": "Kentucky",
    "La": "Louisiana", "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan",
    "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri", "Mont": "Montana",
    "Neb": "Nebraska", "Nev": "Nevada", "Okla": "Oklahoma", "Ore": "Oregon",
    "Pa": "Pennsylvania", "Tenn": "Tennessee", "Vt": "Vermont", "Va": "Virginia",
    "Wash": "Washington", "Wis": "Wisconsin", "Wyo": "Wyoming", "Ont": "Ontario",
    "Que": "Quebec", "Alta": "Alberta", "Sask": "Saskatchewan", "Nfld": "Newfoundland and Labrador",
}  # fmt: skip
_UNAMBIGUOUS_WITHOUT_DOT = frozenset(
    {
        "Ariz",
        "Calif",
        "Colo",
        "Conn",
        "Fla",
        "Okla",
        "Tenn",
        "Minn",
        "Nev",
        "Wyo",
        "Ont",
        "Sask",
        "Nfld",
    }
)

# Other spellings and short forms, and the canonical place name each stands for.
PLACE_ALIASES: dict[str, str] = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Czechia": "Czech Republic",
    "Burma": "Myanmar",
    "Kiev": "Kyiv",
    "Odessa": "Odesa",
    "Macedonia": "North Macedonia",
    "East Timor": "Timor-Leste",
    "UAE": "United Arab Emirates",
    "Washington, D.C.": "Washington",
    "São Paulo": "Sao Paulo",
    "Calcutta": "Kolkata",
    "Bosnia": "Bosnia and Herzegovina",
    **{f"{short}.": state for short, state in _POSTAL.items()},
    **{short: state for short, state in _POSTAL.items() if short in _UNAMBIGUOUS_WITHOUT_DOT},
}


def _entries(block: str) -> list[str]:
    """The names of a block written one or several a line, separated by '|'."""
    return [n.strip() for n in block.replace("\n", "|").split("|") if n.strip()]


PLACE_LABELS: dict[str, str] = {
    **{n: "GPE" for n in _entries(_COUNTRIES + "\n" + _STATES + "\n" + _CITIES)},
    **{n: "LOC" for n in _entries(_REGIONS)},
    **dict.fromkeys(PLACE_ALIASES, "GPE"),
}


def place_label(name: str) -> str | None:
    """'GPE' or 'LOC' when the gazetteer knows the name as a place, else None."""
    return PLACE_LABELS.get(name)


def canonical_place(name: str) -> str:
    """The canonical form of a place name (U.S. -> United States)."""
    return PLACE_ALIASES.get(name, name)
