// Streaming feed XML: transcode and repair the bytes, then read them with feedd's own tokenizer
// (feedd_xml_tokens.c) when the document is well-formed, or else with libxml2's SAX2 parser.
//
// Why a repair pass before the parse: in recovery mode libxml2 drops every entity reference (even
// `&amp;`) once the document has had one error, it rejects the HTML entities feeds use (`&nbsp;`),
// and on invalid UTF-8 it silently switches the rest of the document to Latin-1. So the bytes are
// made valid UTF-8 here, every named reference becomes a numeric one (which libxml2 always keeps),
// and the DOCTYPE is removed, which also rules out entity-expansion attacks (billion laughs, XXE).

#define _GNU_SOURCE  // memmem
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include "feedd_xml_common.h"
#include "feedd_xml_feed.h"
#include "feedd_bytes.h"
#include "feedd_text.h"
#include "feedd_xml_tokens.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// MARK: - Growable byte buffer

typedef struct feedd_buf {
    unsigned char *data;
    size_t length;
    size_t capacity;
    int failed;
} feedd_buf;

static int buf_reserve(feedd_buf *b, size_t extra) {
    if (b->failed) return 0;
    if (!feedd_grow((void **)&b->data, &b->capacity, b->length + extra, 1, 256)) { b->failed = 1; return 0; }
    return 1;
}

static void buf_append(feedd_buf *b, const void *bytes, size_t n) {
    if (n == 0 || !buf_reserve(b, n)) return;
    memcpy(b->data + b->length, bytes, n);
    b->length += n;
}

static void buf_byte(feedd_buf *b, unsigned char c) {
    if (!buf_reserve(b, 1)) return;
    b->data[b->length++] = c;
}

static void buf_codepoint(feedd_buf *b, uint32_t cp) {
    unsigned char out[4];
    buf_append(b, out, feedd_put_utf8(out, cp));
}

// MARK: - Charsets

enum charset_kind { CS_UTF8, CS_CP1252, CS_UTF16LE, CS_UTF16BE, CS_UTF32LE, CS_UTF32BE, CS_ICONV };

// Lowercases a label and drops quotes and spaces around it: `"UTF-8"` → `utf-8`.
static void normalize_label(const char *in, size_t n, char *out, size_t cap) {
    size_t j = 0;
    for (size_t i = 0; i < n && j + 1 < cap; i++) {
        char c = in[i];
        if (c == '"' || c == '\'' || c == ' ' || c == '\t') continue;
        out[j++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[j] = 0;
}

static enum charset_kind classify(const char *label) {
    if (!label[0] || !strcmp(label, "utf-8") || !strcmp(label, "utf8") || !strcmp(label, "unicode-1-1-utf-8"))
        return CS_UTF8;
    // Latin-1 and ASCII labels are windows-1252 in practice (the WHATWG rule): feeds that say
    // ISO-8859-1 routinely contain curly quotes from 0x80–0x9F. One list, shared with FeeddCore.
    if (feedd_is_cp1252_label(label)) return CS_CP1252;
    if (!strcmp(label, "utf-16le")) return CS_UTF16LE;
    if (!strcmp(label, "utf-16be") || !strcmp(label, "utf-16")) return CS_UTF16BE;
    if (!strcmp(label, "utf-32le")) return CS_UTF32LE;
    if (!strcmp(label, "utf-32be") || !strcmp(label, "utf-32") || !strcmp(label, "ucs-4")) return CS_UTF32BE;
    return CS_ICONV;
}

// GB2312 and GBK labels are read as GB18030, their superset (feeds labelled GB2312 use GBK's extra
// characters freely); iconv gets the label otherwise unchanged.
static const char *iconv_label(const char *label) {
    if (!strcmp(label, "gb2312") || !strcmp(label, "gbk") || !strcmp(label, "x-gbk") || !strcmp(label, "cp936") ||
        !strcmp(label, "euc-cn"))
        return "GB18030";
    return label;
}

// The encoding named in `<?xml ... encoding="..."?>`, if any, into `out`.
static int declared_encoding(const unsigned char *p, size_t n, char *out, size_t cap) {
    if (n < 6 || memcmp(p, "<?xml", 5) != 0) return 0;
    size_t end = 5;
    while (end + 1 < n && end < 512 && !(p[end] == '?' && p[end + 1] == '>')) end++;
    for (size_t i = 5; i + 8 < end; i++) {
        if (memcmp(p + i, "encoding", 8) != 0) continue;
        size_t j = i + 8;
        while (j < end && (p[j] == ' ' || p[j] == '=')) j++;
        if (j >= end || (p[j] != '"' && p[j] != '\'')) return 0;
        unsigned char quote = p[j++];
        size_t start = j;
        while (j < end && p[j] != quote) j++;
        normalize_label((const char *)p + start, j - start, out, cap);
        return out[0] != 0;
    }
    return 0;
}

// Validates UTF-8; when `out` is set, writes a repaired copy (U+FFFD for bad sequences). Returns the
// count of bad sequences; *multibyte counts the valid non-ASCII sequences, *legacy the broken ones
// (an overlong form such as C0 AF counting once) and *cut those that start with a lead byte cut
// short, the mark of a single-byte legacy charset ("é" as E9 then ASCII).
static size_t utf8_scan_counting(const unsigned char *p, size_t n, feedd_buf *out, size_t *multibyte, size_t *legacy,
                                 size_t *cut) {
    size_t bad = 0, i = 0, run = 0, absorbed = 0;
    while (i < n) {
        // ASCII fast path, sixteen bytes at a time where SSE2 is there, then eight, then straight to the
        // first non-ASCII byte.
#if defined(__SSE2__)
        while (i + 16 <= n) {
            unsigned high = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(p + i)));
            if (high) { i += (size_t)__builtin_ctz(high); break; }
            i += 16;
        }
#endif
        while (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            uint64_t high = word & 0x8080808080808080ULL;
            if (high) { i += (size_t)__builtin_ctzll(high) / 8; break; }
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = p[i];
        if (c < 0x80) { i++; continue; }
        size_t need = 0;
        uint32_t cp = 0, min = 0;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; min = 0x10000; }
        size_t k = 0;
        if (need) {
            for (k = 1; k <= need && i + k < n && (p[i + k] & 0xC0) == 0x80; k++) cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (need && k == need + 1 && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            absorbed = 0;
            if (multibyte) (*multibyte)++;
            i += need + 1;
            continue;
        }
        if (need && cut) (*cut)++;
        if (legacy) {
            if (absorbed > 0 && (c & 0xC0) == 0x80) absorbed--;
            else { (*legacy)++; absorbed = (!need && (c == 0xC0 || c == 0xC1 || c >= 0xF5)) ? 3 : 0; }
        }
        bad++;
        if (out) {
            buf_append(out, p + run, i - run);
            buf_codepoint(out, 0xFFFD);
        }
        i += (need && k > 1) ? k : 1;  // skip the broken sequence as one unit
        run = i;
    }
    if (out) buf_append(out, p + run, n - run);
    return bad;
}

static size_t utf8_scan(const unsigned char *p, size_t n, feedd_buf *out, int *multibyte) {
    size_t count = 0;
    size_t bad = utf8_scan_counting(p, n, out, &count, NULL, NULL);
    if (multibyte) *multibyte = count > 0;
    return bad;
}

static void decode_cp1252(const unsigned char *p, size_t n, feedd_buf *out) {
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x80) continue;
        buf_append(out, p + run, i - run);
        buf_codepoint(out, feedd_cp1252(p[i]));
        run = i + 1;
    }
    buf_append(out, p + run, n - run);
}

static void decode_utf16(const unsigned char *p, size_t n, int little, feedd_buf *out) {
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint32_t u = little ? (uint32_t)(p[i] | (p[i + 1] << 8)) : (uint32_t)((p[i] << 8) | p[i + 1]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t l = little ? (uint32_t)(p[i + 2] | (p[i + 3] << 8)) : (uint32_t)((p[i + 2] << 8) | p[i + 3]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                buf_codepoint(out, 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00));
                i += 2;
                continue;
            }
        }
        buf_codepoint(out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
    }
}

