// feedd's own tokenizer for feed XML, in front of libxml2's SAX2 parser.
//
// The repair pass (feedd_xml_feed.c) hands over valid UTF-8 with no DOCTYPE, no named reference outside
// attribute values, CDATA and text with references moved out as `<?feedd-cdata N?>` markers, comments
// emptied. On such bytes most of libxml2's parse is checking what cannot go wrong, one character at a
// time, and a small feed paid more for libxml2's context than for its own content. This reader tokenizes
// them into a list of events (start, end, text: what libxml2's callbacks would report, names and
// namespaces resolved the same way, attribute values normalized as libxml2 normalizes them) and only
// when the whole document was read without meeting anything it does not know to be well-formed are the
// events delivered. Anything else (a well-formedness or namespace error, an XML declaration the repair
// pass left, a name outside ASCII, nesting past the depth limit, whatever libxml2 would warn about) makes
// it give up before a single event is out, and libxml2 parses the document as before: a broken feed's
// events are libxml2's, always. `feedd-bench feed-diff` compares the two readers' events.

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>
#include "feedd_xml_tokens.h"
#include "feedd_bytes.h"
#include "feedd_text.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { EV_START, EV_END, EV_TEXT };

#define NO_NAME UINT32_MAX
#define MAX_ATTRIBUTES 64
#define MAX_NAME 1000
// libxml2 refuses larger inputs (and longer text nodes) without XML_PARSE_HUGE: those are its to report.
#define MAX_DOCUMENT 10000000
// Names are kept between documents of one thread; past this many, the table starts again.
#define MAX_NAMES 4096
// libxml2 stops at 256 levels without XML_PARSE_HUGE.
#define MAX_DEPTH 255
// The event list holds a whole document before it is delivered: past this many events (a feed of some ten
// thousand items, or a hostile run of empty elements) the document is libxml2's, which streams it.
#define MAX_EVENTS (1u << 18)
// Buffers grown past these by one large document are freed after it rather than kept by the thread.
#define KEEP_EVENTS 65536
#define KEEP_BYTES (4 * 1024 * 1024)

typedef struct tok_name {
    uint32_t offset;  // in the arena, NUL-terminated
    uint32_t length;
    uint32_t hash;
    int element;      // feed element number, -1 until asked
    int ns;           // as a namespace URI: its namespace id, NS_INVALID, or NS_UNCHECKED until declared once
} tok_name;

#define NS_UNCHECKED (-2)
#define NS_INVALID (-1)

// An event; text and attribute values are at `bytes`, or at `offset` in the scratch buffer when NULL.
typedef struct tok_event {
    int kind;
    int ns;
    int element;
    uint32_t name;
    size_t first;  // start: first attribute
    size_t count;  // start: number of attributes
    const unsigned char *bytes;
    size_t offset;
    size_t length;
} tok_event;

typedef struct tok_attr {
    int ns;
    uint32_t name;
    uint32_t prefix;
    const unsigned char *bytes;
    size_t offset;
    size_t length;
} tok_attr;

typedef struct tok_binding {
    uint32_t prefix;  // NO_NAME: the default namespace
    int ns;
} tok_binding;

typedef struct tok_frame {
    const unsigned char *qname;
    size_t qlength;
    uint32_t name;
    int ns;
    size_t bindings;  // bindings in scope before this element
} tok_frame;

struct feedd_tokens {
    char *arena;
    size_t arenaLength, arenaCapacity;
    tok_name *names;
    size_t nameCount, nameCapacity;
    uint32_t *slots;  // open addressing: index + 1, 0 when empty
    size_t slotCount;
    uint32_t xml, xmlns;
    tok_event *events;
    size_t eventCount, eventCapacity;
    tok_attr *attrs;
    size_t attrCount, attrCapacity;
    unsigned char *scratch;
    size_t scratchLength, scratchCapacity;
    tok_binding *bindings;
    size_t bindingCount, bindingCapacity;
    tok_frame *frames;
    size_t frameCapacity;
    // Reading the document as decoded, before the repair pass (see feedd_tokens_read_source), whose bytes
    // these are: references are resolved here as that pass resolves them.
    int direct;
    const unsigned char *doc;
    size_t docLength;
};

#define GROW(t, field, capacity, needed) \
    feedd_grow((void **)&(t)->field, &(t)->capacity, (needed), sizeof *(t)->field, 16)

feedd_tokens *feedd_tokens_new(void) { return calloc(1, sizeof(feedd_tokens)); }

void feedd_tokens_free(feedd_tokens *t) {
    if (!t) return;
    free(t->arena);
    free(t->names);
    free(t->slots);
    free(t->events);
    free(t->attrs);
    free(t->scratch);
    free(t->bindings);
    free(t->frames);
    free(t);
}

// MARK: - Names

