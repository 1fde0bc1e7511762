"""Write tests/data/name_pairs.tsv: labelled name pairs for the name-resolution quality gate.

Sources (all real people):
- look-alike *different* people: pairs of distinct credited names in MetaQA's kb.txt
  (`directed_by`, `written_by`, `starred_actors`) that share a first or last name and
  begin their other name alike ("Steven Spielberg" / "Steven Soderbergh");
- spelling variants of MetaQA names (case, "Last, First", diacritics, Japanese order);
- Korean film people written by hand: Hangul, Revised Romanization, McCune-Reischauer and
  common spellings, and look-alike different people (이정재 / 이정진, 송강 / 성강).
Run: .venv/bin/python scripts/make_name_pairs.py [path/to/kb.txt]
"""

from __future__ import annotations

import random
import sys
import unicodedata
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT.parent / "shared" / "data" / "metaqa" / "kb.txt"
OUT = ROOT / "tests" / "data" / "name_pairs.tsv"

# Same person, several real spellings (Hangul first).
KOREAN_SAME = [
    ("송강호", "Song Kang-ho", "Song Kangho", "SONG Kang-ho", "Kang-ho Song", "Song Gang-ho"),
    ("최민식", "Choi Min-sik", "Choe Min-sik", "Min-sik Choi", "CHOI Min-shik"),
    ("전도연", "Jeon Do-yeon", "Jeon Do-youn", "Jun Do-yeon", "Do-yeon Jeon"),
    ("봉준호", "Bong Joon-ho", "Bong Jun-ho", "Joon-ho Bong", "BONG Joon Ho"),
    ("박찬욱", "Park Chan-wook", "Pak Chan-uk", "Chan-wook Park", "Park Chanwook"),
    ("이창동", "Lee Chang-dong", "Yi Chang-dong", "Lee Chang Dong", "Chang-dong Lee"),
    ("홍상수", "Hong Sang-soo", "Hong Sang-su", "Hong Sangsoo", "Sang-soo Hong"),
    ("김기덕", "Kim Ki-duk", "Kim Ki-deok", "Gim Gi-deok", "Ki-duk Kim"),
    ("임권택", "Im Kwon-taek", "Im Kwŏn-t'aek", "Lim Kwon-taek", "Kwon-taek Im"),
    ("김지운", "Kim Jee-woon", "Kim Ji-woon", "Kim Ji-un", "Jee-woon Kim"),
    ("나홍진", "Na Hong-jin", "Na Hongjin", "Hong-jin Na"),
    ("연상호", "Yeon Sang-ho", "Yeon Sangho", "Sang-ho Yeon"),
    ("류승완", "Ryoo Seung-wan", "Ryu Seung-wan", "Seung-wan Ryoo"),
    ("류승룡", "Ryu Seung-ryong", "Ryoo Seung-ryong"),
    ("하정우", "Ha Jung-woo", "Ha Jeong-u", "Jung-woo Ha", "HA Jung-woo"),
    ("황정민", "Hwang Jung-min", "Hwang Jeong-min", "Jung-min Hwang"),
    ("이병헌", "Lee Byung-hun", "Lee Byeong-heon", "Yi Byung-hun", "Byung-hun Lee"),
    ("정우성", "Jung Woo-sung", "Jeong U-seong", "Chung Woo-sung", "Woo-sung Jung"),
    ("이정재", "Lee Jung-jae", "Lee Jeong-jae", "Yi Jung-jae", "Jung-jae Lee"),
    ("김윤석", "Kim Yoon-seok", "Kim Yun-seok", "Kim Yoon-suk", "Yoon-seok Kim"),
    ("김혜수", "Kim Hye-soo", "Kim Hye-su", "Hye-soo Kim"),
    ("손예진", "Son Ye-jin", "Sohn Ye-jin", "Ye-jin Son"),
    ("전지현", "Jun Ji-hyun", "Jeon Ji-hyeon"),
    ("김고은", "Kim Go-eun", "Kim Goeun", "Go-eun Kim"),
    ("박해일", "Park Hae-il", "Pak Hae-il", "Hae-il Park"),
    ("마동석", "Ma Dong-seok", "Ma Dong-suk", "Dong-seok Ma"),
    ("정해인", "Jung Hae-in", "Jeong Hae-in", "Hae-in Jung"),
    ("윤계상", "Yoon Kye-sang", "Yun Gye-sang", "Kye-sang Yoon"),
    ("신하균", "Shin Ha-kyun", "Sin Ha-gyun", "Ha-kyun Shin"),
    ("조진웅", "Cho Jin-woong", "Jo Jin-woong", "Jin-woong Cho"),
    ("이성민", "Lee Sung-min", "Lee Seong-min", "Sung-min Lee"),
    ("곽도원", "Kwak Do-won", "Gwak Do-won", "Do-won Kwak"),
    ("오달수", "Oh Dal-su", "O Dal-su", "Oh Dal-soo"),
    ("유해진", "Yoo Hae-jin", "Yu Hae-jin", "Hae-jin Yoo"),
    ("김희애", "Kim Hee-ae", "Kim Hui-ae", "Hee-ae Kim"),
    ("문소리", "Moon So-ri", "Mun So-ri", "So-ri Moon"),
    ("장동건", "Jang Dong-gun", "Jang Dong-geon", "Chang Dong-gun", "Dong-gun Jang"),
    ("이영애", "Lee Young-ae", "Lee Yeong-ae", "Yi Young-ae", "Young-ae Lee"),
    ("김태리", "Kim Tae-ri", "Kim Taeri", "Tae-ri Kim"),
    ("박소담", "Park So-dam", "Pak So-dam", "So-dam Park"),
    ("이선균", "Lee Sun-kyun", "Lee Seon-gyun", "Sun-kyun Lee"),
    ("조여정", "Cho Yeo-jeong", "Jo Yeo-jeong", "Cho Yeo-jung"),
    ("최우식", "Choi Woo-shik", "Choi Woo-sik", "Choe U-sik"),
    ("유아인", "Yoo Ah-in", "Yu A-in", "Ah-in Yoo"),
    ("윤여정", "Youn Yuh-jung", "Yoon Yeo-jeong", "Yun Yeo-jeong"),
    ("한예리", "Han Ye-ri", "Han Yeri", "Ye-ri Han"),
    ("여진구", "Yeo Jin-goo", "Yeo Jin-gu", "Jin-goo Yeo"),
    ("류준열", "Ryu Jun-yeol", "Ryu Joon-yeol", "Jun-yeol Ryu"),
    ("박서준", "Park Seo-joon", "Park Seo-jun", "Seo-joon Park"),
    ("강하늘", "Kang Ha-neul", "Gang Ha-neul", "Ha-neul Kang"),
    ("김남길", "Kim Nam-gil", "Kim Nam-kil", "Nam-gil Kim"),
    ("조인성", "Jo In-sung", "Cho In-sung", "Jo In-seong"),
    ("김민희", "Kim Min-hee", "Kim Min-hui", "Min-hee Kim"),
    ("김옥빈", "Kim Ok-vin", "Kim Ok-bin", "Ok-bin Kim"),
    ("송중기", "Song Joong-ki", "Song Jung-gi", "Joong-ki Song"),
    ("김수현", "Kim Soo-hyun", "Kim Su-hyeon", "Soo-hyun Kim"),
    ("이제훈", "Lee Je-hoon", "LEE Je-hoon", "Je-hoon Lee", "Lee Jehoon"),
    ("구교환", "Koo Kyo-hwan", "Gu Gyo-hwan", "Ku Kyo-hwan", "Kyo-hwan Koo"),
    ("이종필", "Lee Jong-pil", "Yi Jong-pil", "Lee Jong Pil"),
    ("강제규", "Kang Je-gyu", "Kang Je-kyu", "Je-gyu Kang"),
    ("곽경택", "Kwak Kyung-taek", "Gwak Gyeong-taek", "Kyung-taek Kwak"),
    ("장준환", "Jang Joon-hwan", "Jang Jun-hwan", "Joon-hwan Jang"),
    ("최동훈", "Choi Dong-hoon", "Choe Dong-hun", "Dong-hoon Choi"),
    ("윤종빈", "Yoon Jong-bin", "Yun Jong-bin", "Jong-bin Yoon"),
    ("김기영", "Kim Ki-young", "Kim Ki-yŏng", "Kim Gi-yeong"),
    ("유현목", "Yu Hyun-mok", "Yu Hyŏn-mok", "Yoo Hyun-mok"),
    ("신상옥", "Shin Sang-ok", "Sin Sang-ok", "Sang-ok Shin"),
    ("배두나", "Bae Doona", "Bae Du-na", "Pae Tu-na"),
    ("현빈", "Hyun Bin", "Hyeon Bin", "HYUN Bin"),
    ("원빈", "Won Bin", "WON Bin"),
    ("공유", "Gong Yoo", "Kong Yoo", "GONG Yoo"),
    ("전종서", "Jeon Jong-seo", "Jun Jong-seo", "Jong-seo Jeon"),
    ("김다미", "Kim Da-mi", "Kim Dami", "Da-mi Kim"),
    ("박보영", "Park Bo-young", "Park Bo-yeong", "Bo-young Park"),
    ("김새론", "Kim Sae-ron", "Sae-ron Kim"),
    ("천우희", "Chun Woo-hee", "Cheon U-hui", "Woo-hee Chun"),
    ("엄정화", "Uhm Jung-hwa", "Eom Jeong-hwa", "Jung-hwa Uhm"),
    ("서현우", "Seo Hyun-woo", "Suh Hyun-woo", "Seo Hyeon-u"),
    ("Hong Xa-bin", "HONG Xa-bin", "Hong Xa Bin"),
    ("이호정", "Lee Ho-jung", "Lee Ho-jeong", "Ho-jung Lee"),
]