static void decode_utf32(const unsigned char *p, size_t n, int little, feedd_buf *out) {
    for (size_t i = 0; i + 3 < n; i += 4) {
        uint32_t u = little ? (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24
                            : (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | (uint32_t)p[i + 3];
        buf_codepoint(out, (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) ? 0xFFFD : u);
    }
}

// Any other charset through glibc's iconv; undecodable bytes become U+FFFD (with `strict`, the
// first one fails the decoding: returns 0). Returns 0 when iconv does not know the label (the
// caller then falls back to UTF-8/windows-1252 sniffing).
static int decode_iconv_mode(const unsigned char *p, size_t n, const char *label, feedd_buf *out, int strict) {
    iconv_t cd = iconv_open("UTF-8", iconv_label(label));
    if (cd == (iconv_t)-1) return 0;
    char *in = (char *)p;
    size_t inLeft = n;
    while (inLeft > 0 && !out->failed) {
        if (!buf_reserve(out, inLeft * 4 + 16)) break;
        char *dst = (char *)out->data + out->length;
        size_t dstLeft = out->capacity - out->length;
        size_t before = dstLeft;
        size_t r = iconv(cd, &in, &inLeft, &dst, &dstLeft);
        out->length += before - dstLeft;
        if (r == (size_t)-1) {
            if (errno == E2BIG) continue;
            if (strict && errno == EILSEQ) { iconv_close(cd); return 0; }
            buf_codepoint(out, 0xFFFD);  // EILSEQ or a truncated sequence at the end
            in++;
            inLeft--;
        }
    }
    iconv_close(cd);
    return 1;
}

static int decode_iconv(const unsigned char *p, size_t n, const char *label, feedd_buf *out) {
    return decode_iconv_mode(p, n, label, out, 0);
}

// MARK: - Detecting a legacy charset

// Frequent characters of Chinese (simplified and traditional), Japanese and Korean text: a
// decoding that yields many of them is the right one; a wrong one yields rare characters.
static const uint16_t frequent_cjk[] = {
    0x3042, 0x3044, 0x3046, 0x304B, 0x304C, 0x3053, 0x3055, 0x3057, 0x305F, 0x3066, 0x3067, 0x3068, 0x306A,
    0x306B, 0x306E, 0x306F, 0x3082, 0x308B, 0x308C, 0x3092, 0x30FC, 0x4E00, 0x4E09, 0x4E0A, 0x4E0B, 0x4E0D,
    0x4E24, 0x4E2A, 0x4E2D, 0x4E3A, 0x4E3B, 0x4E48, 0x4E4B, 0x4E5F, 0x4E86, 0x4E8B, 0x4E8C, 0x4E8E, 0x4E94,
    0x4EBA, 0x4ECE, 0x4ED6, 0x4EE5, 0x4EEC, 0x4F1A, 0x4F5C, 0x4F60, 0x4F86, 0x500B, 0x5011, 0x5169, 0x516C,
    0x51FA, 0x5230, 0x524D, 0x52A8, 0x52D5, 0x5341, 0x53BB, 0x53C8, 0x53D1, 0x53EA, 0x53EF, 0x540C, 0x540E,
    0x548C, 0x56DB, 0x56FD, 0x570B, 0x5728, 0x5730, 0x591A, 0x5927, 0x5929, 0x5934, 0x5979, 0x597D, 0x5982,
    0x5B50, 0x5B66, 0x5B78, 0x5BB6, 0x5BF9, 0x5C0D, 0x5C0F, 0x5C31, 0x5DF2, 0x5E74, 0x5F00, 0x5F53, 0x5F8C,
    0x5F97, 0x5F9E, 0x5FC3, 0x60F3, 0x6210, 0x6211, 0x6240, 0x624B, 0x6587, 0x65B0, 0x65B9, 0x65BC, 0x65E0,
    0x65E5, 0x65F6, 0x662F, 0x6642, 0x6703, 0x6708, 0x6709, 0x672C, 0x6765, 0x696D, 0x6C92, 0x6CA1, 0x70BA,
    0x7121, 0x7136, 0x751F, 0x7528, 0x7576, 0x767C, 0x7684, 0x770B, 0x7740, 0x793E, 0x7D93, 0x7ECF, 0x8001,
    0x800C, 0x805E, 0x80FD, 0x81EA, 0x8457, 0x884C, 0x88E1, 0x8981, 0x898B, 0x89C1, 0x8AAA, 0x8BF4, 0x8D77,
    0x8FC7, 0x8FD8, 0x8FD9, 0x9019, 0x904E, 0x9053, 0x9084, 0x90A3, 0x90FD, 0x91CC, 0x9577, 0x957F, 0x958B,
    0x95FB, 0x9762, 0x982D, 0x9EBC, 0xAC00, 0xACE0, 0xAD6D, 0xAE30, 0xB294, 0xB2E4, 0xB300, 0xB3C4, 0xB85C,
    0xB97C, 0xBD80, 0xC0AC, 0xC11C, 0xC2A4, 0xC2DC, 0xC5B4, 0xC5D0, 0xC73C, 0xC744, 0xC758, 0xC774, 0xC778,
    0xC77C, 0xC815, 0xC9C0, 0xD558, 0xD55C};

static int is_frequent_cjk(uint32_t cp) {
    size_t lo = 0, hi = sizeof frequent_cjk / sizeof frequent_cjk[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (frequent_cjk[mid] == cp) return 1;
        if (frequent_cjk[mid] < cp) lo = mid + 1; else hi = mid;
    }
    return 0;
}

static uint32_t next_codepoint(const unsigned char *s, size_t n, size_t *i) {
    unsigned char c = s[*i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (*i + len > n) { *i = n; return 0xFFFD; }
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < len; k++) cp = (cp << 6) | (s[*i + k] & 0x3Fu);
    *i += len;
    return cp;
}

// How well a decoding reads, per non-ASCII byte of the input: CJK decodings by their frequent
// characters (two bytes each), Cyrillic ones by lower-case letters less upper-case ones inside
// words (KOI8-R read as windows-1251, or the reverse, swaps the cases).
static int is_ascii_letter(uint32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'); }

static double decoding_score(const feedd_buf *text, size_t highBytes, int cyrillic) {
    double score = 0;
    uint32_t previous = 0;
    for (size_t i = 0; i < text->length;) {
        uint32_t cp = next_codepoint(text->data, text->length, &i);
        if (cyrillic) {
            // Also against: a Cyrillic letter touching a Latin one (Western text read as Cyrillic: "Kцln").
            int isCyrillic = cp >= 0x410 && cp <= 0x44F;
            int previousIsCyrillic = previous >= 0x410 && previous <= 0x44F;
            if (isCyrillic && is_ascii_letter(previous)) score -= 2;
            else if (previousIsCyrillic && is_ascii_letter(cp)) score -= 2;
            if (cp >= 0x430 && cp <= 0x44F) score += 1;
            else if (cp >= 0x410 && cp <= 0x42F && previousIsCyrillic) score -= 2;
        } else if (is_frequent_cjk(cp)) {
            score += 2;
        }
        previous = cp;
    }
    return highBytes ? score / (double)highBytes : 0;
}

// Picks the charset of bytes that are not UTF-8 and name none that decodes them: isolated
// non-ASCII bytes are Western text (windows-1252); runs of them are tried as the common CJK and
// Cyrillic charsets, the best-reading strict decoding winning. Writes the decoded text to `out`.
// Without `western`, only a CJK or Cyrillic charset that reads well is taken: returns 0 otherwise.
static int decode_detected(const unsigned char *p, size_t n, int western, feedd_buf *out, char *used, size_t usedCap) {
    size_t high = 0, paired = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < 0x80) continue;
        high++;
        if ((i > 0 && p[i - 1] >= 0x80) || (i + 1 < n && p[i + 1] >= 0x80)) paired++;
    }
    if (high > 0 && paired * 10 >= high * 4) {
        static const char *candidates[] = {"GB18030", "BIG5", "SHIFT_JIS", "EUC-JP", "EUC-KR", "WINDOWS-1251", "KOI8-R"};
        double best = 0.25;  // below this, nothing reads well: fall back to windows-1252
        const char *chosen = NULL;
        for (size_t c = 0; c < sizeof candidates / sizeof candidates[0]; c++) {
            feedd_buf trial = {0};
            if (decode_iconv_mode(p, n, candidates[c], &trial, 1) && !trial.failed) {
                double score = decoding_score(&trial, high, c >= 5);
                if (score > best) { best = score; chosen = candidates[c]; }
            }
            free(trial.data);
        }
        if (chosen && decode_iconv(p, n, chosen, out)) {
            snprintf(used, usedCap, "%s", chosen);
            return 1;
        }
        out->length = 0;
    }
    if (!western) return 0;
    decode_cp1252(p, n, out);
    snprintf(used, usedCap, "windows-1252");
    return 1;
}

// Turns `bytes` into valid UTF-8; names the source encoding in `used`. Bytes that are valid UTF-8
// already (most feeds) are returned in place, past any byte-order mark, without a copy; anything
// else is decoded into `out`, whose bytes are returned. The length goes to *length.
static const unsigned char *to_utf8(const unsigned char *p, size_t n, const char *httpCharset, feedd_buf *out,
                                    size_t *length, char *used, size_t usedCap) {
    char label[40] = "";
    char declared[40] = "";  // the XML declaration's label, when the HTTP charset spoke first
    // A byte-order mark wins over every label (UTF-32's before UTF-16's, which it starts like).
    if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) { strcpy(label, "utf-32be"); p += 4; n -= 4; }
    else if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) { strcpy(label, "utf-32le"); p += 4; n -= 4; }
    else if (n >= 4 && p[0] == '<' && p[1] == 0 && p[2] == 0 && p[3] == 0) strcpy(label, "utf-32le");
    else if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == '<') strcpy(label, "utf-32be");
    else if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) { p += 3; n -= 3; strcpy(label, "utf-8"); }
    else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) { strcpy(label, "utf-16le"); p += 2; n -= 2; }
    else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) { strcpy(label, "utf-16be"); p += 2; n -= 2; }
    else if (n >= 4 && p[0] == '<' && p[1] == 0 && p[2] == '?' && p[3] == 0) strcpy(label, "utf-16le");
    else if (n >= 4 && p[0] == 0 && p[1] == '<' && p[2] == 0 && p[3] == '?') strcpy(label, "utf-16be");
    else if (httpCharset && httpCharset[0]) normalize_label(httpCharset, strlen(httpCharset), label, sizeof label);
    {
        // Skip leading whitespace so a declaration after a blank line still counts.
        size_t s = 0;
        while (s < n && s < 64 && (p[s] == ' ' || p[s] == '\n' || p[s] == '\r' || p[s] == '\t')) s++;
        if (!label[0]) declared_encoding(p + s, n - s, label, sizeof label);
        else declared_encoding(p + s, n - s, declared, sizeof declared);
    }
    enum charset_kind kind = classify(label);
    int valid = 0, detect = 0;
    if (kind == CS_UTF16LE || kind == CS_UTF16BE || kind == CS_UTF32LE || kind == CS_UTF32BE) {
        // A UTF-16 or UTF-32 label on ASCII-looking bytes is a wrong label: the declaration survived transcoding.
        if (n >= 2 && p[0] != 0 && p[1] != 0) kind = CS_UTF8;
    }
    if (kind != CS_UTF16LE && kind != CS_UTF16BE && kind != CS_UTF32LE && kind != CS_UTF32BE) {
        size_t multibyte = 0, legacy = 0, cut = 0;
        size_t bad = utf8_scan_counting(p, n, NULL, &multibyte, &legacy, &cut);
        // Valid UTF-8 is UTF-8 whatever the label says (servers default to ISO-8859-1 for text/xml).
        // Bytes labelled UTF-8 that mostly are not are a legacy charset: the other declaration's,
        // else a detected one; never UTF-8 with U+FFFD for every letter. More lead bytes cut short
        // than whole sequences (or no whole one at all) mark a single-byte charset; more broken ones, a
        // multibyte one (CJK bytes form whole UTF-8 pairs by chance), taken only when a CJK or
        // Cyrillic decoding reads well. A few broken sequences in UTF-8 text stay U+FFFD.
        if (bad == 0) { kind = CS_UTF8; valid = 1; }
        else if (kind == CS_UTF8 && (cut > multibyte || legacy > multibyte)) {
            enum charset_kind other = classify(declared);
            if (declared[0] && other != CS_UTF8) { strcpy(label, declared); kind = other; }
            else detect = (cut > multibyte || multibyte == 0) ? 2 : 1;
        }
    }
    if (detect && decode_detected(p, n, detect == 2, out, used, usedCap)) {
        *length = out->length;
        return out->data;
    }
    switch (kind) {
    case CS_UTF8:
        snprintf(used, usedCap, "utf-8");
        if (valid) { *length = n; return p; }
        utf8_scan(p, n, out, NULL);
        break;
    case CS_UTF32LE: decode_utf32(p, n, 1, out); snprintf(used, usedCap, "utf-32le"); break;
    case CS_UTF32BE: decode_utf32(p, n, 0, out); snprintf(used, usedCap, "utf-32be"); break;
    case CS_CP1252: decode_cp1252(p, n, out); snprintf(used, usedCap, "windows-1252"); break;
    case CS_UTF16LE: decode_utf16(p, n, 1, out); snprintf(used, usedCap, "utf-16le"); break;
    case CS_UTF16BE: decode_utf16(p, n, 0, out); snprintf(used, usedCap, "utf-16be"); break;
    case CS_ICONV:
        if (decode_iconv(p, n, label, out)) {
            // iconv output is valid UTF-8 except for what it passed through; check anyway.
            snprintf(used, usedCap, "%s", label);
            break;
        }
        out->length = 0;
        int multibyte = 0;
        if (utf8_scan(p, n, NULL, &multibyte) == 0 || multibyte) { utf8_scan(p, n, out, NULL); snprintf(used, usedCap, "utf-8"); }
        else { decode_cp1252(p, n, out); snprintf(used, usedCap, "windows-1252"); }
        break;
    }
    *length = out->length;
    return out->data;
}