// A name's hash from its length and three of its bytes: names are short and few per document, and
// equal hashes are told apart by their bytes; hashing every byte cost more than the lookup.
static uint32_t hash_bytes(const unsigned char *s, size_t n) {
    uint32_t h = (uint32_t)n * 0x9E3779B1u;
    if (n) h ^= (uint32_t)s[0] | (uint32_t)s[n >> 1] << 8 | (uint32_t)s[n - 1] << 16;
    h *= 0x85EBCA6Bu;
    return h ^ (h >> 15);
}

static int rehash(feedd_tokens *t, size_t slotCount) {
    uint32_t *slots = calloc(slotCount, sizeof *slots);
    if (!slots) return 0;
    for (size_t i = 0; i < t->nameCount; i++) {
        size_t k = t->names[i].hash & (slotCount - 1);
        while (slots[k]) k = (k + 1) & (slotCount - 1);
        slots[k] = (uint32_t)i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->slotCount = slotCount;
    return 1;
}

// The index of the name `s[0..<n)`, added when new; NO_NAME when out of memory.
static uint32_t intern(feedd_tokens *t, const unsigned char *s, size_t n) {
    uint32_t h = hash_bytes(s, n);
    if (t->slotCount) {
        for (size_t k = h & (t->slotCount - 1); t->slots[k]; k = (k + 1) & (t->slotCount - 1)) {
            const tok_name *name = &t->names[t->slots[k] - 1];
            if (name->hash == h && name->length == n && memcmp(t->arena + name->offset, s, n) == 0)
                return t->slots[k] - 1;
        }
    }
    if ((t->nameCount + 1) * 2 > t->slotCount && !rehash(t, t->slotCount ? t->slotCount * 2 : 256)) return NO_NAME;
    if (!GROW(t, names, nameCapacity, t->nameCount + 1) || !GROW(t, arena, arenaCapacity, t->arenaLength + n + 1))
        return NO_NAME;
    tok_name *name = &t->names[t->nameCount];
    name->offset = (uint32_t)t->arenaLength;
    name->length = (uint32_t)n;
    name->hash = h;
    name->element = -1;
    name->ns = NS_UNCHECKED;
    memcpy(t->arena + t->arenaLength, s, n);
    t->arena[t->arenaLength + n] = 0;
    t->arenaLength += n + 1;
    size_t k = h & (t->slotCount - 1);
    while (t->slots[k]) k = (k + 1) & (t->slotCount - 1);
    t->slots[k] = (uint32_t)t->nameCount + 1;
    return (uint32_t)t->nameCount++;
}

static void forget_names(feedd_tokens *t) {
    t->nameCount = 0;
    t->arenaLength = 0;
    if (t->slots) memset(t->slots, 0, t->slotCount * sizeof *t->slots);
}

// MARK: - Characters

// XML whitespace.
static const unsigned char is_space[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1};
// The ASCII part of NCName: libxml2's rules beyond ASCII are left to libxml2.
static const unsigned char name_start[256] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
    ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1, ['_'] = 1};
static unsigned char name_char[256];
// In text: what may need a look (see skip_plain_text).
static unsigned char text_stop[256];
// In attribute values: controls (whitespace to normalize), '&', '<'.
static unsigned char value_stop[256];

static void init_tables(void) {
    for (int c = 0; c < 256; c++) {
        name_char[c] = name_start[c] || (c >= '0' && c <= '9') || c == '.' || c == '-';
        text_stop[c] = (c < 0x20 && c != '\t' && c != '\n') || c == '&' || c == ']' || c == '<' || c == 0xEF;
        value_stop[c] = c < 0x20 || c == '&' || c == '<';
    }
}

static const unsigned char *skip_space(const unsigned char *s, const unsigned char *end) {
    while (s < end && is_space[*s]) s++;
    return s;
}

// Past an NCName at `s` (ASCII only), or `s` when there is none.
static const unsigned char *read_ncname(const unsigned char *s, const unsigned char *end) {
    if (s >= end || !name_start[*s]) return s;
    s++;
    while (s < end && name_char[*s]) s++;
    return s;
}

typedef struct qname {
    const unsigned char *start;  // the whole name
    size_t length;
    const unsigned char *local;
    size_t localLength;
    size_t prefixLength;  // 0: none
} qname;

// Reads `prefix:local` or `local` at `*s`; 0 when it is not such a name followed by a byte that may end one.
static int read_qname(const unsigned char **s, const unsigned char *end, qname *q) {
    const unsigned char *p = *s, *e = read_ncname(p, end);
    if (e == p) return 0;
    q->start = p;
    q->local = p;
    q->prefixLength = 0;
    if (e < end && *e == ':') {
        const unsigned char *l = e + 1, *le = read_ncname(l, end);
        if (le == l) return 0;
        q->prefixLength = (size_t)(e - p);
        q->local = l;
        e = le;
    }
    // A name goes on in libxml2 with ':' or any byte beyond ASCII: not ours.
    if (e >= end || *e == ':' || *e >= 0x80) return 0;
    q->length = (size_t)(e - p);
    q->localLength = (size_t)(e - q->local);
    if (q->length > MAX_NAME) return 0;
    *s = e;
    return 1;
}

