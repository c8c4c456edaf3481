// libxml2's HTML parser behind opaque handles. Every function here is a thin cast over the
// libxml2 call it names; ownership follows libxml2: the document owns attached nodes,
// unlinked nodes belong to the caller.
#include <pthread.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include "feedd_xml_common.h"
#include "feedd_html_dom.h"
#include "feedd_html_build.h"
#include "feedd_text.h"

#define DOC(d) ((htmlDocPtr)(d))
#define NODE(n) ((xmlNodePtr)(n))

// The header's inline accessors read libxml2's structs through their own layouts: every field they read must sit
// where libxml2 puts it.
#define SAME_PLACE(mine, theirs, field, ours) \
    _Static_assert(offsetof(struct mine, ours) == offsetof(theirs, field), #theirs "." #field " moved")
SAME_PLACE(CFeeddXML_node_layout, xmlNode, _private, private_);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, type, type);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, name, name);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, children, children);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, parent, parent);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, next, next);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, content, content);
SAME_PLACE(CFeeddXML_node_layout, xmlNode, properties, properties);
SAME_PLACE(CFeeddXML_attr_layout, xmlAttr, _private, private_);
SAME_PLACE(CFeeddXML_attr_layout, xmlAttr, type, type);
SAME_PLACE(CFeeddXML_attr_layout, xmlAttr, name, name);
SAME_PLACE(CFeeddXML_attr_layout, xmlAttr, children, children);
SAME_PLACE(CFeeddXML_attr_layout, xmlAttr, next, next);
_Static_assert(sizeof(xmlElementType) == sizeof(int), "xmlElementType is not an int");
_Static_assert(CFeeddXML_NODE_ELEMENT == XML_ELEMENT_NODE && CFeeddXML_NODE_TEXT == XML_TEXT_NODE
                   && CFeeddXML_NODE_CDATA == XML_CDATA_SECTION_NODE && CFeeddXML_NODE_COMMENT == XML_COMMENT_NODE,
               "node kinds differ from libxml2's");

static void feedd_html_silent(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

// Whether `&` and the bytes of a reference are ASCII in this encoding, so references can be read in the bytes.
static int ascii_compatible(const char *encoding) {
    if (encoding == NULL) return 1;
    static const char *const others[] = {"UTF-16", "UTF-32", "UCS-", "ISO-2022", "HZ", "UTF-7"};
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
        if (strncasecmp(encoding, others[k], strlen(others[k])) == 0) return 0;
    return 1;
}

CFeeddXML_html_doc *CFeeddXML_html_parse(const char *bytes, size_t length, const char *encoding) {
    CFeeddXML_init();
    // feedd's one entity table decides what a reference stands for, not libxml2's HTML 4 one (feedd_text.h).
    size_t rewrittenLength = 0;
    char *rewritten =
        ascii_compatible(encoding) ? feedd_html_rewrite_references(bytes, length, &rewrittenLength) : NULL;
    if (rewritten != NULL) {
        bytes = rewritten;
        length = rewrittenLength;
    }
    if (length > (size_t)0x7fffffff) {
        free(rewritten);
        return NULL;
    }
    // RECOVER: real pages are broken; NONET: never fetch; the error flags keep stderr clean.
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    // Conversion errors are reported through the generic handler whatever the options say: silence it for
    // this thread while parsing, then put back what was there.
    xmlGenericErrorFunc saved = xmlGenericError;
    void *savedContext = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, feedd_html_silent);
    htmlDocPtr doc = htmlReadMemory(length == 0 ? "" : bytes, (int)length, NULL, encoding, options);
    xmlSetGenericErrorFunc(savedContext, saved);
    free(rewritten);
    return (CFeeddXML_html_doc *)doc;
}

// ASCII case-insensitive prefix test of `word` (lowercase) at p, within end.
static int starts_with_ci(const char *p, const char *end, const char *word) {
    for (; *word; word++, p++) {
        if (p >= end) return 0;
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != *word) return 0;
    }
    return 1;
}

// The end of a start tag beginning at p ('<'), honouring quoted attribute values; end when unterminated.
static const char *tag_end(const char *p, const char *end) {
    char quote = 0;
    for (; p < end; p++) {
        if (quote) {
            if (*p == quote) quote = 0;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        } else if (*p == '>') {
            return p + 1;
        }
    }
    return end;
}

