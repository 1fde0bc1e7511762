"""Name data: Korean surnames and their spellings, East Asian surnames, ranks and titles."""

from __future__ import annotations

# Korean surnames in Hangul (one-syllable and compound), most common first.
KOREAN_SURNAMES = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 "
    "심 노 하 곽 성 차 주 우 구 민 류 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 "
    "선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 "
    "부 가 복 태 목 형 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 시 견 당 화 창 계 "
    "남궁 선우 제갈 황보 독고 사공 서문 동방 어금 망절".split()
)

COMPOUND_SURNAMES = frozenset(s for s in KOREAN_SURNAMES if len(s) == 2)

# The same surname written with or without the initial-sound rule (North/South usage):
# 리 and 이 are one surname (李), so are 림/임, 라/나, 로/노 ...  류/유 stay apart: in
# credits "Ryu" and "Yoo" are kept as different surnames.
INITIAL_SOUND_FOLD = {
    "리": "이", "림": "임", "라": "나", "로": "노", "량": "양", "려": "여", "렴": "염",
    "룡": "용", "륙": "육", "뢰": "뇌", "란": "난", "랑": "낭", "련": "연",
}  # fmt: skip

# Spellings that the syllable rules do not produce (silent r, "oi", "h" endings, ...),
# or that are so common they should be recognised even if the rules change.
SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "이": ("lee", "yi", "rhee", "ri", "li", "i", "rhie", "ree", "yie"),
    "박": ("park", "pak", "bak", "bahk", "pahk", "parck"),
    "최": ("choi", "choe", "chey", "choy", "chwe"),
    "정": ("jung", "jeong", "chung", "joung", "cheong", "chong", "jong"),
    "김": ("kim", "gim", "ghim"),
    "구": ("koo", "gu", "ku", "goo"),
    "신": ("shin", "sin", "shinn"),
    "윤": ("yoon", "yun", "youn", "yune"),
    "조": ("cho", "jo", "joe", "choh"),
    "장": ("jang", "chang"),
    "강": ("kang", "gang"),
    "전": ("jeon", "jun", "chun", "jeun"),
    "천": ("cheon", "chun"),
    "임": ("lim", "im", "rim", "yim", "leem"),
    "한": ("han", "hahn"),
    "오": ("oh", "o"),
    "서": ("seo", "suh", "sur"),
    "권": ("kwon", "gwon", "kweon", "kwun"),
    "황": ("hwang", "whang"),
    "안": ("ahn", "an"),
    "송": ("song",),
    "홍": ("hong",),
    "유": ("yoo", "yu", "you"),
    "류": ("ryu", "ryoo", "rhyu", "lyu", "ryou"),
    "고": ("ko", "go", "koh", "goh"),
    "문": ("moon", "mun"),
    "양": ("yang", "ryang"),
    "손": ("son", "sohn"),
    "배": ("bae", "pae", "bai"),
    "백": ("baek", "paik", "baik", "paek", "back", "baeg"),
    "허": ("heo", "hur", "huh", "her"),
    "남": ("nam",),
    "심": ("shim", "sim"),
    "노": ("noh", "roh", "no", "ro", "rho"),
    "하": ("ha", "hah"),
    "곽": ("kwak", "gwak", "kwack"),
    "성": ("sung", "seong"),
    "차": ("cha",),
    "주": ("joo", "ju", "chu", "choo"),
    "우": ("woo", "u"),
    "민": ("min",),
    "나": ("na", "ra", "rha"),
    "진": ("jin", "chin"),
    "지": ("ji", "jee", "chi"),
    "엄": ("eom", "uhm", "um", "ohm"),
    "채": ("chae", "chai"),
    "원": ("won", "weon"),
    "방": ("bang", "pang"),
    "공": ("gong", "kong"),
    "현": ("hyun", "hyeon"),
    "변": ("byun", "byeon", "pyun", "pyeon"),
    "염": ("yeom", "yum", "youm"),
    "여": ("yeo", "yuh", "yeoh"),
    "도": ("do", "doh", "to"),
    "석": ("seok", "suk"),
    "설": ("seol", "sul", "sol"),
    "마": ("ma",),
    "길": ("gil", "kil"),
    "연": ("yeon",),
    "표": ("pyo",),
    "계": ("kye", "gye"),
    "옥": ("ok",),
    "탁": ("tak", "tahk"),
    "봉": ("bong", "pong"),
    "남궁": ("namgoong", "namgung", "namkoong", "namkung"),
    "선우": ("sunwoo", "seonwoo", "seonu", "sunwu"),
    "제갈": ("jegal", "chegal"),
    "황보": ("hwangbo", "whangbo"),
    "독고": ("dokgo", "tokko", "dokko"),
    "사공": ("sagong", "sakong"),
}