// Whether s[0..<n) holds U+FFFE or U+FFFF (not XML characters).
static int has_noncharacter(const unsigned char *s, size_t n) {
    for (const unsigned char *q = s, *end = s + n; (q = memchr(q, 0xEF, (size_t)(end - q))) != NULL; q++)
        if (end - q >= 3 && q[1] == 0xBF && (q[2] == 0xBE || q[2] == 0xBF)) return 1;
    return 0;
}

// A character reference `&#N;` or `&#xH;` at `s` (before `end`): its character, and *used its length;
// 0 when it is not one libxml2 accepts without complaint (a named reference included: the repair pass
// writes numeric ones only).
static uint32_t read_charref(const unsigned char *s, const unsigned char *end, size_t *used) {
    const unsigned char *p = s + 1;
    if (p >= end || *p != '#') return 0;
    p++;
    uint32_t cp = 0;
    int digits = 0;
    if (p < end && *p == 'x') {
        for (p++; p < end && *p != ';'; p++, digits++) {
            unsigned char c = *p;
            uint32_t d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (uint32_t)((c | 0x20) - 'a' + 10);
            else return 0;
            cp = cp * 16 + d;
            if (cp > 0x10FFFF) return 0;
        }
    } else {
        for (; p < end && *p != ';'; p++, digits++) {
            if (*p < '0' || *p > '9') return 0;
            cp = cp * 10 + (uint32_t)(*p - '0');
            if (cp > 0x10FFFF) return 0;
        }
    }
    if (p >= end || digits == 0 || !feedd_is_xml_char(cp)) return 0;
    *used = (size_t)(p + 1 - s);
    return cp;
}

// MARK: - Reading

static int add_event(feedd_tokens *t, const tok_event *event) {
    if (t->eventCount >= MAX_EVENTS || !GROW(t, events, eventCapacity, t->eventCount + 1)) return 0;
    t->events[t->eventCount++] = *event;
    return 1;
}

static int add_text(feedd_tokens *t, const unsigned char *bytes, size_t offset, size_t length) {
    tok_event event = {.kind = EV_TEXT, .bytes = bytes, .offset = offset, .length = length};
    return add_event(t, &event);
}

// What a stretch of text holds (scan_text).
enum { TEXT_AMP = 1, TEXT_RETURN = 2, TEXT_CDATA_END = 4, TEXT_BAD = 8 };

// The first byte at or after `s` that may need a look in text: '<', '&', ']', a control other than tab and
// newline ('\r' included), or 0xEF (U+FFFE/U+FFFF). Sixteen bytes at a time where SSE2 is there.
static const unsigned char *skip_plain_text(const unsigned char *s, const unsigned char *end) {
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8('\t'), newline = _mm_set1_epi8('\n');
    const __m128i lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), bracket = _mm_set1_epi8(']');
    const __m128i ef = _mm_set1_epi8((char)0xEF);
    while (end - s >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)s);
        __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, below), v);
        control = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, newline)), control);
        __m128i found = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
        found = _mm_or_si128(found, _mm_or_si128(_mm_cmpeq_epi8(v, bracket), _mm_cmpeq_epi8(v, ef)));
        unsigned mask = (unsigned)_mm_movemask_epi8(found);
        if (mask) return s + __builtin_ctz(mask);
        s += 16;
    }
#endif
    while (s < end && !text_stop[*s]) s++;
    return s;
}

// Scans text from `s` to the next '<' (or the end), which it returns; *flags says what the text holds.
static const unsigned char *scan_text(const unsigned char *s, const unsigned char *end, int *flags) {
    int found = 0;
    for (;;) {
        s = skip_plain_text(s, end);
        if (s >= end || *s == '<') break;
        unsigned char c = *s;
        if (c == '&') found |= TEXT_AMP;
        else if (c == '\r') found |= TEXT_RETURN;
        else if (c == ']') { if (end - s >= 3 && s[1] == ']' && s[2] == '>') found |= TEXT_CDATA_END; }
        else if (c == 0xEF) { if (end - s >= 3 && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) found |= TEXT_BAD; }
        else found |= TEXT_BAD;
        s++;
    }
    *flags = found;
    return s;
}

