#!/usr/bin/env python3
"""Generates feedd's text tables: Unicode normalization, HTML named character references, windows-1252.

    scripts/lib/gen-text-tables.py [UCD_DIR]     (default /usr/share/unicode, Debian's `unicode-data`)

Writes, from one place, every table feedd's text decoding reads, for Swift and for C alike:
- Sources/FeeddCore/Text/TextTables.swift and Sources/CFeeddXML/feedd_text_tables.h: the named character
  references feedd supports (`ENTITY_NAMES` below; values from the WHATWG table as Python's
  `html.entities.html5` carries it), the names also read without a semicolon, and windows-1252's 0x80-0x9F
  as WHATWG's encoding standard maps them (the five bytes Microsoft leaves undefined to U+0081, U+008D,
  U+008F, U+0090, U+009D, the C1 controls of the same number);
- Sources/FeeddCore/Text/NFCTables.swift: what `NFC` needs and nothing else.
- a two-stage table from scalar to a property index (canonical combining class, NFC_Quick_Check,
  "has a canonical decomposition"), 128-scalar blocks shared between equal blocks;
- the canonical decompositions (one level; `NFC` applies them recursively), sorted by scalar;
- the primary composites (pairs that compose: not excluded, not singletons, not from non-starters),
  sorted by pair.
Hangul syllables are not in the tables: NFC handles them algorithmically (Unicode 3.12).
"""
import html.entities
import os
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "Sources", "FeeddCore", "Text", "NFCTables.swift")
BLOCK = 128
HANGUL = range(0xAC00, 0xAC00 + 11172)


