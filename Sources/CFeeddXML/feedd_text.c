#include <stdlib.h>
#include <string.h>
#include "feedd_text.h"
#include "feedd_text_tables.h"

uint32_t feedd_cp1252(unsigned char c) { return (c >= 0x80 && c < 0xA0) ? feedd_cp1252_high[c - 0x80] : c; }

int feedd_is_cp1252_label(const char *label) {
    for (size_t k = 0; k < sizeof feedd_cp1252_labels / sizeof feedd_cp1252_labels[0]; k++)
        if (strcmp(label, feedd_cp1252_labels[k]) == 0) return 1;
    return 0;
}

int feedd_is_xml_char(uint32_t cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
           (cp >= 0x10000 && cp <= 0x10FFFF);
}

static int entity_compare(const char *name, size_t n, const char *candidate) {
    int c = strncmp(name, candidate, n);
    if (c != 0) return c;
    return candidate[n] == 0 ? 0 : -1;
}

static long entity_lookup(const char *name, size_t n) {
    // The XML five are most of the references in escaped HTML (`&lt;p&gt;`): no search for them.
    if (n == 2 && name[1] == 't') {
        if (name[0] == 'l') return '<';
        if (name[0] == 'g') return '>';
    } else if (n == 3 && name[0] == 'a' && name[1] == 'm' && name[2] == 'p') {
        return '&';
    } else if (n == 4 && memcmp(name, "quot", 4) == 0) {
        return '"';
    } else if (n == 4 && memcmp(name, "apos", 4) == 0) {
        return '\'';
    }
    size_t lo = 0, hi = feedd_entity_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = entity_compare(name, n, feedd_entities[mid].name);
        if (c == 0) return (long)feedd_entities[mid].codepoint;
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return -1;
}

static int is_legacy_name(const char *name, size_t n) {
    for (size_t k = 0; k < sizeof feedd_entities_without_semicolon / sizeof feedd_entities_without_semicolon[0]; k++) {
        const char *legacy = feedd_entities_without_semicolon[k];
        if (strlen(legacy) == n && memcmp(legacy, name, n) == 0) return 1;
    }
    return 0;
}

static int is_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

size_t feedd_read_reference(const unsigned char *p, size_t n, size_t i, enum feedd_reference_rules rules, long *cp) {
    size_t j = i + 1;
    *cp = -1;
    if (j < n && p[j] == '#') {
        j++;
        int hex = (j < n && (p[j] == 'x' || p[j] == 'X'));
        if (hex) j++;
        uint64_t value = 0;
        size_t digits = 0;
        while (j < n && digits < 10) {
            unsigned char c = p[j];
            int v = (c >= '0' && c <= '9') ? c - '0'
                    : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
            if (v < 0) break;
            value = value * (hex ? 16 : 10) + (uint64_t)v;
            digits++;
            j++;
        }
        int closed = j < n && p[j] == ';';
        if (digits > 0 && (closed || rules == FEEDD_REFERENCES_HTML)) {
            // Numeric references to 0x80–0x9F almost always mean windows-1252 (`&#146;` for ’).
            if (value >= 0x80 && value < 0xA0) value = feedd_cp1252((unsigned char)value);
            int scalar = value > 0 && value <= 0x10FFFF && !(value >= 0xD800 && value <= 0xDFFF);
            if (value <= 0x10FFFF && feedd_is_xml_char((uint32_t)value)) *cp = (long)value;
            // HTML keeps a control character's reference (`&#1;`) for the plain-text pass to remove, as
            // FeeddCore's decoder does; the tree cannot hold it, so it goes now.
            else *cp = (rules == FEEDD_REFERENCES_HTML && scalar) ? FEEDD_REFERENCE_DROPPED : 0xFFFD;
            return j + (closed ? 1 : 0) - i;
        }
        return 1;
    }
    while (j < n && j - i <= 32 && is_alnum(p[j])) j++;
    if (j == i + 1) return 1;
    const char *name = (const char *)p + i + 1;
    size_t length = j - i - 1;
    if (j < n && p[j] == ';') {
        long value = entity_lookup(name, length);
        if (value >= 0) {
            *cp = value;
            return j + 1 - i;
        }
    } else if (rules == FEEDD_REFERENCES_HTML && (j >= n || p[j] != '=') && is_legacy_name(name, length)) {
        *cp = entity_lookup(name, length);
        return j - i;
    }
    return 1;  // an unknown name or a bare ampersand stays literal text
}

// ASCII case-insensitive: does `word` (lowercase) start at p, followed by the end of a tag name?
static int tag_at(const char *p, const char *end, const char *word) {
    for (; *word; word++, p++) {
        if (p >= end) return 0;
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != *word) return 0;
    }
    return p >= end || *p == '>' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '/' || *p == '\f';
}