// Text inside an element, `s[0..<n)` up to the next '<', scanned as `flags`: reported as it is, or with
// line ends made '\n' as libxml2 makes them. 0 on what libxml2 would complain about (a control, `]]>`) or
// would report otherwise (a reference: the repair pass moves text with references out, so one here is
// not ours).
static int read_text(feedd_tokens *t, const unsigned char *s, size_t n, int flags) {
    if (flags & (TEXT_AMP | TEXT_CDATA_END | TEXT_BAD)) return 0;
    if (!(flags & TEXT_RETURN)) return add_text(t, s, 0, n);
    if (!GROW(t, scratch, scratchCapacity, t->scratchLength + n)) return 0;
    size_t start = t->scratchLength;
    unsigned char *out = t->scratch + start;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] != '\r') { out[m++] = s[k]; continue; }
        out[m++] = '\n';
        if (k + 1 < n && s[k + 1] == '\n') k++;
    }
    t->scratchLength += m;
    return add_text(t, NULL, start, m);
}

// An attribute value between quotes, `s[0..<n)`: as libxml2 reports it without a DTD (each tab, newline,
// return or CR LF a space; character references decoded, `&` included). 0 on '<', a control or a reference
// libxml2 would not take.
// What an attribute value holds (find_value_end): something to rewrite or refuse ('<', '&', a control),
// 0xEF (maybe U+FFFE or U+FFFF).
enum { VALUE_WORK = 1, VALUE_EF = 2 };

// The `quote` that closes an attribute value starting at `s`, or NULL; *flags says what the value holds.
// Sixteen bytes at a time where SSE2 is there (values are often long URLs).
static const unsigned char *find_value_end(const unsigned char *s, const unsigned char *end, unsigned char quote,
                                           int *flags) {
    int found = 0;
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi8((char)quote), below = _mm_set1_epi8(0x1F), lt = _mm_set1_epi8('<');
    const __m128i amp = _mm_set1_epi8('&'), ef = _mm_set1_epi8((char)0xEF);
    while (end - s >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)s);
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(_mm_min_epu8(v, below), v));
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(hit, _mm_cmpeq_epi8(v, ef)));
        for (; mask; mask &= mask - 1) {
            unsigned char c = s[__builtin_ctz(mask)];
            if (c == quote) { *flags = found; return s + __builtin_ctz(mask); }
            found |= c == 0xEF ? VALUE_EF : VALUE_WORK;
        }
        s += 16;
    }
#endif
    for (; s < end; s++) {
        unsigned char c = *s;
        if (c == quote) { *flags = found; return s; }
        if (c == 0xEF) found |= VALUE_EF;
        else if (value_stop[c]) found |= VALUE_WORK;
    }
    return NULL;
}

static int read_value(feedd_tokens *t, const unsigned char *s, size_t n, int flags, tok_attr *a) {
    // U+FFFE and U+FFFF, which the repair pass makes U+FFFD, are left to it.
    if (t->direct && (flags & VALUE_EF) && has_noncharacter(s, n)) return 0;
    if (!(flags & VALUE_WORK)) {
        a->bytes = s;
        a->length = n;
        return 1;
    }
    size_t k = 0;
    while (k < n && !value_stop[s[k]]) k++;
    // A value with a reference can only get shorter (a reference takes at least four bytes, its
    // character at most four).
    if (!GROW(t, scratch, scratchCapacity, t->scratchLength + n)) return 0;
    unsigned char *out = t->scratch + t->scratchLength;
    memcpy(out, s, k);
    size_t m = k;
    for (; k < n; k++) {
        unsigned char c = s[k];
        if (!value_stop[c]) { out[m++] = c; continue; }
        if (c == '\t' || c == '\n') { out[m++] = ' '; continue; }
        if (c == '\r') {
            out[m++] = ' ';
            if (k + 1 < n && s[k + 1] == '\n') k++;
            continue;
        }
        if (c != '&') return 0;
        size_t used = 0;
        uint32_t cp;
        if (t->direct) {
            // As the repair pass writes it (a numeric reference, `&#38;` for an unknown one), then reads it.
            long value;
            size_t at = (size_t)(s + k - t->doc);
            used = feedd_read_reference(t->doc, t->docLength, at, FEEDD_REFERENCES_XML, &value);
            if (k + used > n) return 0;
            cp = value < 0 ? '&' : (uint32_t)value;
            if (!feedd_is_xml_char(cp)) return 0;
        } else {
            cp = read_charref(s + k, s + n, &used);
            if (!cp) return 0;
        }
        m += feedd_put_utf8(out + m, cp);
        k += used - 1;
    }
    a->bytes = NULL;
    a->offset = t->scratchLength;
    a->length = m;
    t->scratchLength += m;
    return 1;
}

static const char xml_namespace[] = "http://www.w3.org/XML/1998/namespace";
static const char xmlns_namespace[] = "http://www.w3.org/2000/xmlns/";