# Different real people whose names look alike.
KOREAN_DIFFERENT = [
    ("Lee Jung-jae", "Lee Jung-jin"), ("Lee Jung-jae", "Lee Jae-jung"),
    ("Song Kang", "Song Kang-ho"), ("Song Kang", "Sung Kang"), ("Kim Tae-ri", "Kim Tae-hee"),
    ("Kim Jee-woon", "Kim Ji-won"), ("Yeon Sang-ho", "Yoon Sang-ho"),
    ("Ryoo Seung-wan", "Ryu Seung-ryong"), ("Ryu Seung-ryong", "Ryu Seung-bum"),
    ("Ryu Seung-ryong", "Yoo Seung-ryong"), ("Kim Hye-soo", "Kim Hye-yoon"),
    ("Kim Hye-soo", "Kim Hye-jun"), ("Park Hae-il", "Park Hae-jin"), ("Park Hae-il", "Park Hae-soo"),
    ("Jung Hae-in", "Jung Il-woo"), ("Kang Ha-neul", "Kang Han-na"), ("Lee Min-ho", "Lee Min-ki"),
    ("Park Bo-gum", "Park Bo-young"), ("Kim Sung-kyun", "Kim Seung-woo"),
    ("Kim Sung-kyun", "Kim Sung-ryung"), ("Ha Jung-woo", "Jung Woo"), ("Ha Jung-woo", "Jung Woo-sung"),
    ("Jeon Do-yeon", "Jeon Do-yoon"), ("Kang Seung-yeon", "Kang Seung-yoon"),
    ("Lee Hyun-sang", "Lee Sang-hyun"), ("Kim Woo-geun", "Kim Woo-bin"),
    ("Park Dong-jin", "Park Dong-hoon"), ("Lee Ho-jung", "Lee Ho-cheol"),
    ("Kim Han-sang", "Kim Han-min"), ("Jung Ha-neul", "Jung Hae-in"), ("Choi Min-woo", "Choi Min-sik"),
    ("Lee Seung-yong", "Lee Sung-wook"), ("Kim Jae-u", "Kim Jae-wook"), ("Jung Jun-won", "Jung Jun-ho"),
    ("Kim Dong-hyuk", "Kim Dong-hun"), ("Lee Je-hoon", "Lee Jong-pil"), ("Lee Je-hoon", "Lee Jae-hoon"),
    ("Kim Min-hee", "Kim Min-ha"), ("Son Ye-jin", "Son Ye-jun"), ("Yoo Ah-in", "Yoo In-na"),
    ("Kim Go-eun", "Kim Go-ara"), ("Shin Ha-kyun", "Shin Hye-sun"), ("Bong Joon-ho", "Bong Joon-hyung"),
    ("Lee Byung-hun", "Lee Byung-joon"), ("Hwang Jung-min", "Hwang Jung-eum"),
    ("Choi Woo-shik", "Choi Woo-sung"), ("Kim Soo-hyun", "Kim Soo-ro"), ("Song Joong-ki", "Song Jae-ki"),
    ("Ma Dong-seok", "Ma Dong-wook"), ("Yoon Kye-sang", "Yoon Ki-sang"), ("Seo Hyun-woo", "Seo Hyun-jin"),
    ("Jeon Jong-seo", "Jeon Jong-hwan"), ("Chun Woo-hee", "Chun Woo-hyun"),
    ("Kim Ki-duk", "Kim Ki-young"), ("Lee Chang-dong", "Lee Chang-hoon"),
    ("Hong Sang-soo", "Hong Seung-soo"), ("Na Hong-jin", "Nam Hong-jin"), ("Cho Yeo-jeong", "Cho Yeo-jin"),
    ("이정재", "Lee Jung-jin"), ("송강", "Song Kang-ho"), ("전도연", "Jeon Do-yoon"),
    ("Kim Yoon-seok", "Kim Yeon-seok"), ("Youn Yuh-jung", "Yoon Yeo-jin"),
    ("Hirokazu Kore-eda", "Hirokazu Kumasaka"), ("Akira Kurosawa", "Kiyoshi Kurosawa"),
    ("Hayao Miyazaki", "Aoi Miyazaki"), ("Zhang Yimou", "Zhang Yuan"), ("Wong Kar-wai", "Wong Jing"),
]  # fmt: skip