# Chinese surnames (pinyin and common Cantonese/Taiwanese spellings) and Japanese surnames:
# a name that carries one may be written in either order (Zhang Yimou / Yimou Zhang).
CHINESE_SURNAMES = frozenset(
    """wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jiang cui zhong tan fan wong chan cheung leung
    lau ng chow tsui yeung kwan fong chiu lam kwok tse yip shum tsang chung hui mok tsai
    tseng kuo hsu chiang chou huang hou gong jia qin xia""".split()
)

JAPANESE_SURNAMES = frozenset(
    """sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida
    yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda
    hashimoto yamashita ishikawa nakajima maeda fujita ogawa goto okada hasegawa murakami
    kondo ishii saito sakamoto endo aoki fujii nishimura fukuda ota miura fujiwara okamoto
    matsuda nakagawa nakano harada ono tamura takeuchi kaneko wada nakayama ishida ueda
    morita hara shibata sakai kudo yokoyama miyazaki miyamoto uchida takagi ando taniguchi
    ohno maruyama imai takada fujimoto takeda murata ueno sugiyama masuda sugawara hirano
    otsuka chiba kubo matsui iwasaki sakurai kinoshita noguchi matsuo nomura kikuchi sano
    onishi sugimoto arai hamada ichikawa furukawa mizuno komatsu shimada koyama takano
    yamauchi nishida kumasaka kawase aoyama kurosawa tsukamoto sono nakata iwai fukasaku
    kitamura mifune kagawa yakusho asano odagiri ikematsu koreeda ozu mizoguchi kitano miike
    hamaguchi shinkai oshii otomo kon imamura oshima naruse kitano kiyoshi shindo teshigahara
    kobayashi okamoto suzuki ishii sono kawase nakashima miyake tsutsumi yukisada isshin
    kiyoshi hosoda anno takahata yamazaki kurosawa kitano ozu""".split()
)

# Ranks and titles that may precede a character's name ("Sgt. Kyu-nam", "Major Li Hyeon-sang").
# Multi-word ranks first so that "Second Lieutenant Park" loses both words.
RANK_PHRASES = (
    "second lieutenant", "first lieutenant", "lieutenant colonel", "lieutenant general",
    "major general", "brigadier general", "staff sergeant", "master sergeant",
    "sergeant major", "first sergeant", "private first class", "lance corporal",
    "sgt.", "sgt", "sergeant", "major", "maj.", "maj", "captain", "capt.", "capt",
    "lieutenant", "lt.", "lt", "colonel", "col.", "col", "general", "gen.", "private",
    "pvt.", "pvt", "corporal", "cpl.", "officer", "dr.", "dr", "doctor", "mr.", "mr",
    "mrs.", "mrs", "ms.", "ms", "miss", "detective", "det.", "inspector", "agent",
    "commander", "chief", "professor", "prof.", "comrade", "president", "chairman",
    "sir", "madam", "lady", "lord", "father", "sister", "brother", "judge",
)  # fmt: skip

# Words that introduce a declared alias.
ALIAS_MARKERS = (
    r"also\s+known\s+as", r"better\s+known\s+as", r"known\s+professionally\s+as",
    r"professionally\s+known\s+as", r"known\s+as", r"a\.?k\.?a\.?", r"real\s+name:?",
    r"birth\s+name:?", r"born", r"stage\s+name:?", r"formerly",
)  # fmt: skip

# Occupations that, right before "Name (Name)", make the parenthesis an alias, not a role.
ALIAS_OCCUPATIONS = (
    "actor", "actress", "singer", "rapper", "star", "director", "filmmaker", "screenwriter",
    "writer", "producer", "comedian", "idol", "model", "musician",
)  # fmt: skip