// A namespace declaration on the element being read: `prefix` NO_NAME for the default. 0 for any that
// libxml2 complains about (an empty or invalid URI for a prefix, the reserved names and URIs, a prefix
// declared twice on one element) or one with a reference or space in its URI.
// The namespace id of a declared URI, NS_INVALID for one libxml2 complains about or that is not ours.
static int check_namespace(const unsigned char *uri, size_t length) {
    for (size_t k = 0; k < length; k++)
        if (uri[k] <= 0x20 || uri[k] == '&' || uri[k] == '<') return NS_INVALID;
    char text[512];
    memcpy(text, uri, length);
    text[length] = 0;
    if (!strcmp(text, xml_namespace) || !strcmp(text, xmlns_namespace)) return NS_INVALID;
    if (length > 0) {
        xmlURIPtr parsed = xmlParseURI(text);
        if (!parsed) return NS_INVALID;
        xmlFreeURI(parsed);
    }
    return feedd_namespace_id(text);
}

static int declare(feedd_tokens *t, uint32_t prefix, const unsigned char *uri, size_t length, size_t firstOfElement) {
    if (prefix != NO_NAME && (prefix == t->xml || prefix == t->xmlns || length == 0)) return 0;
    if (length >= 512) return 0;
    // A URI is checked once per thread (the name table keeps it): feeds declare the same few.
    uint32_t interned = intern(t, uri, length);
    if (interned == NO_NAME) return 0;
    tok_name *name = &t->names[interned];
    if (name->ns == NS_UNCHECKED) name->ns = check_namespace(uri, length);
    if (name->ns == NS_INVALID) return 0;
    for (size_t i = firstOfElement; i < t->bindingCount; i++)
        if (t->bindings[i].prefix == prefix) return 0;
    if (!GROW(t, bindings, bindingCapacity, t->bindingCount + 1)) return 0;
    t->bindings[t->bindingCount].prefix = prefix;
    t->bindings[t->bindingCount].ns = name->ns;
    t->bindingCount++;
    return 1;
}

// The namespace of `prefix` in scope (NO_NAME: the default); -1 when a prefix is not declared.
static int namespace_of(const feedd_tokens *t, uint32_t prefix) {
    for (size_t i = t->bindingCount; i-- > 0;)
        if (t->bindings[i].prefix == prefix) return t->bindings[i].ns;
    if (prefix == NO_NAME) return CFeeddXML_NS_NONE;
    if (prefix == t->xml) return CFeeddXML_NS_XML;
    return -1;
}

// A start tag after its '<'. Returns the byte past it, or NULL when it is not ours.
static const unsigned char *read_start(feedd_tokens *t, const unsigned char *s, const unsigned char *end,
                                       size_t *depth, int maxDepth) {
    qname element;
    if (!read_qname(&s, end, &element)) return NULL;
    size_t firstAttr = t->attrCount, firstBinding = t->bindingCount;
    int empty = 0;
    for (;;) {
        const unsigned char *before = s;
        s = skip_space(s, end);
        if (s >= end) return NULL;
        if (*s == '>') { s++; break; }
        if (*s == '/') {
            if (s + 1 >= end || s[1] != '>') return NULL;
            s += 2;
            empty = 1;
            break;
        }
        if (s == before) return NULL;
        qname attr;
        if (!read_qname(&s, end, &attr)) return NULL;
        s = skip_space(s, end);
        if (s >= end || *s != '=') return NULL;
        s = skip_space(s + 1, end);
        if (s >= end || (*s != '"' && *s != '\'')) return NULL;
        int valueFlags;
        const unsigned char *close = find_value_end(s + 1, end, *s, &valueFlags);
        if (!close) return NULL;
        const unsigned char *value = s + 1;
        size_t valueLength = (size_t)(close - value);
        s = close + 1;
        uint32_t local = intern(t, attr.local, attr.localLength);
        if (local == NO_NAME) return NULL;
        uint32_t prefix = NO_NAME;
        if (attr.prefixLength && (prefix = intern(t, attr.start, attr.prefixLength)) == NO_NAME) return NULL;
        if (prefix == t->xmlns) {
            if (!declare(t, local, value, valueLength, firstBinding)) return NULL;
            continue;
        }
        if (prefix == NO_NAME && local == t->xmlns) {
            if (!declare(t, NO_NAME, value, valueLength, firstBinding)) return NULL;
            continue;
        }
        // Two attributes of one local name: libxml2 complains when prefixes or namespaces are the same.
        for (size_t i = firstAttr; i < t->attrCount; i++)
            if (t->attrs[i].name == local) return NULL;
        if (t->attrCount - firstAttr >= MAX_ATTRIBUTES) return NULL;
        if (!GROW(t, attrs, attrCapacity, t->attrCount + 1)) return NULL;
        tok_attr *a = &t->attrs[t->attrCount];
        a->name = local;
        a->prefix = prefix;
        if (!read_value(t, value, valueLength, valueFlags, a)) return NULL;
        t->attrCount++;
    }
    for (size_t i = firstAttr; i < t->attrCount; i++) {
        tok_attr *a = &t->attrs[i];
        a->ns = a->prefix == NO_NAME ? CFeeddXML_NS_NONE : namespace_of(t, a->prefix);
        if (a->ns < 0) return NULL;
    }
    uint32_t prefix = NO_NAME;
    if (element.prefixLength) {
        prefix = intern(t, element.start, element.prefixLength);
        if (prefix == NO_NAME || prefix == t->xmlns) return NULL;
    }
    int ns = namespace_of(t, prefix);
    uint32_t local = intern(t, element.local, element.localLength);
    if (ns < 0 || local == NO_NAME) return NULL;
    if (*depth + 1 > (size_t)maxDepth) return NULL;
    tok_name *name = &t->names[local];
    if (name->element < 0) name->element = CFeeddXML_feedElement(t->arena + name->offset);
    tok_event event = {.kind = EV_START, .ns = ns, .element = name->element, .name = local, .first = firstAttr,
                       .count = t->attrCount - firstAttr};
    if (!add_event(t, &event)) return NULL;
    if (empty) {
        tok_event close = {.kind = EV_END, .ns = ns, .name = local};
        if (!add_event(t, &close)) return NULL;
        t->bindingCount = firstBinding;
        return s;
    }
    if (!GROW(t, frames, frameCapacity, *depth + 1)) return NULL;
    tok_frame *frame = &t->frames[(*depth)++];
    frame->qname = element.start;
    frame->qlength = element.length;
    frame->name = local;
    frame->ns = ns;
    frame->bindings = firstBinding;
    return s;
}