def ucd_lines(name):
    with open(os.path.join(UCD, name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def code_range(text):
    if ".." in text:
        a, b = text.split("..")
        return range(int(a, 16), int(b, 16) + 1)
    return range(int(text, 16), int(text, 16) + 1)


def version():
    with open(os.path.join(UCD, "DerivedNormalizationProps.txt"), encoding="utf-8") as f:
        first = f.readline()
    return first.split("-")[-1].replace(".txt", "").strip()


ccc = {}
decomposition = {}
range_start = None
for fields in ucd_lines("UnicodeData.txt"):
    cp = int(fields[0], 16)
    if fields[1].endswith(", First>"):
        range_start = cp
        continue
    covered = range(range_start, cp + 1) if fields[1].endswith(", Last>") else [cp]
    range_start = None
    for c in covered:
        if int(fields[3]):
            ccc[c] = int(fields[3])
        if fields[5] and not fields[5].startswith("<"):
            decomposition[c] = [int(x, 16) for x in fields[5].split()]

quick_check = {}  # NFC_QC: 1 Maybe, 2 No; Yes is the default
exclusions = set()
for fields in ucd_lines("DerivedNormalizationProps.txt"):
    if len(fields) >= 3 and fields[1] == "NFC_QC":
        for c in code_range(fields[0]):
            quick_check[c] = {"M": 1, "N": 2}[fields[2]]
    elif len(fields) == 2 and fields[1] == "Full_Composition_Exclusion":
        exclusions.update(code_range(fields[0]))

compositions = {}
for c, parts in decomposition.items():
    if len(parts) == 2 and c not in exclusions and ccc.get(parts[0], 0) == 0:
        compositions[(parts[0], parts[1])] = c

# Properties: ccc | quickCheck << 8 | hasDecomposition << 10. Index 0 is the common (0, Yes, none).
props = [0]
prop_index = {0: 0}


def prop_of(c):
    value = ccc.get(c, 0) | quick_check.get(c, 0) << 8 | (1 << 10 if c in decomposition else 0)
    if value not in prop_index:
        prop_index[value] = len(props)
        props.append(value)
    return prop_index[value]


interesting = set(ccc) | set(quick_check) | set(decomposition)
limit = (max(interesting) // BLOCK + 1) * BLOCK
blocks = []
block_index = {}
stage1 = []
for start in range(0, limit, BLOCK):
    block = tuple(prop_of(c) for c in range(start, start + BLOCK))
    if block not in block_index:
        block_index[block] = len(blocks)
        blocks.append(block)
    stage1.append(block_index[block])
assert len(props) < 256 and len(blocks) < 256


def rows(values, width=0):
    """Array elements, as many to a line as fit in 120 columns."""
    lines, line = [], "       "
    for v in values:
        item = f" 0x{v:0{width}X}," if width else f" {v},"
        if len(line) + len(item) > 120:
            lines.append(line)
            line = "       "
        line += item
    return "\n".join(lines + [line])


def encoded(values, per_line=110):
    """Small values as a string of printable ASCII ('(' up, skipping the backslash): a 15,000-element array
    literal is slow to compile, a string is not. `NFCTables.decoded` reverses it."""
    assert max(values) < 0x7F - 0x28
    text = "".join(chr(0x28 + v + (1 if 0x28 + v >= 0x5C else 0)) for v in values)
    return "\\\n".join(text[i:i + per_line] for i in range(0, len(text), per_line))


decomposed = sorted(decomposition)
pairs = sorted(compositions)
swift = f"""// Generated by scripts/lib/gen-text-tables.py from the Unicode Character Database {version()}
// (UnicodeData.txt, DerivedNormalizationProps.txt). Do not edit: run the script.

/// The tables `NFC` reads: combining classes, NFC quick-check values, canonical decompositions and
/// primary composites. Hangul syllables are computed, not listed.
enum NFCTables {{
    /// Scalars at or above this are all (ccc 0, quick check Yes, no decomposition).
    static let limit: UInt32 = 0x{limit:X}
    static let blockShift: UInt32 = {BLOCK.bit_length() - 1}

    /// `ccc | quickCheck << 8 | hasDecomposition << 10`, quickCheck 0 Yes, 1 Maybe, 2 No.
    static let properties: [UInt16] = [
{rows(props, 3)}
    ]

    /// The block of each {BLOCK} scalars below `limit`.
    static let stage1: [UInt8] = [
{rows(stage1)}
    ]

    /// The property index of each scalar, block after block.
    static let stage2: [UInt8] = decoded(\"\"\"
        {encoded([v for block in blocks for v in block]).replace(chr(10), chr(10) + "        ")}
        \"\"\")

    /// Scalars with a canonical decomposition, sorted; `decompositions` holds the mapping of each at the
    /// same index: `first << 21 | second` (second 0 for a singleton).
    static let decomposed: [UInt32] = [
{rows(decomposed)}
    ]

    static let decompositions: [UInt64] = [
{rows([decomposition[c][0] << 21 | (decomposition[c][1] if len(decomposition[c]) > 1 else 0) for c in decomposed])}
    ]

    /// Pairs that compose, `first << 21 | second`, sorted; `composites` holds the result at the same index.
    static let compositionPairs: [UInt64] = [
{rows([a << 21 | b for a, b in pairs])}
    ]

    static let composites: [UInt32] = [
{rows([compositions[p] for p in pairs])}
    ]

    private static func decoded(_ text: String) -> [UInt8] {{
        text.utf8.map {{ $0 - 0x28 - ($0 > 0x5C ? 1 : 0) }}
    }}
}}
"""
with open(OUT, "w", encoding="utf-8") as f:
    f.write(swift)
print(f"{os.path.normpath(OUT)}: {len(props)} property values, {len(stage1)} + {len(blocks)}x{BLOCK} table entries, "
      f"{len(decomposed)} decompositions, {len(pairs)} compositions")


# MARK: - Entities and windows-1252

# The named character references feedd decodes: HTML 4's (all of them) and the HTML5 names feeds and pages use.
ENTITY_NAMES = """
AElig AMP Aacute Acirc Agrave Alpha Amacr Aogon Aring Atilde Auml Beta COPY Cacute Ccaron Ccedil
Chi Dagger Dcaron Delta Dstrok ETH Eacute Ecaron Ecirc Egrave Emacr Eogon Epsilon Eta Euml GT Gamma
Gbreve Hat Iacute Icirc Idot Igrave Imacr Iota Iuml Kappa LT Lambda Lstrok Mu Nacute Ncaron NewLine
NoBreak NonBreakingSpace Ntilde Nu OElig Oacute Ocirc Odblac Ograve Omacr Omega Omicron Oslash
Otilde Ouml Phi Pi Prime Psi QUOT REG Rcaron Rho Sacute Scaron Scedil Sigma THORN TRADE Tab Tau
Tcaron Theta Uacute Ucirc Udblac Ugrave Umacr Upsilon Uring Uuml Xi Yacute Yuml Zacute Zcaron Zdot
ZeroWidthSpace Zeta aacute acirc acute aelig agrave alefsym alpha amacr amp and ang angst aogon
apos aring ast asymp atilde auml bdquo beta brvbar bsol bull bullet cacute cap caret ccaron ccedil
cedil cent centerdot check chi circ clubs colon comma commat cong copy copysr crarr cross cup
curren dArr dagger darr dash dcaron ddagger deg delta diams div divide dollar downarrow dstrok
eacute ecaron ecirc egrave ell emacr empty emsp emsp13 emsp14 ensp eogon epsilon equals equiv eta
eth euml euro excl exist fnof forall frac12 frac13 frac14 frac15 frac18 frac23 frac34 frasl gamma
gbreve ge geq grave gt hArr hairsp half harr hearts hellip hookleftarrow horbar hyphen iacute icirc
iexcl igrave imacr image imath infin inodot int iota iquest isin iuml kappa lArr lambda lang laquo
larr larrb lceil lcub ldquo ldquor le leftarrow leq lfloor lowast lowbar loz lpar lrm lsaquo lsqb
lsquo lsquor lstrok lt macr mdash micro middot minus mldr mu nabla nacute nbsp ncaron ndash ne ni
nldr not notin nsub ntilde nu num numero numsp oacute ocirc odblac oelig ograve ohm oline omacr
omega omicron oplus or ordf ordm oslash otilde otimes ouml para part percnt period permil perp phi
pi piv plus plusmn pm pound prime prod prop psi puncsp quest quot rArr radic rang raquo rarr rarrb
rcaron rceil rcub rdquo rdquor real reg rfloor rho rightarrow rlm rpar rsaquo rsqb rsquo rsquor
sacute sbquo scaron scedil sdot sect semi shy sigma sigmaf sim sol spades star starf sub sube sum
sup sup1 sup2 sup3 supe szlig tau tcaron there4 theta thetasym thinsp thorn tilde times trade uArr
uacute uarr ucirc udblac ugrave umacr uml uparrow upsih upsilon uring uuml verbar vert weierp xi
yacute yen yuml zacute zcaron zdot zeta zwj zwnj
""".split()

# Read even without their semicolon (`&copy 2024`), as browsers do: a subset of WHATWG's legacy names.
LEGACY_WITHOUT_SEMICOLON = "amp lt gt quot nbsp copy reg AMP LT GT QUOT COPY REG".split()

entities = []
for name in sorted(set(ENTITY_NAMES), key=lambda n: n.encode()):
    value = html.entities.html5[name + ";"]
    assert len(value) == 1, name
    entities.append((name, ord(value)))
for name in LEGACY_WITHOUT_SEMICOLON:
    assert name in html.entities.html5 and name in ENTITY_NAMES, name


def windows1252(byte):
    try:
        return ord(bytes([byte]).decode("cp1252"))
    except UnicodeDecodeError:
        return byte  # WHATWG: the undefined bytes are the C1 controls of the same value


cp1252_high = [windows1252(b) for b in range(0x80, 0xA0)]

# The labels that mean windows-1252: WHATWG's list (Latin-1 and ASCII included: pages and feeds that say ISO-8859-1
# routinely hold curly quotes from 0x80-0x9F), and `latin-1`, which feeds write too. Lowercase, no spaces.
WINDOWS_1252_LABELS = """ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591
iso_8859-1 iso_8859-1:1987 l1 latin1 latin-1 us-ascii windows-1252 x-cp1252""".split()
assert cp1252_high[1] == 0x81 and cp1252_high[0] == 0x20AC


def wrapped(items, indent, width=120):
    lines, line = [], indent
    for item in items:
        if len(line) + len(item) + 1 > width:
            lines.append(line.rstrip())
            line = indent
        line += item + " "
    return "\n".join(lines + [line.rstrip()])


STAMP = "Generated by scripts/lib/gen-text-tables.py (WHATWG values: Python's html.entities.html5 and cp1252 codec)."
swift_tables = f"""// {STAMP}
// Do not edit: change the script and run it. Sources/CFeeddXML/feedd_text_tables.h holds the same tables for C.

/// The text tables feedd's decoders share: named character references and windows-1252.
enum TextTables {{
    /// windows-1252's 0x80-0x9F (WHATWG: the five undefined bytes are the C1 controls of the same value).
    static let windows1252High: [UInt16] = [
{wrapped([f"0x{v:04X}," for v in cp1252_high], "        ")}
    ]

    /// Named character references, sorted by name (byte order); `entityValues` at the same index.
    static let entityNames: [String] = [
{wrapped([f'"{n}",' for n, _ in entities], "        ")}
    ]

    static let entityValues: [UInt32] = [
{wrapped([f"0x{v:X}," for _, v in entities], "        ")}
    ]

    /// Charset labels that mean windows-1252 (lowercase, without spaces).
    static let windows1252Labels: [String] = [
{wrapped([f'"{n}",' for n in WINDOWS_1252_LABELS], "        ")}
    ]

    /// Names also read without their semicolon.
    static let legacyWithoutSemicolon: [String] = [
{wrapped([f'"{n}",' for n in LEGACY_WITHOUT_SEMICOLON], "        ")}
    ]
}}
"""
c_tables = f"""// {STAMP}
// Do not edit: change the script and run it. FeeddCore's TextTables.swift holds the same tables for Swift.
#ifndef FEEDD_TEXT_TABLES_H
#define FEEDD_TEXT_TABLES_H
#include <stddef.h>
#include <stdint.h>

// windows-1252's 0x80-0x9F (WHATWG: the five undefined bytes are the C1 controls of the same value).
static const uint16_t feedd_cp1252_high[32] = {{
{wrapped([f"0x{v:04X}," for v in cp1252_high], "    ")}
}};

// Charset labels that mean windows-1252 (lowercase, without spaces).
static const char *const feedd_cp1252_labels[] = {{
{wrapped([f'"{n}",' for n in WINDOWS_1252_LABELS], "    ")}
}};

// Named character references, sorted by name (byte order) for binary search.
static const struct feedd_entity {{ const char *name; uint32_t codepoint; }} feedd_entities[] = {{
{wrapped([f'{{"{n}", 0x{v:X}}},' for n, v in entities], "    ")}
}};
static const size_t feedd_entity_count = sizeof(feedd_entities) / sizeof(feedd_entities[0]);

// Names also read without their semicolon.
static const char *const feedd_entities_without_semicolon[] = {{
{wrapped([f'"{n}",' for n in LEGACY_WITHOUT_SEMICOLON], "    ")}
}};
#endif
"""
for path, text in [(os.path.join(ROOT, "Sources", "FeeddCore", "Text", "TextTables.swift"), swift_tables),
                   (os.path.join(ROOT, "Sources", "CFeeddXML", "feedd_text_tables.h"), c_tables)]:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{os.path.normpath(path)}: {len(entities)} entities, windows-1252")
