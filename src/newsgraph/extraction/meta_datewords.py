"""Words dates are written with: month names in the languages news pages use, and zone names."""

from __future__ import annotations

# Month number -> the names and abbreviations pages write for it (lower case, no final dot).
# Where one spelling means two months in two languages, the more common reading is kept.
_MONTH_WORDS: dict[int, str] = {
    1: "january jan janvier janv januar jänner jaen enero ene janeiro gennaio gen januari "
    "января январь январь січня styczeń stycznia ocak ledna leden tammikuuta ianuarie "
    "ιανουαρίου sausio janvāris",
    2: "february feb février fevrier févr fevr februar febrero febr fevereiro fev febbraio "
    "februari февраля февраль лютого luty lutego şubat subat února únor helmikuuta "
    "februarie φεβρουαρίου vasario",
    3: "march mar mars märz maerz marzo março marco maart mrt марта март березня marzec "
    "marca mart března březen maaliskuuta martie μαρτίου kovo",
    4: "april apr avril avr abril abr aprile апреля апрель квітня kwiecień kwietnia nisan "
    "dubna duben huhtikuuta aprilie απριλίου balandžio",
    5: "may mai mayo maio maggio mag mei maj мая май травня maja mayıs mayis května květen "
    "toukokuuta μαΐου gegužės",
    6: "june jun juin juni junio junho giugno giu juni июня июнь червня czerwiec czerwca "
    "haziran června červen kesäkuuta iunie ιουνίου birželio",
    7: "july jul juillet juil juli julio julho luglio lug июля июль липня lipiec lipca "
    "temmuz července červenec heinäkuuta iulie ιουλίου liepos",
    8: "august aug août aout agosto ago augustus augusti августа август серпня sierpień "
    "sierpnia ağustos agustos srpna srpen elokuuta αυγούστου rugpjūčio",
    9: "september sep sept septembre septiembre setiembre setembro set settembre "
    "сентября сентябрь вересня wrzesień września eylül eylul září syyskuuta septembrie "
    "σεπτεμβρίου rugsėjo",
    10: "october oct octobre octubre outubro out ottobre ott oktober okt октября октябрь "
    "жовтня październik października ekim října říjen lokakuuta octombrie οκτωβρίου "
    "spalio",
    11: "november nov novembre noviembre novembro листопада ноября ноябрь listopad "
    "listopada kasım kasim listopadu marraskuuta noiembrie νοεμβρίου lapkričio",
    12: "december dec décembre decembre déc dezember dez diciembre dic dezembro dicembre "
    "декабря декабрь грудня grudzień grudnia aralık aralik prosince prosinec "
    "joulukuuta decembrie δεκεμβρίου gruodžio",
}

# Arabic: the Egyptian names, then the Levantine ones (the two-word Levantine names are left out).
_ARABIC = {
    1: "يناير", 2: "فبراير شباط", 3: "مارس آذار", 4: "أبريل ابريل إبريل نيسان", 5: "مايو أيار",
    6: "يونيو يونيه حزيران", 7: "يوليو يوليه تموز", 8: "أغسطس اغسطس آب", 9: "سبتمبر أيلول",
    10: "أكتوبر اكتوبر", 11: "نوفمبر", 12: "ديسمبر",
}  # fmt: skip
# Hungarian writes the year first ("2023. július 18."); its names are read in that form too.
_HUNGARIAN = "január február március április május június július augusztus szeptember október"

MONTHS: dict[str, int] = {
    word: number for number, words in _MONTH_WORDS.items() for word in words.split()
}
MONTHS.update({word: number for number, word in enumerate(_HUNGARIAN.split(), start=1)})
MONTHS.update({word: number for number, words in _ARABIC.items() for word in words.split()})

# Zone abbreviations -> minutes east of UTC. The US readings win where a name is shared
# (CST is US Central, not China; IST is India, the most common on English news pages).
FIXED_ZONES: dict[str, int] = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "WEST": 60, "BST": 60, "IST": 330,
    "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "TRT": 180, "SAST": 120, "WAT": 60, "EAT": 180, "GST": 240, "PKT": 300, "ICT": 420,
    "WIB": 420, "SGT": 480, "HKT": 480, "PHT": 480, "AWST": 480, "JST": 540, "KST": 540,
    "ACST": 570, "ACDT": 630, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600, "AST": -240,
    "ADT": -180, "NST": -210, "NDT": -150,
}  # fmt: skip

# Names that leave summer time open: the offset depends on the date, so a region decides it.
REGION_ZONES: dict[str, str] = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