// An end tag after its `</`, which must close the innermost element.
static const unsigned char *read_end(feedd_tokens *t, const unsigned char *s, const unsigned char *end,
                                     size_t *depth) {
    if (*depth == 0) return NULL;
    const tok_frame *frame = &t->frames[*depth - 1];
    if ((size_t)(end - s) < frame->qlength || memcmp(s, frame->qname, frame->qlength) != 0) return NULL;
    s = skip_space(s + frame->qlength, end);
    if (s >= end || *s != '>') return NULL;
    tok_event event = {.kind = EV_END, .ns = frame->ns, .name = frame->name};
    if (!add_event(t, &event)) return NULL;
    t->bindingCount = frame->bindings;
    (*depth)--;
    return s + 1;
}

// The first `?>` in s[0..<end), or NULL.
static const unsigned char *find_pi_end(const unsigned char *s, const unsigned char *end) {
    while (end - s >= 2) {
        s = memchr(s, '?', (size_t)(end - s) - 1);
        if (!s) return NULL;
        if (s[1] == '>') return s;
        s++;
    }
    return NULL;
}

// A processing instruction after its `<?`. Only the repair pass's `<?feedd-cdata N?>` reports anything
// (run N as text, inside the root only), read as feedd_xml_feed.c's handler reads it; others are skipped.
static const unsigned char *read_pi(feedd_tokens *t, const unsigned char *s, const unsigned char *end, size_t depth,
                                    const feedd_text_run *runs, size_t runCount) {
    const unsigned char *target = s, *e = read_ncname(s, end);
    if (e == s || e >= end || *e == ':' || *e >= 0x80) return NULL;
    size_t length = (size_t)(e - target);
    // Targets starting with "xml" are libxml2's to judge (an error, or a warning but for two names).
    if (length >= 3 && (target[0] | 0x20) == 'x' && (target[1] | 0x20) == 'm' && (target[2] | 0x20) == 'l' &&
        !(length == 14 && memcmp(target, "xml-stylesheet", 14) == 0) &&
        !(length == 9 && memcmp(target, "xml-model", 9) == 0))
        return NULL;
    const unsigned char *data = NULL, *close;
    if (end - e >= 2 && e[0] == '?' && e[1] == '>') {
        close = e;
    } else {
        if (!is_space[*e]) return NULL;
        data = skip_space(e, end);
        if (!(close = find_pi_end(data, end))) return NULL;
        for (const unsigned char *q = data; q < close; q++)
            if (*q < 0x20 && !is_space[*q]) return NULL;
    }
    if (length == 11 && memcmp(target, "feedd-cdata", 11) == 0 && data) {
        char number[65];
        size_t n = (size_t)(close - data);
        if (n >= sizeof number) return NULL;
        memcpy(number, data, n);
        number[n] = 0;
        char *stop = NULL;
        unsigned long long index = strtoull(number, &stop, 10);
        if (stop != number && index < runCount && runs[index].length > 0 && depth > 0 &&
            !add_text(t, runs[index].source, 0, runs[index].length))
            return NULL;
    }
    return close + 2;
}

// A comment after its `<!--`: nothing to report, only to check (no `--` inside, no '-' before the end).
static const unsigned char *read_comment(const unsigned char *s, const unsigned char *end) {
    for (const unsigned char *q = s; q < end; q++) {
#if defined(__SSE2__)
        // To the next '-' or control, sixteen bytes at a time (comments can be long: licences, notes).
        const __m128i below = _mm_set1_epi8(0x1F), dash = _mm_set1_epi8('-');
        while (end - q >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)q);
            __m128i found = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, below), v), _mm_cmpeq_epi8(v, dash));
            unsigned mask = (unsigned)_mm_movemask_epi8(found);
            if (mask) { q += __builtin_ctz(mask); break; }
            q += 16;
        }
        if (q >= end) break;