// MARK: - Markup repair

static int is_xml_name_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
}

static void emit_charref(feedd_buf *out, uint32_t cp) {
    // "&#" digits ";" without snprintf: this runs for every reference in a feed.
    char digits[12];
    int n = 0;
    do { digits[n++] = (char)('0' + cp % 10); cp /= 10; } while (cp > 0);
    char ref[16];
    int len = 0;
    ref[len++] = '&';
    ref[len++] = '#';
    while (n > 0) ref[len++] = digits[--n];
    ref[len++] = ';';
    buf_append(out, ref, (size_t)len);
}

// MARK: - Internal entities

// Text entities a document declares in its internal DTD subset (`<!ENTITY id "…">`). They are
// expanded by the repair pass, within limits that make expansion attacks (billion laughs) harmless:
// so many entities, so deep, so many bytes per reference and per document; a reference that would
// go past a limit stays literal text. External entities (SYSTEM, PUBLIC) and parameter entities are
// never read.
static void append_clean(const unsigned char *p, size_t n, size_t from, size_t to, feedd_buf *out);

#define FEEDD_MAX_ENTITIES 128
#define FEEDD_MAX_ENTITY_DEPTH 8
#define FEEDD_MAX_ENTITY_EXPANSION (64 * 1024)
#define FEEDD_MAX_DOCUMENT_EXPANSION (1024 * 1024)

typedef struct internal_entity {
    const unsigned char *name, *value;
    size_t nameLength, valueLength;
} internal_entity;

typedef struct entity_table {
    internal_entity entries[FEEDD_MAX_ENTITIES];
    size_t count;
    size_t spent;  // bytes produced by expansion in this document, kept or not
} entity_table;