ASIAN_SAME = [
    ("Hirokazu Kore-eda", "Kore-eda Hirokazu"), ("Hirokazu Koreeda", "Koreeda Hirokazu"),
    ("Akira Kurosawa", "Kurosawa Akira"), ("Hayao Miyazaki", "Miyazaki Hayao"),
    ("Yasujiro Ozu", "Ozu Yasujiro"), ("Takeshi Kitano", "Kitano Takeshi"),
    ("Zhang Yimou", "Yimou Zhang"), ("Wong Kar-wai", "Kar-wai Wong"), ("Ang Lee", "Lee Ang"),
    ("Takashi Miike", "MIIKE Takashi"), ("Ryusuke Hamaguchi", "Hamaguchi Ryusuke"),
]  # fmt: skip

# Same first and last name, with and without a middle initial: different real people.
MIDDLE_INITIAL_CONFLICTS = [
    ("Michael B. Jordan", "Michael Jordan"), ("Morgan J. Freeman", "Morgan Freeman"),
    ("Mark L. Lester", "Mark Lester"), ("Robert M. Young", "Robert Young"),
]  # fmt: skip


def _people(kb: Path) -> list[str]:
    people = set()
    for line in kb.read_text(encoding="utf-8").splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1] in {"directed_by", "written_by", "starred_actors"}:
            people.add(parts[2].strip())
    return sorted(people)