// The position of `</name` (case-insensitive) at or after p, or end.
static const char *find_close(const char *p, const char *end, const char *name) {
    size_t n = strlen(name);
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (lt == NULL) return end;
        if (lt + 1 < end && lt[1] == '/' && starts_with_ci(lt + 2, end, name)) {
            const char *after = lt + 2 + n;
            if (after >= end || *after == '>' || *after == ' ' || *after == '\t' || *after == '\n' || *after == '\r' || *after == '/')
                return lt;
        }
        p = lt + 1;
    }
    return end;
}

// True when the element name `name` ends right at p (followed by space, '>' or '/').
static int name_ends(const char *p, const char *end) {
    return p >= end || *p == '>' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '/';
}

// Whether a <script ...> start tag declares a JSON data block (JSON-LD and the like), which extraction reads.
static int script_is_json(const char *start, const char *stop) {
    for (const char *p = start; p + 4 <= stop; p++) {
        if (starts_with_ci(p, stop, "json")) return 1;
    }
    return 0;
}

// The lean copy's buffer, one per thread and kept between pages: a fresh page-sized malloc and free per page made
// glibc consolidate its small-chunk lists each time, which showed in extraction profiles. Freed with its thread,
// and after any page above the cap so that one huge page does not pin its size.
typedef struct {
    char *bytes;
    size_t capacity;
    char *rewritten;  // the lean copy with references rewritten (feedd_html_rewrite_references_into)
    size_t rewrittenCapacity;
} lean_buffer;
static pthread_key_t lean_key;
static pthread_once_t lean_once = PTHREAD_ONCE_INIT;
enum { LEAN_KEEP_MAX = 4 << 20 };

static void lean_buffer_free(void *value) {
    lean_buffer *buffer = value;
    free(buffer->bytes);
    free(buffer->rewritten);
    free(buffer);
}

static void lean_key_create(void) { (void)pthread_key_create(&lean_key, lean_buffer_free); }

// A buffer of at least `size` bytes for this thread; NULL when memory ran out.
static lean_buffer *lean_buffer_get(size_t size) {
    pthread_once(&lean_once, lean_key_create);
    lean_buffer *buffer = pthread_getspecific(lean_key);
    if (buffer == NULL) {
        buffer = calloc(1, sizeof *buffer);
        if (buffer == NULL) return NULL;
        if (pthread_setspecific(lean_key, buffer) != 0) {
            free(buffer);
            return NULL;
        }
    }
    if (buffer->capacity < size) {
        size_t capacity = size < 256 * 1024 ? 256 * 1024 : size;
        char *bytes = realloc(buffer->bytes, capacity);
        if (bytes == NULL) return NULL;
        buffer->bytes = bytes;
        buffer->capacity = capacity;
    }
    return buffer;
}

static void lean_buffer_done(lean_buffer *buffer) {
    if (buffer->capacity > LEAN_KEEP_MAX) {
        free(buffer->bytes);
        buffer->bytes = NULL;
        buffer->capacity = 0;
    }
    if (buffer->rewrittenCapacity > LEAN_KEEP_MAX) {
        free(buffer->rewritten);
        buffer->rewritten = NULL;
        buffer->rewrittenCapacity = 0;
    }
}

static int is_utf8(const char *encoding) {
    return encoding != NULL && (strcasecmp(encoding, "UTF-8") == 0 || strcasecmp(encoding, "UTF8") == 0);
}

// feedd's tree builder over UTF-8 (feedd_html_build.c), with the same reference rewriting as the libxml2 path;
// libxml2's parser when the builder cannot (memory ran out).
static CFeeddXML_html_doc *build(const char *bytes, size_t length, lean_buffer *buffer) {
    CFeeddXML_init();
    size_t rewrittenLength = 0;
    char *rewritten = feedd_html_rewrite_references_into(bytes, length, &rewrittenLength, &buffer->rewritten,
                                                         &buffer->rewrittenCapacity);
    htmlDocPtr doc = rewritten != NULL ? feedd_html_build(rewritten, rewrittenLength) : feedd_html_build(bytes, length);
    return doc != NULL ? (CFeeddXML_html_doc *)doc : CFeeddXML_html_parse(bytes, length, "UTF-8");
}