static int is_entity_name_char(unsigned char c) {
    return is_xml_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static void skip_space(const unsigned char *p, size_t n, size_t *i) {
    while (*i < n && (p[*i] == ' ' || p[*i] == '\t' || p[*i] == '\n' || p[*i] == '\r')) (*i)++;
}

// Reads the `<!ENTITY name "value">` declarations of an internal subset (the bytes between `[` and `]`).
static void read_internal_subset(const unsigned char *p, size_t n, entity_table *table) {
    size_t i = 0;
    while (i + 8 < n) {
        const unsigned char *found = memmem(p + i, n - i, "<!ENTITY", 8);
        if (!found) return;
        i = (size_t)(found - p) + 8;
        skip_space(p, n, &i);
        if (i < n && p[i] == '%') continue;  // a parameter entity: never used
        size_t nameStart = i;
        while (i < n && is_entity_name_char(p[i])) i++;
        size_t nameLength = i - nameStart;
        skip_space(p, n, &i);
        if (nameLength == 0 || i >= n || (p[i] != '"' && p[i] != '\'')) continue;  // SYSTEM, PUBLIC: refused
        unsigned char quote = p[i++];
        size_t valueStart = i;
        while (i < n && p[i] != quote) i++;
        if (i >= n || table->count == FEEDD_MAX_ENTITIES) return;
        internal_entity *entry = &table->entries[table->count++];
        entry->name = p + nameStart;
        entry->nameLength = nameLength;
        entry->value = p + valueStart;
        entry->valueLength = i - valueStart;
        i++;
    }
}

static const internal_entity *find_entity(const entity_table *table, const unsigned char *name, size_t length) {
    // The first declaration of a name is binding (XML 1.0, 4.2).
    for (size_t k = 0; table && k < table->count; k++) {
        const internal_entity *entry = &table->entries[k];
        if (entry->nameLength == length && memcmp(entry->name, name, length) == 0) return entry;
    }
    return NULL;
}

// Appends the replacement text of `entry` to `out` as text, its references resolved. Returns 0 when
// a limit was reached (the caller then drops what was appended).
static int expand_entity(entity_table *table, const internal_entity *entry, int depth, size_t limit, feedd_buf *out) {
    if (depth > FEEDD_MAX_ENTITY_DEPTH) return 0;
    const unsigned char *v = entry->value;
    size_t n = entry->valueLength, i = 0;
    while (i < n) {
        if (out->length > limit || table->spent > FEEDD_MAX_DOCUMENT_EXPANSION) return 0;
        const unsigned char *amp = memchr(v + i, '&', n - i);
        size_t stop = amp ? (size_t)(amp - v) : n;
        append_clean(v, n, i, stop, out);  // without control characters, as all text
        table->spent += stop - i;
        if (!amp) break;
        long cp;
        size_t used = feedd_read_reference(v, n, stop, FEEDD_REFERENCES_XML, &cp);
        if (cp >= 0) {
            buf_codepoint(out, (uint32_t)cp);
            table->spent += 4;
            i = stop + used;
            continue;
        }
        size_t end = stop + 1;
        while (end < n && is_entity_name_char(v[end])) end++;
        const internal_entity *inner = (end < n && v[end] == ';') ? find_entity(table, v + stop + 1, end - stop - 1) : NULL;
        if (inner) {
            if (!expand_entity(table, inner, depth + 1, limit, out)) return 0;
            i = end + 1;
        } else {
            buf_byte(out, '&');
            i = stop + 1;
        }
    }
    return out->length <= limit && table->spent <= FEEDD_MAX_DOCUMENT_EXPANSION;
}

// For the `&` at p[i] that feedd_read_reference did not know: expands a declared internal entity into
// `out` as text. Returns the bytes of the reference, or 0 when it stays literal.
static size_t expand_reference(const unsigned char *p, size_t n, size_t i, entity_table *table, feedd_buf *out) {
    if (!table || table->count == 0) return 0;
    size_t end = i + 1;
    while (end < n && end - i <= 64 && is_entity_name_char(p[end])) end++;
    if (end >= n || p[end] != ';' || end == i + 1) return 0;
    const internal_entity *entry = find_entity(table, p + i + 1, end - i - 1);
    if (!entry) return 0;
    size_t mark = out->length;
    if (!expand_entity(table, entry, 1, mark + FEEDD_MAX_ENTITY_EXPANSION, out)) {
        out->length = mark;
        return 0;
    }
    return end + 1 - i;
}

// Handles the `&` at p[i] inside markup (attribute values): writes a numeric reference, which
// libxml2 always keeps, or `&#38;` for a literal ampersand. Returns the bytes used.
static size_t repair_reference(const unsigned char *p, size_t n, size_t i, entity_table *entities, feedd_buf *out) {
    long cp;
    size_t used = feedd_read_reference(p, n, i, FEEDD_REFERENCES_XML, &cp);
    if (cp < 0 && entities && entities->count) {
        // A declared entity: its text, every character as a reference (it lands in an attribute value).
        feedd_buf text = {0};
        size_t expanded = expand_reference(p, n, i, entities, &text);
        if (expanded && !text.failed) {
            for (size_t k = 0; k < text.length;) emit_charref(out, next_codepoint(text.data, text.length, &k));
            free(text.data);
            return expanded;
        }
        free(text.data);
    }
    emit_charref(out, cp >= 0 ? (uint32_t)cp : '&');
    return used;
}

// The first `needle` in `p`: memchr on its first byte, then a compare. The needles are short
// (`<?xml`, `-->`) and mostly found at once or within a comment; memmem's setup for each call cost
// more than the search on small documents.
static const unsigned char *find_bytes(const unsigned char *p, size_t n, const char *needle) {
    size_t m = strlen(needle);
    if (m == 0 || m > n) return m == 0 ? p : NULL;
    const unsigned char *q = p, *last = p + (n - m);
    while (q <= last) {
        q = memchr(q, (unsigned char)needle[0], (size_t)(last - q) + 1);
        if (!q) return NULL;
        if (memcmp(q + 1, needle + 1, m - 1) == 0) return q;
        q++;
    }
    return NULL;
}

// The `]]>` that ends a CDATA section. `]` is rare in text, so memchr on it (vectorized) beats
// memmem's general search over what is most of a feed's bytes.
static const unsigned char *find_cdata_end(const unsigned char *p, size_t n) {
    const unsigned char *q = p, *end = p + n;
    while (end - q >= 3) {
        q = memchr(q, ']', (size_t)(end - q) - 2);
        if (!q) return NULL;
        if (q[1] == ']' && q[2] == '>') return q;
        q++;
    }
    return NULL;
}

// Character data is decoded here rather than by libxml2 when it needs work: CDATA sections (which
// libxml2 reads one character at a time) and text with references (which libxml2 reports one
// reference per callback). Such a run is replaced by `<?feedd-cdata N?>` and its decoded bytes go to
// a side buffer; the parse delivers run N as text in its place. Text without either goes to libxml2.
// A run that is one CDATA section needing no cleaning (most `content:encoded`) is not copied: its
// range points into the document, which outlives the parse.
typedef feedd_text_run cdata_range;  // source: the run's bytes in the document, or NULL: at `offset` in `bytes`

typedef struct cdata_table {
    cdata_range *ranges;
    size_t count;
    size_t capacity;
    feedd_buf bytes;
    // A clean CDATA section that opened the pending run, not copied (yet).
    const unsigned char *lent;
    size_t lentLength;
    int failed;
} cdata_table;

// Copies a lent section into `bytes`: something else joins its run.
static void cdata_materialize(cdata_table *t) {
    if (!t->lent) return;
    buf_append(&t->bytes, t->lent, t->lentLength);
    t->lent = NULL;
}

// Records the pending run (the lent section, or the bytes added to t->bytes since `start`) and
// writes its marker to `out`.
static void cdata_close(cdata_table *t, size_t start, feedd_buf *out) {
    if (t->count == t->capacity) {
        size_t wanted = t->capacity ? t->capacity * 2 : 64;
        cdata_range *grown = realloc(t->ranges, wanted * sizeof *grown);
        if (!grown) { t->failed = 1; return; }
        t->ranges = grown;
        t->capacity = wanted;
    }
    cdata_range *range = &t->ranges[t->count];
    range->source = t->lent;
    range->offset = start;
    range->length = t->lent ? t->lentLength : t->bytes.length - start;
    t->lent = NULL;
    char marker[48];
    int len = snprintf(marker, sizeof marker, "<?feedd-cdata %zu?>", t->count);
    buf_append(out, marker, (size_t)len);
    t->count++;
}

// Bytes that need a look in text: '&', '<', controls other than tab/newline/return, and 0xEF
// (U+FFFE/U+FFFF are not XML characters).
static const unsigned char text_special[256] = {
    [0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1, [8] = 1, [11] = 1, [12] = 1,
    [14] = 1, [15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1,
    [24] = 1, [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1, ['&'] = 1, ['<'] = 1,
    [0xEF] = 1};

// Word-at-a-time tests (eight bytes, little-endian): the high bit of each byte below 0x20, of each
// byte equal to `b`. Above a flagged byte others may be flagged falsely; the lowest flag is exact.
#define FEEDD_ONES 0x0101010101010101ULL
#define FEEDD_HIGHS 0x8080808080808080ULL
static inline uint64_t control_flags(uint64_t w) { return (w - FEEDD_ONES * 0x20) & ~w & FEEDD_HIGHS; }
static inline uint64_t byte_flags(uint64_t w, unsigned char b) {
    uint64_t x = w ^ (FEEDD_ONES * b);
    return (x - FEEDD_ONES) & ~x & FEEDD_HIGHS;
}

// Index of the first byte at or after `k` (before `to`) that may need a look in text: a control,
// 0xEF, or (when `markup` is set) '<' or '&'. Skips clean stretches eight bytes at a time; in the
// word that has one, the lowest flag marks it exactly (borrows only spill into higher bytes).
static size_t skip_clean(const unsigned char *p, size_t k, size_t to, int markup) {
#if defined(__SSE2__)
    // Sixteen bytes at a time where SSE2 is there (every x86-64): the same first byte, found sooner.
    const __m128i below = _mm_set1_epi8(0x1F), ef = _mm_set1_epi8((char)0xEF);
    const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&');
    while (k + 16 <= to) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + k));
        __m128i found = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, below), v), _mm_cmpeq_epi8(v, ef));
        if (markup) found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
        unsigned mask = (unsigned)_mm_movemask_epi8(found);
        if (mask) return k + (size_t)__builtin_ctz(mask);
        k += 16;
    }
#endif
    while (k + 8 <= to) {
        uint64_t w;
        memcpy(&w, p + k, 8);
        uint64_t found = control_flags(w) | byte_flags(w, 0xEF);
        if (markup) found |= byte_flags(w, '<') | byte_flags(w, '&');
        if (found) return k + (size_t)__builtin_ctzll(found) / 8;
        k += 8;
    }
    return k;
}

static int is_noncharacter(const unsigned char *p, size_t n, size_t k) {
    return p[k] == 0xEF && k + 2 < n && p[k + 1] == 0xBF && (p[k + 2] == 0xBE || p[k + 2] == 0xBF);
}