#endif
        // The first `--` must end the comment (so the body cannot end in '-' either).
        if (*q == '-' && q + 1 < end && q[1] == '-') return q + 2 < end && q[2] == '>' ? q + 3 : NULL;
        if (*q < 0x20 && !is_space[*q]) return NULL;
    }
    return NULL;
}

// Whether s[0..<end) holds a control other than whitespace, or U+FFFE/U+FFFF.
static int has_bad_text(const unsigned char *s, const unsigned char *end) {
    for (;;) {
        s = skip_plain_text(s, end);
        if (s >= end) return 0;
        unsigned char c = *s;
        if (c == 0xEF) { if (end - s >= 3 && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) return 1; }
        else if (c < 0x20 && c != '\r') return 1;
        s++;
    }
}

// Direct reading: text with references, decoded as the repair pass decodes it into its side buffer (no
// line-end rewriting there: libxml2 never sees that text).
static int read_decoded(feedd_tokens *t, const unsigned char *s, size_t n) {
    size_t start = t->scratchLength, k = 0;
    if (!GROW(t, scratch, scratchCapacity, start + n)) return 0;
    while (k < n) {
        const unsigned char *amp = memchr(s + k, '&', n - k);
        size_t stop = amp ? (size_t)(amp - s) : n;
        if (!GROW(t, scratch, scratchCapacity, t->scratchLength + (stop - k) + 4)) return 0;
        memcpy(t->scratch + t->scratchLength, s + k, stop - k);
        t->scratchLength += stop - k;
        if (!amp) break;
        long cp;
        size_t used = feedd_read_reference(s, n, stop, FEEDD_REFERENCES_XML, &cp);
        if (cp >= 0) t->scratchLength += feedd_put_utf8(t->scratch + t->scratchLength, (uint32_t)cp);
        else { t->scratch[t->scratchLength++] = '&'; used = 1; }
        k = stop + used;
    }
    return t->scratchLength == start || add_text(t, NULL, start, t->scratchLength - start);
}

// Reads p[start..<n) (the repaired bytes, or in direct reading the decoded document from where the repair
// pass would start) into events; see feedd_tokens_read and feedd_tokens_read_source.
static int read_document(feedd_tokens *t, const unsigned char *p, size_t start, size_t n, const feedd_text_run *runs,
                         size_t runCount, int maxDepth) {
    static pthread_once_t tablesOnce = PTHREAD_ONCE_INIT;
    pthread_once(&tablesOnce, init_tables);
    t->eventCount = t->attrCount = t->scratchLength = t->bindingCount = 0;
    if (n == 0 || n >= MAX_DOCUMENT) return 0;
    if (t->nameCount > MAX_NAMES) forget_names(t);
    if (t->nameCount == 0) {
        t->xml = intern(t, (const unsigned char *)"xml", 3);
        t->xmlns = intern(t, (const unsigned char *)"xmlns", 5);
        if (t->xml == NO_NAME || t->xmlns == NO_NAME) return 0;
    }
    if (maxDepth > MAX_DEPTH) maxDepth = MAX_DEPTH;
    const unsigned char *s = p + start, *end = p + n;
    // An XML declaration still here is one the repair pass leaves for libxml2 to read.
    if (end - s >= 6 && memcmp(s, "<?xml", 5) == 0 && is_space[s[5]]) return 0;
    size_t depth = 0;
    int sawRoot = 0;
    // Direct reading: the repair pass would be gathering text into one of its runs (decoded text, CDATA):
    // all text up to the next tag joins it, decoded and without line-end rewriting.
    int inRun = 0;
    while (s < end) {
        if (*s != '<') {
            int flags;
            const unsigned char *stop = scan_text(s, end, &flags);
            // Direct reading: a control or U+FFFE/U+FFFF is the repair pass's to clean.
            if (t->direct && (flags & TEXT_BAD)) return 0;
            if ((t->direct && (flags & TEXT_AMP)) || inRun) {
                // Runs outside the root are dropped by the parse: left to the repair pass.
                if (depth == 0 || !read_decoded(t, s, (size_t)(stop - s))) return 0;
                inRun = 1;
            } else if (depth == 0) {
                // Outside the root only whitespace, which libxml2 does not report.
                if (skip_space(s, stop) != stop) return 0;
            } else if (!read_text(t, s, (size_t)(stop - s), flags)) {
                return 0;
            }
            s = stop;
            continue;
        }
        if (end - s < 2) return 0;
        unsigned char c = s[1];
        if (t->direct) {
            if (end - s >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
                const unsigned char *body = s + 9, *close = body;
                while ((close = memchr(close, ']', (size_t)(end - close))) && !(end - close >= 3 && close[1] == ']' && close[2] == '>'))
                    close++;
                if (!close || depth == 0 || has_bad_text(body, close)) return 0;
                if (close > body && !add_text(t, body, 0, (size_t)(close - body))) return 0;
                inRun = 1;
                s = close + 3;
                continue;
            }
            // What the repair pass takes as text ("a < b") or rewrites (a DOCTYPE) is left to it.
            if (!(name_start[c] || c == '/' || c == '?' || (c == '!' && end - s >= 4 && s[2] == '-' && s[3] == '-')))
                return 0;
            inRun = 0;
        }
        if (c == '/') {
            s = read_end(t, s + 2, end, &depth);
        } else if (c == '?') {
            if (t->direct) {
                // The repair pass copies a processing instruction up to its first '>' and reads on as text:
                // only one whose first '>' ends it is the same, and its markers are its own.
                const unsigned char *gt = memchr(s, '>', (size_t)(end - s));
                if (!gt || gt[-1] != '?' || gt - s < 4 || has_bad_text(s, gt) || memchr(s, '&', (size_t)(gt - s))) return 0;
                if (end - s >= 13 && memcmp(s + 2, "feedd-cdata", 11) == 0) return 0;
            }
            s = read_pi(t, s + 2, end, depth, runs, runCount);
        } else if (c == '!') {
            s = (end - s >= 4 && s[2] == '-' && s[3] == '-') ? read_comment(s + 4, end) : NULL;
        } else {
            if (depth == 0 && sawRoot) return 0;
            sawRoot = 1;
            // (Direct reading: a control in a tag fails below, as does U+FFFE/U+FFFF in a value; outside
            // values a byte beyond ASCII is not ours anyway.)
            s = read_start(t, s + 1, end, &depth, maxDepth);
        }
        if (!s) return 0;
    }
    return sawRoot && depth == 0;
}