// Whether libxml2's HTML parser reads the reference `ref` (`used` bytes, standing for `cp`) as feedd does: the
// XML five, and numeric references closed by `;` to the very code point they name. Every other name is
// rewritten, HTML 4's included, so that one table decides.
static int libxml2_agrees(const unsigned char *ref, size_t used, long cp) {
    if (ref[used - 1] != ';') return 0;
    if (ref[1] != '#') return cp == '<' || cp == '>' || cp == '&' || cp == '"';
    int hex = ref[2] == 'x' || ref[2] == 'X';
    uint64_t value = 0;
    for (size_t k = hex ? 3 : 2; k + 1 < used; k++) {
        unsigned char c = ref[k];
        value = value * (hex ? 16 : 10) + (uint64_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return value == (uint64_t)cp;
}

// Where to go on from, looking for references in bytes[from...] up to the `&` at `to`: `to` itself, unless a
// script or style element opens before it and runs past it (its contents are raw text, not references): then
// the position of its end tag. Found with memchr, tag by tag, not byte by byte: pages are mostly markup.
static size_t skip_raw_text(const char *bytes, size_t length, size_t from, size_t to) {
    size_t k = from;
    while (k < to) {
        const char *lt = memchr(bytes + k, '<', to - k);
        if (lt == NULL) return to;
        k = (size_t)(lt - bytes) + 1;
        const char *name = tag_at(lt + 1, bytes + length, "script") ? "script"
                           : tag_at(lt + 1, bytes + length, "style") ? "style" : NULL;
        if (name == NULL) continue;
        size_t close = k;
        for (;;) {
            const char *next = memchr(bytes + close, '<', length - close);
            if (next == NULL) return length;
            close = (size_t)(next - bytes);
            if (close + 1 < length && next[1] == '/' && tag_at(next + 2, bytes + length, name)) break;
            close++;
        }
        if (close > to) return close;
        k = close + 1;
    }
    return to;
}

char *feedd_html_rewrite_references(const char *bytes, size_t length, size_t *outLength) {
    char *buffer = NULL;
    size_t capacity = 0;
    char *out = feedd_html_rewrite_references_into(bytes, length, outLength, &buffer, &capacity);
    if (out == NULL) free(buffer);
    return out;
}

char *feedd_html_rewrite_references_into(const char *bytes, size_t length, size_t *outLength, char **buffer,
                                         size_t *bufferCapacity) {
    const unsigned char *p = (const unsigned char *)bytes;
    if (length == 0 || memchr(p, '&', length) == NULL) return NULL;
    char *out = *buffer;
    size_t written = 0, copied = 0, capacity = *bufferCapacity;
    int started = 0;
    size_t i = 0;
    while (i < length) {
        const unsigned char *amp = memchr(p + i, '&', length - i);
        if (amp == NULL) break;
        size_t skip = skip_raw_text(bytes, length, i, (size_t)(amp - p));
        if (skip != (size_t)(amp - p)) {
            i = skip;
            continue;
        }
        i = skip;
        long cp;
        size_t used = feedd_read_reference(p, length, i, FEEDD_REFERENCES_HTML, &cp);
        if (cp == -1 || (cp >= 0 && libxml2_agrees(p + i, used, cp))) { i += used; continue; }
        // Room for what precedes the reference and `&#` up to 7 digits `;`.
        if (!started || capacity - written < (i - copied) + 16) {
            size_t wanted = capacity > length + length / 8 + 64 ? capacity : length + length / 8 + 64;
            while (wanted - written < (i - copied) + 16) wanted *= 2;
            if (wanted != capacity) {
                char *grown = realloc(out, wanted);
                if (grown == NULL) return NULL;
                out = *buffer = grown;
                capacity = *bufferCapacity = wanted;
            }
            started = 1;
        }
        memcpy(out + written, bytes + copied, i - copied);
        written += i - copied;
        i += used;
        copied = i;
        if (cp == FEEDD_REFERENCE_DROPPED) continue;
        char digits[12];
        int count = 0;
        uint32_t value = (uint32_t)cp;
        do { digits[count++] = (char)('0' + value % 10); value /= 10; } while (value > 0);
        out[written++] = '&';
        out[written++] = '#';
        while (count > 0) out[written++] = digits[--count];
        out[written++] = ';';
    }
    if (!started) return NULL;
    if (capacity - written < length - copied + 1) {
        char *grown = realloc(out, written + (length - copied) + 1);
        if (grown == NULL) return NULL;
        out = *buffer = grown;
        *bufferCapacity = written + (length - copied) + 1;
    }
    memcpy(out + written, bytes + copied, length - copied);
    written += length - copied;
    *outLength = written;
    return out;
}