// Appends p[from..<to] to `out` without control characters and with U+FFFE/U+FFFF as U+FFFD.
static void append_clean(const unsigned char *p, size_t n, size_t from, size_t to, feedd_buf *out) {
    size_t run = from;
    for (size_t k = skip_clean(p, from, to, 0); k < to; k++) {
        unsigned char c = p[k];
        if (!text_special[c] || c == '&' || c == '<') {
            // Back to word steps once the bytes are clean again.
            size_t next = skip_clean(p, k + 1, to, 0);
            k = next - 1;
            continue;
        }
        if (c == 0xEF) {
            if (!is_noncharacter(p, n, k)) continue;
            buf_append(out, p + run, k - run);
            buf_codepoint(out, 0xFFFD);
            k += 2;
            run = k + 1;
            continue;
        }
        buf_append(out, p + run, k - run);
        run = k + 1;
    }
    buf_append(out, p + run, to - run);
}

// Appends p[from..<to]: through append_clean when it may hold controls or 0xEF, else as it is.
static void append_span(const unsigned char *p, size_t n, size_t from, size_t to, int dirty, feedd_buf *out) {
    if (dirty) append_clean(p, n, from, to, out);
    else buf_append(out, p + from, to - from);
}

// Bytes that play a part inside a tag: delimiters, quotes, '&', and those append_clean may change.
static int is_tag_special(unsigned char c) {
    return c == '<' || c == '>' || c == '"' || c == '\'' || c == '&' || c < 0x20 || c == 0xEF;
}

// Index of the first byte at or after `k` (before `n`) that plays a part inside a tag.
static size_t skip_in_tag(const unsigned char *p, size_t k, size_t n) {
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x1F), ef = _mm_set1_epi8((char)0xEF);
    const __m128i lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), amp = _mm_set1_epi8('&');
    const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');
    while (k + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + k));
        __m128i found = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, below), v), _mm_cmpeq_epi8(v, ef));
        found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)));
        found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)));
        found = _mm_or_si128(found, _mm_cmpeq_epi8(v, amp));
        unsigned mask = (unsigned)_mm_movemask_epi8(found);
        if (mask) return k + (size_t)__builtin_ctz(mask);
        k += 16;
    }
#endif
    while (k + 8 <= n) {
        uint64_t w;
        memcpy(&w, p + k, 8);
        uint64_t found = control_flags(w) | byte_flags(w, 0xEF) | byte_flags(w, '<') | byte_flags(w, '>') |
                         byte_flags(w, '"') | byte_flags(w, '\'') | byte_flags(w, '&');
        if (found) return k + (size_t)__builtin_ctzll(found) / 8;
        k += 8;
    }
    while (k < n && !is_tag_special(p[k])) k++;
    return k;
}

// True when append_clean would copy p[from..<to] unchanged.
static int is_clean(const unsigned char *p, size_t n, size_t from, size_t to) {
    for (size_t k = skip_clean(p, from, to, 0); k < to; k = skip_clean(p, k + 1, to, 0)) {
        unsigned char c = p[k];
        if (c == 0xEF ? is_noncharacter(p, n, k) : (text_special[c] && c != '&' && c != '<')) return 0;
    }
    return 1;
}

// A comment body libxml2 accepts as it is: nothing append_clean would change, no `--`, no `-` before
// the closing `-->`. Such a comment reports nothing (no comment handler is set), so only its lines matter.
static int is_plain_comment(const unsigned char *p, size_t n, size_t from, size_t to) {
    if (to > from && p[to - 1] == '-') return 0;
    for (const unsigned char *q = p + from, *end = p + to; (q = memchr(q, '-', (size_t)(end - q))) != NULL; q++) {
        if (q + 1 < end && q[1] == '-') return 0;
    }
    return is_clean(p, n, from, to);
}

// Writes a plain comment with its newlines only: libxml2 reads comments a character at a time (much of
// a small feed's parse when it opens with a licence or a description), and the newlines keep the line
// numbers of later errors.
static void append_hollow_comment(const unsigned char *p, size_t from, size_t to, feedd_buf *out) {
    buf_append(out, "<!--", 4);
    for (const unsigned char *q = p + from, *end = p + to; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++) {
        buf_byte(out, '\n');
    }
    buf_append(out, "-->", 3);
}

// Appends the text p[from..<to] decoded: references resolved (unknown ones kept literally).
static void append_decoded(const unsigned char *p, size_t n, size_t from, size_t to, entity_table *entities,
                           feedd_buf *out) {
    size_t k = from;
    while (k < to) {
        const unsigned char *amp = memchr(p + k, '&', to - k);
        size_t stop = amp ? (size_t)(amp - p) : to;
        append_clean(p, n, k, stop, out);
        if (!amp) break;
        long cp;
        size_t used = feedd_read_reference(p, to, stop, FEEDD_REFERENCES_XML, &cp);
        if (cp >= 0) buf_codepoint(out, (uint32_t)cp);
        else if ((used = expand_reference(p, to, stop, entities, out)) == 0) { buf_byte(out, '&'); used = 1; }
        k = stop + used;
    }
}


// Spaces and tabs only (a newline would move the lines of later errors).
static size_t skip_inline_space(const unsigned char *p, size_t n, size_t k) {
    while (k < n && (p[k] == ' ' || p[k] == '\t')) k++;
    return k;
}

// Reads ` name="value"` (either quote, spaces around `=`) at `k`; returns the index past it, or 0.
static size_t read_pseudo_attribute(const unsigned char *p, size_t n, size_t k, const char *name,
                                    const unsigned char **value, size_t *length) {
    size_t start = k;
    k = skip_inline_space(p, n, k);
    size_t nameLength = strlen(name);
    if (k == start || n - k < nameLength || memcmp(p + k, name, nameLength) != 0) return 0;
    k = skip_inline_space(p, n, k + nameLength);
    if (k >= n || p[k] != '=') return 0;
    k = skip_inline_space(p, n, k + 1);
    if (k >= n || (p[k] != '"' && p[k] != '\'')) return 0;
    const unsigned char *close = memchr(p + k + 1, p[k], n - k - 1);
    if (!close) return 0;
    *value = p + k + 1;
    *length = (size_t)(close - (p + k + 1));
    return (size_t)(close - p) + 1;
}

// The length of an XML declaration at `p` that says nothing libxml2 would act on or complain about:
// version 1.0, an encoding name of the declared form (the bytes are UTF-8 already and libxml2 is told
// to ignore it), standalone yes or no, on one line. 0 for any other. Such a declaration is left out:
// libxml2's reading of it was a sizeable part of a small feed's parse.
static size_t plain_declaration_length(const unsigned char *p, size_t n) {
    const unsigned char *value;
    size_t length, k = 5, next;
    if (n < 5 || memcmp(p, "<?xml", 5) != 0) return 0;
    if (!(next = read_pseudo_attribute(p, n, k, "version", &value, &length))) return 0;
    if (length != 3 || memcmp(value, "1.0", 3) != 0) return 0;
    k = next;
    if ((next = read_pseudo_attribute(p, n, k, "encoding", &value, &length))) {
        if (length == 0 || !((value[0] | 0x20) >= 'a' && (value[0] | 0x20) <= 'z')) return 0;
        for (size_t j = 1; j < length; j++) {
            unsigned char c = value[j];
            int ok = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                     c == '-';
            if (!ok) return 0;
        }
        k = next;
    }
    if ((next = read_pseudo_attribute(p, n, k, "standalone", &value, &length))) {
        if (!((length == 3 && memcmp(value, "yes", 3) == 0) || (length == 2 && memcmp(value, "no", 2) == 0))) return 0;
        k = next;
    }
    k = skip_inline_space(p, n, k);
    if (n - k < 2 || p[k] != '?' || p[k + 1] != '>') return 0;
    return k + 2;
}

// Copies UTF-8 `p` to `out` ready for libxml2: starts at the root (or the XML declaration), drops
// the DOCTYPE, keeps comments (plain ones emptied but for their newlines) and processing instructions,
// repairs references inside tags, and moves CDATA and text that needs decoding to `cdata` (see above).
// A `<` that starts no tag is text.
// `*entities` is allocated here when the document declares internal entities (few do); the caller frees it.
// Where the repair pass starts: past a plain XML declaration, at another one, or else at the first '<'.
static size_t repair_start(const unsigned char *p, size_t n) {
    size_t window = n < 4096 ? n : 4096;
    const unsigned char *decl = find_bytes(p, window, "<?xml");
    if (decl) {
        size_t i = (size_t)(decl - p);
        return i + plain_declaration_length(p + i, n - i);
    }
    const unsigned char *lt = memchr(p, '<', n);
    return lt ? (size_t)(lt - p) : n;
}