static CFeeddXML_html_doc *parse_lean(const char *bytes, size_t length, const char *encoding, int builder) {
    if (encoding != NULL && strncmp(encoding, "UTF-16", 6) == 0) return CFeeddXML_html_parse(bytes, length, encoding);
    lean_buffer *buffer = lean_buffer_get(length + 1);
    if (buffer == NULL) return CFeeddXML_html_parse(bytes, length, encoding);
    char *lean = buffer->bytes;
    const char *p = bytes, *end = bytes + length;
    size_t out = 0;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (lt == NULL) lt = end;
        memcpy(lean + out, p, (size_t)(lt - p));
        out += (size_t)(lt - p);
        p = lt;
        if (p >= end) break;
        if (starts_with_ci(p, end, "<!--")) {
            const char *close = p + 4;
            while (close + 3 <= end && !(close[0] == '-' && close[1] == '-' && close[2] == '>')) {
                const char *dash = memchr(close, '-', (size_t)(end - close));
                if (dash == NULL) { close = end; break; }
                close = dash;
                if (close + 3 <= end && close[1] == '-' && close[2] == '>') break;
                close++;
            }
            p = close + 3 <= end ? close + 3 : end;
            continue;
        }
        const char *name = NULL;
        if (starts_with_ci(p, end, "<script") && name_ends(p + 7, end)) name = "script";
        else if (starts_with_ci(p, end, "<style") && name_ends(p + 6, end)) name = "style";
        else if (starts_with_ci(p, end, "<svg") && name_ends(p + 4, end)) name = "svg";
        if (name == NULL) {
            lean[out++] = *p++;
            continue;
        }
        const char *open_end = tag_end(p, end);
        if (name[1] == 'c' && script_is_json(p, open_end)) {
            // Keep JSON data blocks whole.
            const char *close = find_close(open_end, end, name);
            memcpy(lean + out, p, (size_t)(close - p));
            out += (size_t)(close - p);
            p = close;
            continue;
        }
        memcpy(lean + out, p, (size_t)(open_end - p));
        out += (size_t)(open_end - p);
        p = find_close(open_end, end, name);
    }
    CFeeddXML_html_doc *doc = builder && is_utf8(encoding) ? build(lean, out, buffer) : CFeeddXML_html_parse(lean, out, encoding);
    lean_buffer_done(buffer);
    return doc;
}

CFeeddXML_html_doc *CFeeddXML_html_parse_lean(const char *bytes, size_t length, const char *encoding) {
    return parse_lean(bytes, length, encoding, 1);
}

CFeeddXML_html_doc *CFeeddXML_html_parse_lean_libxml2(const char *bytes, size_t length, const char *encoding) {
    return parse_lean(bytes, length, encoding, 0);
}

void CFeeddXML_html_free_doc(CFeeddXML_html_doc *doc) {
    if (doc != NULL) xmlFreeDoc(DOC(doc));
}

CFeeddXML_html_node *CFeeddXML_html_root(CFeeddXML_html_doc *doc) {
    return (CFeeddXML_html_node *)xmlDocGetRootElement(DOC(doc));
}

char *CFeeddXML_html_text_content(const CFeeddXML_html_node *node) {
    return (char *)xmlNodeGetContent(NODE(node));
}

char *CFeeddXML_html_serialize(CFeeddXML_html_doc *doc, CFeeddXML_html_node *node, int children, size_t *length) {
    *length = 0;
    // No encoder: the tree is UTF-8 already and the buffer keeps it as it is.
    xmlOutputBufferPtr out = xmlAllocOutputBuffer(NULL);
    if (out == NULL) return NULL;
    if (children) {
        // One buffer for all children: a buffer per child cost more than the dump on a small page.
        xmlNodePtr first = NODE(node)->type == XML_ELEMENT_NODE ? NODE(node)->children : NULL;
        for (xmlNodePtr child = first; child != NULL; child = child->next)
            htmlNodeDumpFormatOutput(out, DOC(doc), child, "UTF-8", 0);
    } else {
        htmlNodeDumpFormatOutput(out, DOC(doc), NODE(node), "UTF-8", 0);
    }
    xmlOutputBufferFlush(out);
    const xmlChar *content = xmlOutputBufferGetContent(out);
    size_t size = xmlOutputBufferGetSize(out);
    char *copy = xmlMalloc(size + 1);
    if (copy != NULL) {
        if (size > 0 && content != NULL) memcpy(copy, content, size);
        copy[size] = 0;
        *length = size;
    }
    xmlOutputBufferClose(out);
    return copy;
}

void CFeeddXML_html_free_string(char *text) {
    if (text != NULL) xmlFree(text);
}

void CFeeddXML_html_unlink(CFeeddXML_html_node *node) { xmlUnlinkNode(NODE(node)); }

void CFeeddXML_html_free_node(CFeeddXML_html_node *node) {
    if (node != NULL) xmlFreeNode(NODE(node));
}
