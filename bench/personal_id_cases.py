"""Generated texts for the privacy guard: identity numbers in disguise, and look-alikes.

Used by bench/personal_id_recall.py (recall and false positives) and by
tests/unit/test_personal_id_twin.py (Python and JavaScript agree). The check digits
are computed here, independently of app/services/personal_id.py.
"""

import calendar
import random

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

SENTENCES = (
    "Bruker {} falt i trappen",
    "fnr: {}",
    "{} ringte om vedtaket",
    "Gjelder tjenestemottaker med fødselsnummer {}.",
    "Feil medisin ble gitt til ({}) kl. 14.30",
    "Rom 214: beboer {} fikk ikke middag",
    "Pårørende oppga nummeret {}, 3. etg.",
    "Linje en\n{}\nlinje to",
)
INVISIBLE = ("\u200b", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u200f", "\u200c", "\u200d")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def check_digit(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(w * d for w, d in zip(weights, digits, strict=False)) % 11
    return 0 if rest == 11 else None if rest == 10 else rest


def valid_number(rng: random.Random) -> str:
    """A fødselsnummer, D-nummer or H-nummer (a third each) with valid check digits."""
    while True:
        year = rng.randrange(100)
        month = rng.randrange(1, 13)
        day = rng.randrange(1, calendar.monthrange(2000 + year, month)[1] + 1)
        kind = rng.randrange(3)
        day += 40 if kind == 1 else 0
        month += 40 if kind == 2 else 0
        digits = [int(c) for c in f"{day:02d}{month:02d}{year:02d}{rng.randrange(1000):03d}"]
        k1 = check_digit(digits, W1)
        if k1 is None:
            continue
        k2 = check_digit([*digits, k1], W2)
        if k2 is not None:
            return "".join(map(str, digits)) + f"{k1}{k2}"


def is_valid(number: str) -> bool:
    digits = [int(c) for c in number]
    k1 = check_digit(digits[:9], W1)
    return k1 == digits[9] and check_digit(digits[:10], W2) == digits[10]


def invalid_number(rng: random.Random) -> str:
    """Eleven digits failing the mod-11 checks: half real dates with a wrong check digit."""
    while True:
        if rng.random() < 0.5:
            number = valid_number(rng)
            wrong = (int(number[10]) + rng.randrange(1, 10)) % 10
            number = number[:10] + str(wrong)
        else:
            number = f"{rng.randrange(10**11):011d}"
        if not is_valid(number):
            return number


def _groups(number: str, sizes: tuple[int, ...]) -> list[str]:
    out, at = [], 0
    for size in sizes:
        out.append(number[at : at + size])
        at += size
    return out


def _sprinkle(rng: random.Random, text: str, chars: tuple[str, ...]) -> str:
    """Put one to three invisible characters between digits."""
    chars_list = list(text)
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(1, len(chars_list))
        chars_list.insert(at, rng.choice(chars))
    return "".join(chars_list)


DISGUISES = {
    "plain": lambda n, r: n,
    "6+5 space": lambda n, r: f"{n[:6]} {n[6:]}",
    "6-5 hyphen": lambda n, r: f"{n[:6]}-{n[6:]}",
    "dd.mm.yy nnnnn": lambda n, r: f"{n[:2]}.{n[2:4]}.{n[4:6]} {n[6:]}",
    "dd/mm/yy-nnnnn": lambda n, r: f"{n[:2]}/{n[2:4]}/{n[4:6]}-{n[6:]}",
    "two spaces": lambda n, r: f"{n[:6]}  {n[6:]}",
    "no-break space": lambda n, r: f"{n[:6]}\u00a0{n[6:]}",
    "narrow no-break space": lambda n, r: f"{n[:6]}\u202f{n[6:]}",
    "tab": lambda n, r: f"{n[:6]}\t{n[6:]}",
    "line break": lambda n, r: n[:6] + r.choice(["\n", "\r\n"]) + n[6:],
    "en dash spaced": lambda n, r: f"{n[:6]} \u2013 {n[6:]}",
    "3-3-3-2": lambda n, r: r.choice(" -.").join(_groups(n, (3, 3, 3, 2))),
    "4-4-3": lambda n, r: " ".join(_groups(n, (4, 4, 3))),
    "2-2-2-3-2": lambda n, r: " ".join(_groups(n, (2, 2, 2, 3, 2))),
    "digit by digit": lambda n, r: " ".join(n),
    "zero-width space": lambda n, r: _sprinkle(r, n, ("\u200b",)),
    "soft hyphen": lambda n, r: _sprinkle(r, n, ("\u00ad",)),
    "other invisible": lambda n, r: _sprinkle(r, n, INVISIBLE),
    "fullwidth digits": lambda n, r: f"{n[:6]} {n[6:]}".translate(FULLWIDTH),
    "arabic-indic digits": lambda n, r: n.translate(ARABIC_INDIC),
    "mixed": lambda n, r: _sprinkle(
        r, "\u00a0".join(_groups(n, (3, 3, 3, 2))).translate(FULLWIDTH), INVISIBLE
    ),
}


def disguised(rng: random.Random, disguise: str) -> str:
    return rng.choice(SENTENCES).format(DISGUISES[disguise](valid_number(rng), rng))


def invalid_text(rng: random.Random) -> str:
    number = invalid_number(rng)
    style = rng.choice(["plain", "6+5 space", "6-5 hyphen", "3-3-3-2", "4-4-3", "dd.mm.yy nnnnn"])
    return rng.choice(SENTENCES).format(DISGUISES[style](number, rng))


PHONE_SENTENCES = (
    "Ring pårørende på {} kl 12",
    "Ring {} etter kl. 14.30",
    "Tlf {} / rom 214",
    "Kontakt vakthavende {} (rom 12)",
    "tlf. {}, 3. etg.",
    "Ringte {} 2 ganger i dag",
    "Ringte {} 12.03.2024 kl 09.15",
    "Vakttelefon: {}\nBakvakt: {}",
    "Legevakt {} - 116 117",
    "Nytt nummer {} fra 01.01.2025",
    "Tolketjenesten {} eller {}",
    "Kontaktperson 41 år, tlf {}",
)
PHONE_STYLES = (
    lambda p: p,
    lambda p: f"{p[:3]} {p[3:5]} {p[5:]}",
    lambda p: f"{p[:2]} {p[2:4]} {p[4:6]} {p[6:]}",
    lambda p: f"{p[:4]} {p[4:]}",
    lambda p: f"+47 {p}",
    lambda p: f"+47 {p[:3]} {p[3:5]} {p[5:]}",
    lambda p: f"+47 {p[:2]} {p[2:4]} {p[4:6]} {p[6:]}",
    lambda p: f"+47\u00a0{p[:3]}\u00a0{p[3:5]}\u00a0{p[5:]}",
    lambda p: f"0047 {p[:2]} {p[2:4]} {p[4:6]} {p[6:]}",
    lambda p: f"{p[:3]}-{p[3:5]}-{p[5:]}",
    lambda p: f"{p[:2]}.{p[2:4]}.{p[4:6]}.{p[6:]}",
)


def phone_text(rng: random.Random) -> str:
    template = rng.choice(PHONE_SENTENCES)
    phones = [
        rng.choice(PHONE_STYLES)(f"{rng.choice('234579')}{rng.randrange(10**7):07d}")
        for _ in range(template.count("{}"))
    ]
    return template.format(*phones)


EVERYDAY = (
    lambda r: (
        f"Møte {r.randrange(1, 29):02d}.{r.randrange(1, 13):02d}.20{r.randrange(20, 30)} "
        f"{r.randrange(24):02d}:{r.randrange(60):02d}"
    ),
    lambda r: (
        f"Hendelsen {r.randrange(1, 29)}.{r.randrange(1, 13)}.20{r.randrange(20, 30)} "
        f"{r.randrange(24)}.{r.randrange(60):02d}, rom {r.randrange(100, 400)}"
    ),
    lambda r: f"Kostet {r.randrange(1, 99)} {r.randrange(1000):03d},{r.randrange(100):02d} kr",
    lambda r: f"Beløp: kr {r.randrange(1, 9)} {r.randrange(1000):03d} {r.randrange(1000):03d},-",
    lambda r: f"Org.nr. {r.randrange(800, 1000)} {r.randrange(1000):03d} {r.randrange(1000):03d}",
    lambda r: f"Sak {r.randrange(20, 26)}/{r.randrange(1, 99999)} – {r.randrange(1, 30)} sider",
    lambda r: f"Adresse Storgata {r.randrange(1, 200)}, {r.randrange(1000, 9999)} Oslo",
)


def _account(rng: random.Random) -> str:
    """A Norwegian bank account number (mod-11 on its own weights) as 1234.56.78903."""
    weights = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randrange(10) for _ in range(10)]
        rest = 11 - sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if rest != 10:
            number = "".join(map(str, digits)) + str(0 if rest == 11 else rest)
            return rng.choice(
                [
                    f"{number[:4]}.{number[4:6]}.{number[6:]}",
                    f"{number[:4]} {number[4:6]} {number[6:]}",
                    number,
                ]
            )


def everyday_text(rng: random.Random) -> str:
    return rng.choice(EVERYDAY)(rng)


def account_text(rng: random.Random) -> str:
    return rng.choice(("Kontonummer {} for refusjon", "Betal til {}, merk med navn")).format(
        _account(rng)
    )