static void repair_markup(const unsigned char *p, size_t n, feedd_buf *out, cdata_table *cdata,
                          entity_table **declared) {
    entity_table *entities = NULL;
    size_t i = repair_start(p, n);
    // Start of the pending text run (and where in cdata->bytes its decoded form began), if any.
    int inRun = 0;
    size_t runStart = 0;
    while (i < n) {
        // Text up to the next '<'.
        size_t j = i;
        int needsWork = 0;
        while (j < n && p[j] != '<') {
            j = skip_clean(p, j, n, 1);
            if (j >= n || p[j] == '<') break;
            if (text_special[p[j]] && (p[j] != 0xEF || is_noncharacter(p, n, j))) needsWork = 1;
            j++;
        }
        if (j > i) {
            if (needsWork || inRun) {
                if (!inRun) { inRun = 1; runStart = cdata->bytes.length; }
                cdata_materialize(cdata);
                append_decoded(p, n, i, j, entities, &cdata->bytes);
            } else {
                buf_append(out, p + i, j - i);
            }
        }
        i = j;
        if (i >= n) break;
        // At a '<'.
        if (n - i >= 9 && memcmp(p + i, "<![CDATA[", 9) == 0) {
            size_t start = i + 9;
            const unsigned char *end = find_cdata_end(p + start, n - start);
            size_t stop = end ? (size_t)(end - p) : n;
            if (!inRun && is_clean(p, n, start, stop)) {
                inRun = 1;
                runStart = cdata->bytes.length;
                cdata->lent = p + start;
                cdata->lentLength = stop - start;
            } else {
                if (!inRun) { inRun = 1; runStart = cdata->bytes.length; }
                cdata_materialize(cdata);
                append_clean(p, n, start, stop, &cdata->bytes);
            }
            i = end ? stop + 3 : n;
            continue;
        }
        int isTag = i + 1 < n && (is_xml_name_start(p[i + 1]) || p[i + 1] == '/' || p[i + 1] == '!' || p[i + 1] == '?');
        if (!isTag) {
            // "a < b": a literal '<' in text.
            if (!inRun) { inRun = 1; runStart = cdata->bytes.length; }
            cdata_materialize(cdata);
            buf_byte(&cdata->bytes, '<');
            i++;
            continue;
        }
        if (inRun) { cdata_close(cdata, runStart, out); inRun = 0; }
        if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0) {
            const unsigned char *end = find_bytes(p + i + 4, n - i - 4, "-->");
            size_t stop = end ? (size_t)(end - p) + 3 : n;
            size_t bodyEnd = end ? (size_t)(end - p) : n;
            if (end && is_plain_comment(p, n, i + 4, bodyEnd)) append_hollow_comment(p, i + 4, bodyEnd, out);
            else append_clean(p, n, i, stop, out);
            i = stop;
        } else if (p[i + 1] == '!' && n - i >= 9 && strncasecmp((const char *)p + i, "<!DOCTYPE", 9) == 0) {
            // Skip to the `>` that ends the DOCTYPE, past any internal subset in brackets (whose
            // quoted values may hold brackets); the subset's text entities are kept for expansion.
            size_t j2 = i + 9, subset = 0;
            int brackets = 0;
            unsigned char quote = 0;
            while (j2 < n && !(p[j2] == '>' && brackets == 0 && !quote)) {
                if (quote) { if (p[j2] == quote) quote = 0; }
                else if (brackets > 0 && (p[j2] == '"' || p[j2] == '\'')) quote = p[j2];
                else if (p[j2] == '[') { if (brackets++ == 0) subset = j2 + 1; }
                else if (p[j2] == ']' && brackets > 0) {
                    if (--brackets == 0 && subset && !entities && (entities = calloc(1, sizeof *entities))) {
                        *declared = entities;
                        read_internal_subset(p + subset, j2 - subset, entities);
                    }
                }
                j2++;
            }
            i = j2 < n ? j2 + 1 : n;
        } else if (p[i + 1] == '?' || p[i + 1] == '!') {
            const unsigned char *end = memchr(p + i, '>', n - i);
            size_t stop = end ? (size_t)(end - p) + 1 : n;
            append_clean(p, n, i, stop, out);
            i = stop;
        } else {
            // A tag: up to its '>' outside quotes; a '<' (never valid inside a tag) ends a broken one.
            // Bytes that play no part are skipped a word at a time; a stretch without controls or
            // 0xEF (nearly every tag) is copied as it is.
            size_t k = i + 1;
            unsigned char quote = 0;
            size_t run = i;
            int dirty = 0;
            while ((k = skip_in_tag(p, k, n)) < n) {
                unsigned char c = p[k];
                if (c == '<') break;
                if (c < 0x20 || c == 0xEF) {
                    dirty = 1;
                    k++;
                    continue;
                }
                if (quote) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '>') {
                    k++;
                    break;
                }
                if (c == '&') {
                    append_span(p, n, run, k, dirty, out);
                    k += repair_reference(p, n, k, entities, out);
                    run = k;
                    dirty = 0;
                    continue;
                }
                k++;
            }
            append_span(p, n, run, k, dirty, out);
            i = k;
        }
    }
    if (inRun) cdata_close(cdata, runStart, out);
}

// MARK: - Namespaces

typedef struct ns_entry { const char *uri; int id; } ns_entry;

// Compared after dropping the scheme, `www.`, trailing `/` or `#`, and case.
static const ns_entry known_namespaces[] = {
    {"w3.org/2005/atom", CFeeddXML_NS_ATOM10},
    {"purl.org/atom/ns", CFeeddXML_NS_ATOM03},
    // Atom's drafts before 0.3 (Echo, Pie, Necho): read as Atom 0.3.
    {"purl.org/echo", CFeeddXML_NS_ATOM03},
    {"purl.org/echo/ns", CFeeddXML_NS_ATOM03},
    {"purl.org/pie", CFeeddXML_NS_ATOM03},
    {"example.com/necho", CFeeddXML_NS_ATOM03},
    {"example.com/newformat", CFeeddXML_NS_ATOM03},
    {"uri/of/echo/namespace", CFeeddXML_NS_ATOM03},
    {"w3.org/1999/02/22-rdf-syntax-ns", CFeeddXML_NS_RDF},
    {"purl.org/rss/1.0", CFeeddXML_NS_RSS10},
    {"purl.org/net/rss1.1", CFeeddXML_NS_RSS10},  // RSS 1.1 uses the RSS 1.0 element names
    {"my.netscape.com/rdf/simple/0.9", CFeeddXML_NS_RSS090},
    {"purl.org/dc/elements/1.1", CFeeddXML_NS_DC},
    {"purl.org/dc/terms", CFeeddXML_NS_DC},
    {"purl.org/rss/1.0/modules/content", CFeeddXML_NS_CONTENT},
    {"purl.org/rss/1.0/modules/syndication", CFeeddXML_NS_SY},
    {"search.yahoo.com/mrss", CFeeddXML_NS_MEDIA},
    {"video.search.yahoo.com/mrss", CFeeddXML_NS_MEDIA},
    {"tools.search.yahoo.com/mrss", CFeeddXML_NS_MEDIA},
    {"itunes.com/dtds/podcast-1.0.dtd", CFeeddXML_NS_ITUNES},
    {"itunes.apple.com/dtds/podcast-1.0.dtd", CFeeddXML_NS_ITUNES},
    {"purl.org/rss/1.0/modules/slash", CFeeddXML_NS_SLASH},
    {"w3.org/1999/xhtml", CFeeddXML_NS_XHTML},
    {"w3.org/xml/1998/namespace", CFeeddXML_NS_XML},
    {"wellformedweb.org/commentapi", CFeeddXML_NS_WFW},
    {"rssnamespace.org/feedburner/ext/1.0", CFeeddXML_NS_FEEDBURNER},
    // RSS 2.0 published with a default namespace is still plain RSS 2.0.
    {"backend.userland.com/rss2", CFeeddXML_NS_NONE},
    {"backend.userland.com/rss", CFeeddXML_NS_NONE},
    {"blogs.law.harvard.edu/tech/rss", CFeeddXML_NS_NONE},
    {NULL, 0}};

int feedd_namespace_id(const char *uri) {
    if (!uri || !uri[0]) return CFeeddXML_NS_NONE;
    const char *s = uri;
    if (!strncasecmp(s, "http://", 7)) s += 7;
    else if (!strncasecmp(s, "https://", 8)) s += 8;
    if (!strncasecmp(s, "www.", 4)) s += 4;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '/' || s[n - 1] == '#')) n--;
    for (int i = 0; known_namespaces[i].uri; i++) {
        const char *k = known_namespaces[i].uri;
        if (strlen(k) == n && strncasecmp(s, k, n) == 0) return known_namespaces[i].id;
    }
    return CFeeddXML_NS_OTHER;
}

// MARK: - SAX

typedef struct thread_state thread_state;  // below: the thread's parser context and element numbers
static int element_of(thread_state *state, const xmlChar *name);