def _plain(name: str) -> list[str]:
    return [w for w in name.split() if len(w.strip(".")) > 1]


def _lookalike_pairs(people: list[str], rng: random.Random, n: int) -> list[tuple[str, str]]:
    by_first: dict[str, list[str]] = {}
    for name in people:
        words = _plain(name)
        if len(words) == 2 and words == name.split():
            by_first.setdefault(words[0], []).append(name)
    pairs = []
    for names in by_first.values():
        for a, b in combinations(names, 2):
            la, lb = a.split()[1], b.split()[1]
            if la[:2].lower() == lb[:2].lower() and la.lower() != lb.lower():
                pairs.append((a, b))
    rng.shuffle(pairs)
    return pairs[:n]


def _variants(people: list[str], rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    plain = [p for p in people if len(p.split()) == 2 and p.isascii() and "-" not in p]
    out = []
    for name in rng.sample(plain, n):
        first, last = name.split()
        kind = rng.choice(["upper-surname", "last-comma-first", "lower"])
        other = {
            "upper-surname": f"{first} {last.upper()}",
            "last-comma-first": f"{last}, {first}",
            "lower": name.lower(),
        }[kind]
        out.append((name, other, kind))
    for name in people:
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
        )
        if folded != name and len(out) < n + 40:
            out.append((name, folded, "diacritics"))
    return out


def main() -> None:
    kb = Path(sys.argv[1]) if len(sys.argv) > 1 else KB
    rng = random.Random(20240711)
    people = _people(kb)
    rows = [("# name_a", "name_b", "same", "kind", "source")]
    for spellings in KOREAN_SAME:
        for a, b in combinations(spellings, 2):
            rows.append((a, b, "1", "korean-variant", "hand"))
    for a, b in ASIAN_SAME:
        rows.append((a, b, "1", "name-order", "hand"))
    for a, b, kind in _variants(people, rng, 60):
        rows.append((a, b, "1", kind, "metaqa"))
    for a, b in KOREAN_DIFFERENT:
        rows.append((a, b, "0", "korean-lookalike", "hand"))
    for a, b in _lookalike_pairs(people, rng, 120):
        rows.append((a, b, "0", "lookalike", "metaqa"))
    for a, b in MIDDLE_INITIAL_CONFLICTS:
        rows.append((a, b, "0", "middle-initial-conflict", "metaqa"))
    OUT.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    print(f"{len(rows) - 1} pairs -> {OUT}")


if __name__ == "__main__":
    main()