int feedd_tokens_read(feedd_tokens *t, const unsigned char *p, size_t n, const feedd_text_run *runs,
                      size_t runCount, int maxDepth) {
    t->direct = 0;
    return read_document(t, p, 0, n, runs, runCount, maxDepth);
}

int feedd_tokens_read_source(feedd_tokens *t, const unsigned char *p, size_t n, size_t start, int maxDepth) {
    t->direct = 1;
    t->doc = p;
    t->docLength = n;
    return read_document(t, p, start, n, NULL, 0, maxDepth);
}

void feedd_tokens_trim(feedd_tokens *t) {
    if (t->eventCapacity > KEEP_EVENTS) { free(t->events); t->events = NULL; t->eventCapacity = 0; }
    if (t->attrCapacity > KEEP_EVENTS) { free(t->attrs); t->attrs = NULL; t->attrCapacity = 0; }
    if (t->scratchCapacity > KEEP_BYTES) { free(t->scratch); t->scratch = NULL; t->scratchCapacity = 0; }
    if (t->bindingCapacity > KEEP_EVENTS) { free(t->bindings); t->bindings = NULL; t->bindingCapacity = 0; }
    if (t->frameCapacity > KEEP_EVENTS) { free(t->frames); t->frames = NULL; t->frameCapacity = 0; }
    t->eventCount = t->attrCount = t->scratchLength = t->bindingCount = 0;
    if (t->arenaCapacity > KEEP_BYTES || t->nameCapacity > KEEP_EVENTS) {
        free(t->arena);
        free(t->names);
        free(t->slots);
        t->arena = NULL;
        t->names = NULL;
        t->slots = NULL;
        t->arenaLength = t->arenaCapacity = t->nameCount = t->nameCapacity = t->slotCount = 0;
    }
}

void feedd_tokens_replay(feedd_tokens *t, const CFeeddXML_FeedCallbacks *callbacks, void *context) {
    CFeeddXML_Attribute attrs[MAX_ATTRIBUTES];
    for (size_t i = 0; i < t->eventCount; i++) {
        const tok_event *event = &t->events[i];
        switch (event->kind) {
        case EV_START:
            for (size_t j = 0; j < event->count; j++) {
                const tok_attr *a = &t->attrs[event->first + j];
                attrs[j].ns = a->ns;
                attrs[j].name = t->arena + t->names[a->name].offset;
                attrs[j].value = (const char *)(a->bytes ? a->bytes : t->scratch + a->offset);
                attrs[j].length = a->length;
            }
            callbacks->start(context, event->ns, t->arena + t->names[event->name].offset, event->element, attrs,
                             (int)event->count);
            break;
        case EV_END:
            callbacks->end(context, event->ns, t->arena + t->names[event->name].offset);
            break;
        default:
            callbacks->text(context, (const char *)(event->bytes ? event->bytes : t->scratch + event->offset),
                            event->length);
        }
    }
}