#define FEEDD_NS_CACHE 16
#define FEEDD_MAX_ATTRIBUTES 64

typedef struct feedd_parse {
    xmlParserCtxtPtr ctxt;
    const CFeeddXML_FeedCallbacks *callbacks;
    void *context;
    CFeeddXML_FeedResult *result;
    int depth;
    int maxDepth;
    // libxml2 interns namespace URIs per parse, so their pointers identify them cheaply.
    const xmlChar *cacheURI[FEEDD_NS_CACHE];
    int cacheID[FEEDD_NS_CACHE];
    int cacheCount;
    const cdata_table *cdata;
    thread_state *thread;
} feedd_parse;

static int cached_namespace(feedd_parse *state, const xmlChar *uri) {
    if (!uri) return CFeeddXML_NS_NONE;
    for (int i = 0; i < state->cacheCount; i++)
        if (state->cacheURI[i] == uri) return state->cacheID[i];
    int id = feedd_namespace_id((const char *)uri);
    if (state->cacheCount < FEEDD_NS_CACHE) {
        state->cacheURI[state->cacheCount] = uri;
        state->cacheID[state->cacheCount] = id;
        state->cacheCount++;
    }
    return id;
}

static void sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                      int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                      const xmlChar **attributes) {
    (void)prefix; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    feedd_parse *state = ctx;
    if (++state->depth > state->maxDepth) {
        state->result->status = CFeeddXML_FEED_TOO_DEEP;
        xmlStopParser(state->ctxt);
        return;
    }
    CFeeddXML_Attribute attrs[FEEDD_MAX_ATTRIBUTES];
    int count = nb_attributes < FEEDD_MAX_ATTRIBUTES ? nb_attributes : FEEDD_MAX_ATTRIBUTES;
    // Without entity substitution libxml2 leaves an ampersand in an attribute value as `&#38;`
    // (for a later tree builder to resolve); resolve it here, into `scratch`.
    feedd_buf scratch = {0};
    size_t offsets[FEEDD_MAX_ATTRIBUTES];
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attributes + i * 5;  // localname, prefix, URI, value, end
        attrs[i].ns = cached_namespace(state, a[2]);
        attrs[i].name = (const char *)a[0];
        attrs[i].value = (const char *)a[3];
        attrs[i].length = (size_t)(a[4] - a[3]);
        offsets[i] = (size_t)-1;
        if (attrs[i].length >= 5 && find_bytes(a[3], attrs[i].length, "&#38;")) {
            offsets[i] = scratch.length;
            const unsigned char *v = a[3];
            size_t n = attrs[i].length, k = 0;
            while (k < n) {
                if (k + 5 <= n && memcmp(v + k, "&#38;", 5) == 0) { buf_byte(&scratch, '&'); k += 5; }
                else buf_byte(&scratch, v[k++]);
            }
            attrs[i].length = scratch.length - offsets[i];
        }
    }
    if (scratch.failed) count = 0;
    for (int i = 0; i < count; i++)
        if (offsets[i] != (size_t)-1) attrs[i].value = (const char *)scratch.data + offsets[i];
    state->callbacks->start(state->context, cached_namespace(state, URI), (const char *)localname,
                            element_of(state->thread, localname), attrs, count);
    free(scratch.data);
}

static void sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI) {
    (void)prefix;
    feedd_parse *state = ctx;
    if (state->depth-- > state->maxDepth) return;
    state->callbacks->end(state->context, cached_namespace(state, URI), (const char *)localname);
}

static void sax_text(void *ctx, const xmlChar *ch, int len) {
    feedd_parse *state = ctx;
    if (len > 0) state->callbacks->text(state->context, (const char *)ch, (size_t)len);
}

static void sax_pi(void *ctx, const xmlChar *target, const xmlChar *data) {
    feedd_parse *state = ctx;
    if (!target || strcmp((const char *)target, "feedd-cdata") != 0 || !data) return;
    char *end = NULL;
    unsigned long long index = strtoull((const char *)data, &end, 10);
    if (end == (char *)data || index >= state->cdata->count) return;
    const cdata_range *range = &state->cdata->ranges[index];
    const unsigned char *text = range->source ? range->source : state->cdata->bytes.data + range->offset;
    if (range->length > 0 && state->depth > 0)
        state->callbacks->text(state->context, (const char *)text, range->length);
}

// Structured errors (the variadic `error` callback cannot be written portably); keep the first.
static void sax_error(void *ctx, xmlErrorPtr error) {
    feedd_parse *state = ctx;
    if (!error || error->level == XML_ERR_WARNING) return;
    if (state->result->errorCount++ == 0) {
        state->result->errorLine = error->line;
        snprintf(state->result->message, sizeof state->result->message, "%s", error->message ? error->message : "");
        size_t n = strlen(state->result->message);
        while (n > 0 && (state->result->message[n - 1] == '\n' || state->result->message[n - 1] == ' '))
            state->result->message[--n] = 0;
    }
}

// No DTD entity is ever resolved: references are numeric by now, and anything else stays unknown.
static xmlEntityPtr sax_get_entity(void *ctx, const xmlChar *name) {
    (void)ctx;
    return xmlGetPredefinedEntity(name);
}

// MARK: - Feed elements

// The local names feedd's format adapters act on, in the order of Swift's `FeedElement` (0: any other).
static const char *const feed_elements[] = {
    "", "item", "channel", "Channel", "description", "body", "fulltext", "fullitem", "title", "encoded", "link", "guid",
    "pubDate", "pubdate", "author", "category", "comments", "enclosure", "language", "ttl", "url", "image",
    "entry", "feed", "subtitle", "tagline", "summary", "content", "rights", "info", "id", "published", "issued",
    "created", "updated", "modified", "name", "email", "contributor", "logo", "icon",
    "creator", "date", "subject", "identifier", "origLink", "thumbnail", "duration", "keywords", "comment",
    "updatePeriod", "updateFrequency",
    "div", "br", "hr", "img", "wbr", "source", "track", "col", "input", "meta", "area", "embed", "param", "base",
    NULL};

int CFeeddXML_feedElement(const char *name) {
    if (!name || !name[0]) return 0;
    for (int i = 1; feed_elements[i]; i++)
        if (feed_elements[i][0] == name[0] && strcmp(feed_elements[i], name) == 0) return i;
    return 0;
}

// MARK: - One parser context per thread

// A libxml2 context (with its dictionary, name and node stacks and SAX handler) costs about as much
// to make and free as parsing a small document; each thread keeps one and resets it between
// documents. Its dictionary keeps the names of earlier documents, which is harmless (the reader
// compares names, never counts them) but grows, and past 128 buckets libxml2 hashes every name with
// a slower function: past FEEDD_DICT_LIMIT names the context is freed and the next document makes a
// new one (so a thread also holds at most one hostile document's names).
#define FEEDD_DICT_LIMIT 128
// Feed element numbers by interned name pointer, valid as long as the context's dictionary.
#define FEEDD_ELEMENT_SLOTS 512

struct thread_state {
    xmlParserCtxtPtr ctxt;
    // The dictionary the numbered names live in, and its size when the last parse ended.
    xmlDictPtr dict;
    int dictSize;
    const xmlChar *names[FEEDD_ELEMENT_SLOTS];
    unsigned char elements[FEEDD_ELEMENT_SLOTS];
    int count;
};

static pthread_key_t context_key;
static pthread_once_t context_once = PTHREAD_ONCE_INIT;

static void free_state(void *state) {
    xmlFreeParserCtxt(((thread_state *)state)->ctxt);
    free(state);
}
static void make_context_key(void) { pthread_key_create(&context_key, free_state); }

/// The thread's state, its context reset for a new document (made when there is none); NULL when out
/// of memory.
static thread_state *thread_context(void) {
    pthread_once(&context_once, make_context_key);
    thread_state *state = pthread_getspecific(context_key);
    if (state) {
        xmlCtxtReset(state->ctxt);
        // libxml2 2.9 keeps the dictionary across a reset; should a version replace or empty it, the
        // pointers numbered so far would name nothing (or something else): forget them.
        if (state->ctxt->dict != state->dict || xmlDictSize(state->ctxt->dict) < state->dictSize) {
            memset(state->names, 0, sizeof state->names);
            state->count = 0;
        }
        return state;
    }
    state = calloc(1, sizeof *state);
    if (!state) return NULL;
    state->ctxt = xmlNewParserCtxt();
    if (!state->ctxt || pthread_setspecific(context_key, state) != 0) {
        xmlFreeParserCtxt(state->ctxt);
        free(state);
        return NULL;
    }
    return state;
}

