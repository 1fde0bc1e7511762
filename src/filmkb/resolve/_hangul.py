"""Hangul syllables as phoneme keys, and the romanized spellings each key may be written as.

A *phoneme key* is an int standing for (initial consonant, vowel, final-consonant class).
Finals are folded to the seven sounds a romanization can tell apart (plus "no final"),
so 밖 and 박 share a key while 박 and 방 do not. Every Hangul syllable has exactly one key;
a romanized syllable ("kyu", "hyeon", "hyun") stands for the set of keys it may spell.
"""

from __future__ import annotations

from collections.abc import Iterator

HANGUL_FIRST = 0xAC00
HANGUL_LAST = 0xD7A3
N_VOWELS = 21
N_FINALS = 28
N_FINAL_CLASSES = 8

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"

# Final jamo index (0..27) -> final class: 0 none, 1 k, 2 n, 3 t, 4 l, 5 m, 6 p, 7 ng.
_FINAL_CLASS = (
    0, 1, 1, 1, 2, 2, 2, 3, 4, 1, 5, 4, 4, 4, 4, 4, 5, 6, 6, 3, 3, 7, 3, 3, 1, 3, 6, 3,
)  # fmt: skip
# Final class -> a representative final jamo index, to build a syllable from a key.
_CLASS_FINAL = (0, 1, 4, 7, 8, 16, 17, 21)

# Spellings of each initial consonant (RR, McCune-Reischauer without marks, common use).
_INITIAL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("g", "k"), ("kk", "gg"), ("n",), ("d", "t"), ("tt", "dd"), ("r", "l"), ("m",),
    ("b", "p"), ("pp", "bb"), ("s",), ("ss",), ("",), ("j", "ch"), ("jj", "tch"),
    ("ch",), ("k", "kh"), ("t", "th"), ("p", "ph"), ("h",),
)  # fmt: skip
_NULL_INITIAL = 11
_S_INITIALS = (9, 10)  # ㅅ ㅆ: also "sh" before i and y-glides (Shin, Shik)
_SH_VOWELS = frozenset(VOWELS.index(v) for v in "ㅑㅒㅕㅖㅛㅠㅣㅟ")

# Spellings of each vowel after a consonant.
_VOWEL_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("a",), ("ae",), ("ya",), ("yae",),
    ("eo", "u"),  # ㅓ: Seong / Sung, Jeong / Jung, Seok / Suk
    ("e",),
    ("yeo", "yu", "you"),  # ㅕ: Hyeon / Hyun / Hyoun
    ("ye",), ("o",), ("wa",), ("wae",), ("oe",), ("yo",),
    ("u", "oo"),  # ㅜ: Jun / Joon, Hun / Hoon
    ("wo", "weo"), ("we",), ("wi",),
    ("yu", "yoo", "you"),  # ㅠ: Kyu / Kyoo
    ("eu",), ("ui", "eui", "i", "ee"),  # ㅢ: Hui / Hee
    ("i", "ee"),
)  # fmt: skip
# Extra spellings of a vowel that starts the syllable (null initial ㅇ).
_VOWEL_SPELLINGS_INITIAL = {
    0: ("ah",),  # 아: Ah-in, Ahn
    4: ("uh",),  # 어: Uhm
    6: ("yuh",),  # 여: Yuh-jung
    8: ("oh",),  # 오: Oh
    13: ("woo", "wu"),  # 우: Woo, Chan-wook
    16: ("wee",),
    19: ("yi",),
}
_FINAL_SPELLINGS = (("",), ("k",), ("n",), ("t",), ("l", "r"), ("m",), ("p", "b"), ("ng",))


def is_hangul_syllable(ch: str) -> bool:
    return HANGUL_FIRST <= ord(ch) <= HANGUL_LAST


def phoneme_key(initial: int, vowel: int, final_class: int) -> int:
    return (initial * N_VOWELS + vowel) * N_FINAL_CLASSES + final_class


def split_key(key: int) -> tuple[int, int, int]:
    rest, final_class = divmod(key, N_FINAL_CLASSES)
    initial, vowel = divmod(rest, N_VOWELS)
    return initial, vowel, final_class


def syllable_key(ch: str) -> int:
    """The phoneme key of one Hangul syllable (이 -> key of ㅇ+ㅣ+none)."""
    index = ord(ch) - HANGUL_FIRST
    initial, rest = divmod(index, N_VOWELS * N_FINALS)
    vowel, final = divmod(rest, N_FINALS)
    return phoneme_key(initial, vowel, _FINAL_CLASS[final])


def key_syllable(key: int) -> str:
    """A Hangul syllable with this key (the plainest final of its class)."""
    initial, vowel, final_class = split_key(key)
    final = _CLASS_FINAL[final_class]
    return chr(HANGUL_FIRST + (initial * N_VOWELS + vowel) * N_FINALS + final)


_EO, _YEO, _UI, _H = 4, 6, 19, 18


def _vowel_spellings(initial: int, vowel: int, final_class: int) -> tuple[str, ...]:
    spellings = _VOWEL_SPELLINGS[vowel]
    if vowel == _YEO and (initial == _NULL_INITIAL or final_class == 0):
        # "yu" for ㅕ only between consonants (Hyun, Kyung, Hyuk); "Kyu" and "Yu" are ㅠ.
        spellings = ("yeo", "you")
    elif vowel == _EO and initial == _NULL_INITIAL:
        spellings = ("eo",)  # "u" alone is 우
    elif vowel == _UI and initial != _H:
        spellings = ("ui", "eui")  # "i"/"ee" for ㅢ only in 희 (Hee)
    if initial == _NULL_INITIAL:
        spellings = spellings + _VOWEL_SPELLINGS_INITIAL.get(vowel, ())
    return spellings


def spellings(key: int) -> Iterator[str]:
    """Every romanized spelling of a phoneme key that this module accepts."""
    initial, vowel, final_class = split_key(key)
    initials = _INITIAL_SPELLINGS[initial]
    if initial in _S_INITIALS and vowel in _SH_VOWELS:
        initials = initials + ("sh",)
    for first in initials:
        for middle in _vowel_spellings(initial, vowel, final_class):
            for last in _FINAL_SPELLINGS[final_class]:
                yield first + middle + last


def all_keys() -> range:
    return range(len(INITIALS) * N_VOWELS * N_FINAL_CLASSES)


def romanize_rr(text: str) -> str:
    """Plain Revised Romanization of each syllable, syllables joined as written (no sandhi)."""
    out = []
    for ch in text:
        if is_hangul_syllable(ch):
            initial, vowel, final_class = split_key(syllable_key(ch))
            out.append(
                _INITIAL_SPELLINGS[initial][0]
                + _VOWEL_SPELLINGS[vowel][0]
                + _FINAL_SPELLINGS[final_class][0]
            )
        else:
            out.append(ch)
    return "".join(out)