/// After a parse: the input (a copy of the document) is freed now rather than at the next reset, and
/// a context whose dictionary grew too large is dropped (with the element numbers of its names).
static void release_context(thread_state *state) {
    xmlParserCtxtPtr ctxt = state->ctxt;
    xmlParserInputPtr input;
    while ((input = inputPop(ctxt)) != NULL) xmlFreeInputStream(input);
    ctxt->userData = NULL;
    if (!ctxt->dict || xmlDictSize(ctxt->dict) > FEEDD_DICT_LIMIT) {
        pthread_setspecific(context_key, NULL);
        free_state(state);
        return;
    }
    state->dict = ctxt->dict;
    state->dictSize = xmlDictSize(ctxt->dict);
}

/// The feed element number of an interned name, looked up once per name and context.
static int element_of(thread_state *state, const xmlChar *name) {
    size_t slot = ((uintptr_t)name >> 3) & (FEEDD_ELEMENT_SLOTS - 1);
    while (state->names[slot]) {
        if (state->names[slot] == name) return state->elements[slot];
        slot = (slot + 1) & (FEEDD_ELEMENT_SLOTS - 1);
    }
    int element = CFeeddXML_feedElement((const char *)name);
    if (state->count < FEEDD_ELEMENT_SLOTS / 2) {
        state->names[slot] = name;
        state->elements[slot] = (unsigned char)element;
        state->count++;
    }
    return element;
}

// feedd's own tokenizer (feedd_xml_tokens.c), one per thread: its names, event list and buffers are kept
// from one document to the next.
static pthread_key_t tokens_key;
static pthread_once_t tokens_once = PTHREAD_ONCE_INIT;

static void free_tokens(void *tokens) { feedd_tokens_free(tokens); }
static void make_tokens_key(void) { pthread_key_create(&tokens_key, free_tokens); }

static feedd_tokens *thread_tokens(void) {
    pthread_once(&tokens_once, make_tokens_key);
    feedd_tokens *tokens = pthread_getspecific(tokens_key);
    if (tokens) return tokens;
    tokens = feedd_tokens_new();
    if (tokens && pthread_setspecific(tokens_key, tokens) != 0) {
        feedd_tokens_free(tokens);
        return NULL;
    }
    return tokens;
}

int CFeeddXML_feedParse(const unsigned char *bytes, size_t length, const CFeeddXML_FeedLimits *limits,
                        const CFeeddXML_FeedCallbacks *callbacks, void *context, CFeeddXML_FeedResult *result) {
    CFeeddXML_init();
    memset(result, 0, sizeof *result);
    feedd_buf decoded = {0}, ready = {0};
    size_t utf8Length = 0;
    const unsigned char *utf8 =
        to_utf8(bytes, length, limits->charset, &decoded, &utf8Length, result->encoding, sizeof result->encoding);
    if (decoded.failed) { free(decoded.data); result->status = CFeeddXML_FEED_NO_MEMORY; return result->status; }
    int maxDepth = limits->maxDepth > 0 ? limits->maxDepth : 64;
    // A well-formed document is read by feedd's own tokenizer: straight from the decoded bytes when it needs
    // nothing of the repair pass but its references decoded (most feeds), else from the repaired bytes;
    // anything it is not sure of, by libxml2.
    feedd_tokens *tokens = limits->reader == CFeeddXML_READ_LIBXML2 ? NULL : thread_tokens();
    if (tokens && utf8 && limits->reader == CFeeddXML_READ_AUTO &&
        feedd_tokens_read_source(tokens, utf8, utf8Length, repair_start(utf8, utf8Length), maxDepth)) {
        result->tokenized = 2;
        feedd_tokens_replay(tokens, callbacks, context);
        feedd_tokens_trim(tokens);
        free(decoded.data);
        return result->status;
    }
    cdata_table cdata = {0};
    // Both outputs take at most about the input's size (markers aside): reserved once, not grown by
    // doubling (each step a copy).
    buf_reserve(&ready, utf8Length + 256);
    buf_reserve(&cdata.bytes, utf8Length + 256);
    unsigned char empty = 0;
    entity_table *entities = NULL;
    // Runs may point into `utf8`: `decoded` is freed only after the parse.
    repair_markup(utf8 ? utf8 : &empty, utf8Length, &ready, &cdata, &entities);
    free(entities);
    if (ready.failed || cdata.failed || cdata.bytes.failed || ready.length > INT32_MAX) {
        free(cdata.bytes.data);
        free(cdata.ranges);
        free(ready.data);
        free(decoded.data);
        result->status = CFeeddXML_FEED_NO_MEMORY;
        return result->status;
    }
    for (size_t i = 0; i < cdata.count; i++)
        if (!cdata.ranges[i].source) cdata.ranges[i].source = cdata.bytes.data + cdata.ranges[i].offset;
    if (tokens && feedd_tokens_read(tokens, ready.data, ready.length, cdata.ranges, cdata.count, maxDepth)) {
        result->tokenized = 1;
        feedd_tokens_replay(tokens, callbacks, context);
        feedd_tokens_trim(tokens);
        free(ready.data);
        free(cdata.ranges);
        free(cdata.bytes.data);
        free(decoded.data);
        return result->status;
    }

    if (tokens) feedd_tokens_trim(tokens);

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sax_start;
    sax.endElementNs = sax_end;
    sax.characters = sax_text;
    sax.ignorableWhitespace = sax_text;
    sax.cdataBlock = sax_text;
    sax.getEntity = sax_get_entity;
    sax.processingInstruction = sax_pi;
    sax.serror = sax_error;

    feedd_parse state;
    memset(&state, 0, sizeof state);
    state.callbacks = callbacks;
    state.context = context;
    state.result = result;
    state.maxDepth = maxDepth;
    state.cdata = &cdata;

    thread_state *thread = thread_context();
    xmlParserCtxtPtr ctxt = thread ? thread->ctxt : NULL;
    state.thread = thread;
    xmlParserInputBufferPtr buffer =
        ctxt ? xmlParserInputBufferCreateMem(ready.length ? (const char *)ready.data : " ",
                                             ready.length ? (int)ready.length : 1, XML_CHAR_ENCODING_NONE)
             : NULL;
    xmlParserInputPtr input = buffer ? xmlNewIOInputStream(ctxt, buffer, XML_CHAR_ENCODING_NONE) : NULL;
    if (!input) {
        if (buffer) xmlFreeParserInputBuffer(buffer);
        free(cdata.bytes.data);
        free(cdata.ranges);
        free(ready.data);
        free(decoded.data);
        result->status = CFeeddXML_FEED_NO_MEMORY;
        return result->status;
    }
    // The whole document is in the buffer already. A memory input still has a read callback (that
    // reads nothing), and libxml2 2.9 calls it, through several buffer functions, on every step within
    // a chunk (250 bytes) of the end, which is most of a small document. Without a callback growing
    // the input returns at once, as it does at the end anyway. Only below libxml2's lookup limit:
    // past it, libxml2 refuses any input but a memory one (known by that callback) as a huge lookup.
    if (ready.length < XML_MAX_LOOKUP_LIMIT) buffer->readcallback = NULL;
    inputPush(ctxt, input);
    *ctxt->sax = sax;
    ctxt->userData = &state;
    state.ctxt = ctxt;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT);
    ctxt->userData = &state;  // xmlCtxtUseOptions leaves it alone, but be explicit: callbacks need it
    xmlParseDocument(ctxt);
    // A DOCTYPE that only became one once the repair pass dropped its control characters makes
    // libxml2 build a document for its internal subset even with no tree handlers: free it (as
    // xmlSAXUserParseMemory does), or every such feed leaks it.
    if (ctxt->myDoc) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    release_context(thread);
    free(ready.data);
    free(cdata.ranges);
    free(cdata.bytes.data);
    free(decoded.data);
    return result->status;
}

unsigned char *CFeeddXML_toUTF8(const unsigned char *bytes, size_t length, const char *charset, size_t *outLength) {
    feedd_buf out = {0};
    char used[40];
    size_t n = 0;
    const unsigned char *utf8 = to_utf8(bytes, length, charset, &out, &n, used, sizeof used);
    // Valid input comes back in place: the caller gets its own copy all the same.
    if (utf8 != out.data) buf_append(&out, utf8, n);
    if (out.failed) { free(out.data); *outLength = 0; return NULL; }
    if (!out.data) out.data = malloc(1);
    *outLength = out.length;
    return out.data;
}

unsigned char *CFeeddXML_decodeCharset(const unsigned char *bytes, size_t length, const char *charset,
                                       size_t *outLength) {
    feedd_buf out = {0};
    char label[40];
    *outLength = 0;
    normalize_label(charset, strlen(charset), label, sizeof label);
    if (classify(label) == CS_CP1252) decode_cp1252(bytes, length, &out);
    else if (!decode_iconv(bytes, length, label, &out)) { free(out.data); return NULL; }
    if (out.failed) { free(out.data); return NULL; }
    if (!out.data) out.data = malloc(1);
    *outLength = out.length;
    return out.data;
}

void CFeeddXML_free(void *pointer) { free(pointer); }
