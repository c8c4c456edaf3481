// feedd's own HTML tokenizer and tree builder. It makes the tree that libxml2 2.9's HTML parser makes from a UTF-8
// page (htmlReadMemory with RECOVER: implied html/head/body/p, start tags that close open elements, end tags that
// close up to their element or are ignored, void elements, `/>`, raw script and style data, references), but reads
// the bytes with byte loops instead of a per-character reader, creates the nodes directly instead of through SAX
// callbacks and temporary copies of every attribute value, and skips what nothing in feedd reads (the ID table, line
// numbers, a formatted error per HTML5 element). libxml2 stays the DOM: nodes are libxml2's structs, named from the
// document's dictionary, and xmlFreeDoc frees them. Each rule below names the libxml2 function whose behaviour it
// keeps; the differential tests (HTMLTreeBuilderTests) hold the two trees equal on our own pages.
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/dict.h>
#include <libxml/entities.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include "feedd_bytes.h"
#include "feedd_html_build.h"

// --- What libxml2 knows about element names -------------------------------------------------------------------

// The HTML 4 element names, sorted by strcmp. libxml2's tables (which start tag closes which open element, which
// elements are empty) only hold HTML 4 names; every other name closes nothing and is never empty.
static const char *const html4_names[] = {
    "a", "abbr", "acronym", "address", "applet", "area", "b", "base", "basefont", "bdo", "big", "blockquote",
    "body", "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "dir",
    "div", "dl", "dt", "em", "embed", "fieldset", "font", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "hr", "html", "i", "iframe", "img", "input", "ins", "isindex", "kbd", "label", "legend", "li",
    "link", "listing", "map", "menu", "meta", "noembed", "noframes", "noscript", "object", "ol", "optgroup",
    "option", "p", "param", "plaintext", "pre", "q", "s", "samp", "script", "select", "small", "span", "strike",
    "strong", "style", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "tt",
    "u", "ul", "var", "xmp",
};
enum { HTML4_COUNT = sizeof html4_names / sizeof html4_names[0] };

// closes[old][new]: a start tag `new` ends an open `old` (libxml2's htmlStartClose table, read through its public
// htmlAutoCloseTag at start-up, so the two never disagree). htmlAutoCloseTag answers "no" for a name against
// itself, so the names a second start tag of their own closes are listed here.
static uint8_t closes[HTML4_COUNT][HTML4_COUNT];
// Bytes that end a run of text (TEXT_STOP: '<', '&') or need a look (TEXT_CHECK: C0 controls but tab, LF and CR,
// which libxml2 drops; 0xEF, which starts U+FFFE and U+FFFF, dropped too).
enum { TEXT_STOP = 1, TEXT_CHECK = 2 };
static uint8_t text_class[256];
// The byte a name character stands for in a tag or attribute name (lowercased), 0 for the others
// (htmlParseHTMLName: letters, digits, ':', '-', '_', '.').
static uint8_t name_char[256];
static uint8_t empty4[HTML4_COUNT];
static const char *const closed_by_itself[] = {"a", "col", "colgroup", "form", "li", "option", "p", "tbody",
                                               "td", "th", "tr"};
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static int html4_index(const char *name) {
    size_t low = 0, high = HTML4_COUNT;
    while (low < high) {
        size_t mid = (low + high) / 2;
        int order = strcmp(name, html4_names[mid]);
        if (order == 0) return (int)mid;
        if (order < 0) high = mid;
        else low = mid + 1;
    }
    return -1;
}

static void tables_init(void) {
    xmlNode probe;
    for (int old = 0; old < HTML4_COUNT; old++) {
        for (int new = 0; new < HTML4_COUNT; new++) {
            if (old == new) continue;
            memset(&probe, 0, sizeof probe);
            probe.type = XML_ELEMENT_NODE;
            probe.name = (const xmlChar *)html4_names[new];
            closes[old][new] = (uint8_t)htmlAutoCloseTag(NULL, (const xmlChar *)html4_names[old], &probe);
        }
        const htmlElemDesc *info = htmlTagLookup((const xmlChar *)html4_names[old]);
        empty4[old] = info != NULL && info->empty;
    }
    for (int c = 0; c < 0x20; c++)
        if (c != 0x09 && c != 0x0A && c != 0x0D) text_class[c] = TEXT_CHECK;
    text_class[0xEF] = TEXT_CHECK;
    text_class['<'] = text_class['&'] = TEXT_STOP;
    for (int c = 0; c < 256; c++) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' || c == '.')
            name_char[c] = (uint8_t)c;
        else if (c >= 'A' && c <= 'Z')
            name_char[c] = (uint8_t)(c + 32);
    }
    for (size_t k = 0; k < sizeof closed_by_itself / sizeof closed_by_itself[0]; k++) {
        int index = html4_index(closed_by_itself[k]);
        if (index >= 0) closes[index][index] = 1;
    }
}

// --- Names of one document -----------------------------------------------------------------------------------

enum {
    NAME_EMPTY = 1,    // a void element (libxml2's htmlElemDesc.empty)
    NAME_HEADISH = 2,  // script, style, meta, link, title, base: imply <head> at the top (htmlCheckImplied)
    NAME_FRAMES = 4,   // noframes, frame, frameset: imply nothing
    NAME_RAW = 8,      // script, style: their content is data up to their end tag (htmlParseScript)
};

typedef struct {
    const xmlChar *name;  // in the document's dictionary
    uint32_t hash;
    uint32_t length;
    int16_t html4;     // place in html4_names, -1 for other names
    uint8_t flags;     // NAME_ flags
    uint8_t priority;  // what an end tag may close past (libxml2's htmlEndPriority)
    const xmlChar *node_name;  // the element's name in the tree: after a prefix (`fb:like` is `like`), as
                               // xmlSAX2StartElement splits it (xmlSplitQName); the parser goes by `name`
} name_entry;

typedef struct {
    name_entry *entries;
    size_t count, capacity;
    int32_t *slots;  // open addressing: entry index + 1, 0 when free
    size_t mask;
} name_table;

static uint8_t end_priority(const char *name) {
    static const struct {
        const char *name;
        uint8_t priority;
    } table[] = {{"div", 150},   {"td", 160},    {"th", 160},    {"tr", 170},   {"thead", 180}, {"tbody", 180},
                 {"tfoot", 180}, {"table", 190}, {"head", 200},  {"body", 200}, {"html", 220}};
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (strcmp(name, table[k].name) == 0) return table[k].priority;
    return 100;
}

static uint8_t name_flags(const char *name, int html4) {
    uint8_t flags = html4 >= 0 && empty4[html4] ? NAME_EMPTY : 0;
    static const char *const headish[] = {"script", "style", "meta", "link", "title", "base"};
    for (size_t k = 0; k < sizeof headish / sizeof headish[0]; k++)
        if (strcmp(name, headish[k]) == 0) flags |= NAME_HEADISH;
    if (strcmp(name, "noframes") == 0 || strcmp(name, "frame") == 0 || strcmp(name, "frameset") == 0)
        flags |= NAME_FRAMES;
    if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) flags |= NAME_RAW;
    return flags;
}

// --- The builder ------------------------------------------------------------------------------------------------

typedef struct {
    int32_t name;
    xmlNodePtr node;
} open_entry;

typedef struct {
    int32_t name;
    int has_value;
    size_t offset, length;
    const unsigned char *direct;  // the value as written in the input, when it needed no decoding; else NULL
} attribute_slot;

typedef struct {
    const unsigned char *p, *end, *start;
    htmlDocPtr doc;
    xmlDictPtr dict;
    name_table names;
    open_entry *stack;
    size_t depth, stack_capacity;
    int html_state;  // libxml2's ctxt->html: 3 once a head was opened, 10 once a body was
    int discarded;   // libxml2's ctxt->depth: misplaced html/head/body start tags not yet met by an end tag
    int stopped;     // too deep (libxml2 halts the parse) or out of memory
    int failed;      // out of memory: the document is dropped
    int32_t n_html, n_head, n_body, n_p;
    // Text waiting to become a node: libxml2 merges adjacent character data into one node. A single run of the
    // input is only pointed at (text_borrowed), and copied into `text` when more joins it.
    const unsigned char *text_borrowed;
    unsigned char *text;
    size_t text_length, text_capacity;
    xmlNodePtr text_parent;
    int text_type;
    // Strings of 16 bytes and more (text, attribute values), one after the other with their NULs, moved at the end
    // into one string of the document's dictionary, where xmlFreeDoc leaves them: one allocation for all of them
    // instead of one each. Until then their nodes' content is NULL and `pending` says where it will be. Names go
    // to a sub-dictionary (`names_dict`), so that the document's own holds little and finds the strings first.
    xmlDictPtr names_dict;
    unsigned char *area;
    size_t area_length, area_capacity;
    struct pending_content {
        xmlNodePtr node;
        size_t offset;
    } *pending;
    size_t pending_count, pending_capacity;
    attribute_slot *attributes;
    size_t attribute_count, attribute_capacity;
    unsigned char *values;
    size_t values_length, values_capacity;
} builder;

// libxml2 2.9 stops the whole parse when an element would be opened below this many (xmlParserMaxDepth).
enum { MAX_DEPTH = 256, NAME_MAX_LENGTH = 100, BLANK_RUN_MAX = 1000 };

enum { FNV_BASIS = 2166136261u, FNV_PRIME = 16777619u };

// The entry of a name (lowercase bytes whose FNV-1a hash is `hash`), made on first sight.
static int32_t name_lookup_hashed(builder *b, const unsigned char *bytes, size_t length, uint32_t hash) {
    name_table *t = &b->names;
    for (size_t slot = hash & t->mask;; slot = (slot + 1) & t->mask) {
        int32_t index = t->slots[slot];
        if (index == 0) break;
        name_entry *e = &t->entries[index - 1];
        if (e->hash == hash && e->length == length && memcmp(e->name, bytes, length) == 0) return index - 1;
    }
    if ((t->count + 1) * 2 > t->mask + 1) {
        size_t size = (t->mask + 1) * 2;
        int32_t *slots = calloc(size, sizeof *slots);
        if (slots == NULL) {
            b->failed = b->stopped = 1;
            return -1;
        }
        for (size_t k = 0; k < t->count; k++) {
            size_t slot = t->entries[k].hash & (size - 1);
            while (slots[slot] != 0) slot = (slot + 1) & (size - 1);
            slots[slot] = (int32_t)k + 1;
        }
        free(t->slots);
        t->slots = slots;
        t->mask = size - 1;
    }
    if (!feedd_grow((void **)&t->entries, &t->capacity, t->count + 1, sizeof *t->entries, 64)) {
        b->failed = b->stopped = 1;
        return -1;
    }
    const xmlChar *name = xmlDictLookup(b->names_dict, bytes, (int)length);
    if (name == NULL) {
        b->failed = b->stopped = 1;
        return -1;
    }
    int html4 = html4_index((const char *)name);
    const xmlChar *node_name = name;
    const unsigned char *colon = memchr(bytes, ':', length);
    if (colon != NULL && colon != bytes && colon + 1 < bytes + length
        && !(length >= 4 && memcmp(bytes, "xml:", 4) == 0)) {
        node_name = xmlDictLookup(b->names_dict, colon + 1, (int)(bytes + length - colon - 1));
        if (node_name == NULL) {
            b->failed = b->stopped = 1;
            return -1;
        }
    }
    name_entry *e = &t->entries[t->count];
    e->node_name = node_name;
    e->name = name;
    e->hash = hash;
    e->length = (uint32_t)length;
    e->html4 = (int16_t)html4;
    e->flags = name_flags((const char *)name, html4);
    e->priority = end_priority((const char *)name);
    size_t slot = hash & t->mask;
    while (t->slots[slot] != 0) slot = (slot + 1) & t->mask;
    t->slots[slot] = (int32_t)t->count + 1;
    return (int32_t)t->count++;
}

static int32_t name_lookup(builder *b, const unsigned char *bytes, size_t length) {
    uint32_t hash = FNV_BASIS;
    for (size_t k = 0; k < length; k++) hash = (hash ^ bytes[k]) * FNV_PRIME;
    return name_lookup_hashed(b, bytes, length, hash);
}

static inline const name_entry *entry(const builder *b, int32_t name) { return &b->names.entries[name]; }
static inline int32_t top(const builder *b) { return b->depth > 0 ? b->stack[b->depth - 1].name : -1; }
static inline xmlNodePtr top_node(const builder *b) { return b->depth > 0 ? b->stack[b->depth - 1].node : NULL; }

static inline int at(const builder *b, size_t k) { return b->p + k < b->end ? b->p[k] : 0; }
static inline int is_blank(int c) { return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D; }
static inline int is_letter(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int is_digit(int c) { return c >= '0' && c <= '9'; }
static void skip_blanks(builder *b) {
    while (b->p < b->end && is_blank(*b->p)) b->p++;
}

// --- Nodes ------------------------------------------------------------------------------------------------------

static void append_child(xmlNodePtr parent, xmlNodePtr child) {
    child->parent = parent;
    if (parent->last == NULL) {
        parent->children = child;
    } else {
        child->prev = parent->last;
        parent->last->next = child;
    }
    parent->last = child;
}

// A text node as xmlSAX2Characters makes it; content shorter than two pointers sits inside the node (libxml2's
// HTML_PARSE_COMPACT storage, which its tree functions all know), sparing a malloc per short string.
static xmlNodePtr new_text(builder *b, const unsigned char *bytes, size_t length) {
    xmlNodePtr node = xmlMalloc(sizeof(xmlNode));
    if (node == NULL) return NULL;
    memset(node, 0, sizeof *node);
    node->type = XML_TEXT_NODE;
    node->name = xmlStringText;
    node->doc = b->doc;
    if (length < 2 * sizeof(void *)) {
        xmlChar *inside = (xmlChar *)&node->properties;
        memcpy(inside, bytes, length);
        inside[length] = 0;
        node->content = inside;
        return node;
    }
    if (!feedd_grow((void **)&b->area, &b->area_capacity, b->area_length + length + 1, 1, 64)
        || !feedd_grow((void **)&b->pending, &b->pending_capacity, b->pending_count + 1, sizeof *b->pending, 64)) {
        xmlFree(node);
        return NULL;
    }
    b->pending[b->pending_count].node = node;
    b->pending[b->pending_count++].offset = b->area_length;
    memcpy(b->area + b->area_length, bytes, length);
    b->area[b->area_length + length] = 0;
    b->area_length += length + 1;
    return node;
}

// The content a text node has, or will have once the strings move into the dictionary.
static const xmlChar *content_of(const builder *b, xmlNodePtr node, size_t *pending_index) {
    *pending_index = (size_t)-1;
    if (node->content != NULL) return node->content;
    for (size_t k = b->pending_count; k > 0; k--) {
        if (b->pending[k - 1].node == node) {
            *pending_index = k - 1;
            return b->area + b->pending[k - 1].offset;
        }
    }
    return (const xmlChar *)"";
}

// Gives every pending node its content: the strings move into the dictionary in one piece (or, should that fail,
// into a copy each).
static void settle_strings(builder *b) {
    if (b->pending_count == 0) return;
    const xmlChar *base = b->area_length - 1 <= INT32_MAX / 4 ? xmlDictLookup(b->dict, b->area, (int)(b->area_length - 1))
                                                              : NULL;
    for (size_t k = 0; k < b->pending_count; k++) {
        xmlNodePtr node = b->pending[k].node;
        if (node == NULL) continue;
        node->content = base != NULL ? (xmlChar *)base + b->pending[k].offset
                                     : xmlStrdup(b->area + b->pending[k].offset);
        if (node->content == NULL) b->failed = 1;
    }
    b->pending_count = 0;
}

// Appends `bytes` to the text node `node`, whose content may sit inside it, in the dictionary or on the heap.
static int extend_text(builder *b, xmlNodePtr node, const unsigned char *bytes, size_t length) {
    size_t pending;
    const xmlChar *current = content_of(b, node, &pending);
    size_t old = strlen((const char *)current);
    int owned = node->content != NULL && node->content != (xmlChar *)&node->properties
                && !xmlDictOwns(b->dict, node->content);
    xmlChar *content = owned ? xmlRealloc(node->content, old + length + 1) : xmlMalloc(old + length + 1);
    if (content == NULL) return 0;
    if (!owned) {
        memcpy(content, current, old);
        if (node->content == (xmlChar *)&node->properties) node->properties = NULL, node->nsDef = NULL;
        if (pending != (size_t)-1) b->pending[pending].node = NULL;
    }
    memcpy(content + old, bytes, length);
    content[old + length] = 0;
    node->content = content;
    return 1;
}

static void flush_text(builder *b) {
    if (b->text_length == 0) return;
    xmlNodePtr parent = b->text_parent, last = parent->last;
    size_t length = b->text_length;
    const unsigned char *text = b->text_borrowed != NULL ? b->text_borrowed : b->text;
    b->text_length = 0;
    b->text_borrowed = NULL;
    if (last != NULL && (int)last->type == b->text_type && (b->text_type != XML_TEXT_NODE || last->name == xmlStringText)) {
        if (!extend_text(b, last, text, length)) b->failed = b->stopped = 1;
        return;
    }
    xmlNodePtr node = b->text_type == XML_TEXT_NODE ? new_text(b, text, length)
                                                     : xmlNewCDataBlock(b->doc, text, (int)length);
    if (node == NULL) {
        b->failed = b->stopped = 1;
        return;
    }
    append_child(parent, node);
}

// Character data for the open element (xmlSAX2Characters / xmlSAX2CDataBlock); dropped when none is open.
static void characters(builder *b, int type, const unsigned char *bytes, size_t length) {
    if (length == 0 || b->depth == 0 || b->stopped) return;
    xmlNodePtr parent = top_node(b);
    if (b->text_length > 0 && (b->text_parent != parent || b->text_type != type)) flush_text(b);
    b->text_parent = parent;
    b->text_type = type;
    if (b->text_length == 0 && bytes >= b->start && bytes + length <= b->end) {
        b->text_borrowed = bytes;
        b->text_length = length;
        return;
    }
    if (!feedd_grow((void **)&b->text, &b->text_capacity, b->text_length + length, 1, 64)) {
        b->failed = b->stopped = 1;
        return;
    }
    if (b->text_borrowed != NULL) {
        memcpy(b->text, b->text_borrowed, b->text_length);
        b->text_borrowed = NULL;
    }
    memcpy(b->text + b->text_length, bytes, length);
    b->text_length += length;
}

// Opens an element where xmlSAX2StartElement puts it: under the open element, or, when none is open, as the
// document's first child, else under (or beside) that first child.
static xmlNodePtr open_element(builder *b, int32_t name) {
    if (name == b->n_head && b->html_state < 3) b->html_state = 3;
    if (name == b->n_body && b->html_state < 10) b->html_state = 10;
    if (b->stopped) return NULL;
    flush_text(b);
    if (b->depth > MAX_DEPTH) {
        b->stopped = 1;
        return NULL;
    }
    if (!feedd_grow((void **)&b->stack, &b->stack_capacity, b->depth + 1, sizeof *b->stack, 64)) {
        b->failed = b->stopped = 1;
        return NULL;
    }
    xmlNodePtr node = xmlMalloc(sizeof(xmlNode));
    if (node == NULL) {
        b->failed = b->stopped = 1;
        return NULL;
    }
    memset(node, 0, sizeof *node);
    node->type = XML_ELEMENT_NODE;
    node->name = entry(b, name)->node_name;
    node->doc = b->doc;
    xmlNodePtr parent = top_node(b), document = (xmlNodePtr)b->doc;
    if (document->children == NULL) {
        append_child(document, node);
    } else {
        if (parent == NULL) parent = document->children;
        append_child(parent->type == XML_ELEMENT_NODE ? parent : document, node);
    }
    b->stack[b->depth].name = name;
    b->stack[b->depth].node = node;
    b->depth++;
    return node;
}

static void close_element(builder *b) {
    flush_text(b);
    if (b->depth > 0) b->depth--;
}

static void add_attributes(builder *b, xmlNodePtr element) {
    xmlAttrPtr last = NULL;
    for (size_t k = 0; k < b->attribute_count; k++) {
        const attribute_slot *slot = &b->attributes[k];
        xmlAttrPtr attribute = xmlMalloc(sizeof(xmlAttr));
        if (attribute == NULL) {
            b->failed = b->stopped = 1;
            return;
        }
        memset(attribute, 0, sizeof *attribute);
        attribute->type = XML_ATTRIBUTE_NODE;
        attribute->name = entry(b, slot->name)->name;
        attribute->parent = element;
        attribute->doc = b->doc;
        if (last == NULL) element->properties = attribute;
        else last->next = attribute, attribute->prev = last;
        last = attribute;
        // xmlSAX2AttributeInternal: a value, or for an HTML boolean attribute written bare, its own name.
        const unsigned char *value = (const unsigned char *)"";
        size_t length = 0;
        int valued = 1;
        if (slot->has_value) {
            if (slot->direct != NULL) value = slot->direct;
            else if (slot->length > 0) value = b->values + slot->offset;
            length = slot->length;
        } else if (htmlIsBooleanAttr(attribute->name)) {
            value = attribute->name;
            length = strlen((const char *)attribute->name);
        } else {
            valued = 0;
        }
        if (valued) {
            xmlNodePtr text = new_text(b, value, length);
            if (text == NULL) {
                b->failed = b->stopped = 1;
                return;
            }
            text->parent = (xmlNodePtr)attribute;
            attribute->children = attribute->last = text;
        }
    }
}

// --- libxml2's tree-building rules ------------------------------------------------------------------------------

static int closes_open(const builder *b, int32_t open, int32_t name) {
    int old = entry(b, open)->html4, new = entry(b, name)->html4;
    return old >= 0 && new >= 0 && closes[old][new];
}

// htmlAutoClose: a start tag ends the open elements it closes, innermost first.
static void auto_close(builder *b, int32_t name) {
    while (b->depth > 0 && closes_open(b, top(b), name)) close_element(b);
}

// htmlCheckImplied: <html> before anything; <head> before a head element at the top; <body> before the first
// element of the body.
static void check_implied(builder *b, int32_t name) {
    if (name == b->n_html) return;
    if (b->depth == 0) open_element(b, b->n_html);
    if (name == b->n_body || name == b->n_head) return;
    uint8_t flags = entry(b, name)->flags;
    if (b->depth <= 1 && (flags & NAME_HEADISH)) {
        if (b->html_state >= 3) return;
        open_element(b, b->n_head);
    } else if (!(flags & NAME_FRAMES)) {
        if (b->html_state >= 10) return;
        for (size_t k = 0; k < b->depth; k++)
            if (b->stack[k].name == b->n_body || b->stack[k].name == b->n_head) return;
        open_element(b, b->n_body);
    }
}

// htmlCheckParagraph: text straight inside <html>, <head> or nothing goes into an implied <p>.
static void check_paragraph(builder *b) {
    int32_t open = top(b);
    if (open >= 0 && open != b->n_html && open != b->n_head) return;
    if (open >= 0) auto_close(b, b->n_p);
    check_implied(b, b->n_p);
    open_element(b, b->n_p);
}

// --- Tokens -----------------------------------------------------------------------------------------------------

// htmlParseHTMLName: a tag or attribute name, lowercased, at most 100 characters; -1 when none starts here.
static int32_t html_name(builder *b) {
    int c = at(b, 0);
    if (!is_letter(c) && c != '_' && c != ':' && c != '.') return -1;
    unsigned char name[NAME_MAX_LENGTH];
    size_t length = 0;
    uint32_t hash = FNV_BASIS;
    while (length < NAME_MAX_LENGTH && b->p < b->end) {
        uint8_t lower = name_char[*b->p];
        if (lower == 0) break;
        name[length++] = lower;
        hash = (hash ^ lower) * FNV_PRIME;
        b->p++;
    }
    return name_lookup_hashed(b, name, length, hash);
}

// htmlParseHTMLName_nonInvasive: the name after '<', not consumed (no '.'); what the content loop tests for
// auto-closing before it reads the tag.
static int32_t peek_tag_name(builder *b) {
    unsigned char name[NAME_MAX_LENGTH];
    size_t length = 0;
    const unsigned char *q = b->p + 1;
    while (length < NAME_MAX_LENGTH && q < b->end) {
        int c = *q;
        if (!(is_letter(c) || is_digit(c) || c == ':' || c == '-' || c == '_')) break;
        name[length++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        q++;
    }
    return length > 0 ? name_lookup(b, name, length) : -1;
}

// The end of an XML name at q (htmlParseName's ASCII path: references, PI targets, the DOCTYPE name), or q.
static const unsigned char *xml_name_end(const builder *b, const unsigned char *q) {
    if (q >= b->end || !(is_letter(*q) || *q == '_' || *q == ':')) return q;
    q++;
    while (q < b->end && (is_letter(*q) || is_digit(*q) || *q == '_' || *q == '-' || *q == ':' || *q == '.')) q++;
    return q;
}

// htmlParseCharRef at `&#`: digits up to ';' (consumed when there), 0 for a value that is not a character.
static long char_ref(builder *b) {
    long value = 0;
    if (at(b, 2) == 'x' || at(b, 2) == 'X') {
        b->p += 3;
        while (b->p < b->end && *b->p != ';') {
            int c = *b->p, digit;
            if (is_digit(c)) digit = c - '0';
            else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
            else break;
            if (value < 0x110000) value = value * 16 + digit;
            b->p++;
        }
    } else {
        b->p += 2;
        while (b->p < b->end && *b->p != ';') {
            if (!is_digit(*b->p)) break;
            if (value < 0x110000) value = value * 10 + (*b->p - '0');
            b->p++;
        }
    }
    if (b->p < b->end && *b->p == ';') b->p++;
    return IS_CHAR(value) ? value : 0;  // libxml2's own test of an XML character
}

// htmlParseEntityRef at `&`: the character a known `&name;` stands for (the ';' consumed), or -1 with the name's
// end in *name_end (the name and what follows stay text).
static long entity_ref(builder *b, const unsigned char **name_end) {
    const unsigned char *start = b->p + 1, *end = xml_name_end(b, start);
    *name_end = end;
    // A name running into non-ASCII bytes is read by libxml2's Unicode path; no entity has such a name.
    if (end == start || end >= b->end || *end != ';') return -1;
    char name[40];
    if ((size_t)(end - start) >= sizeof name) return -1;
    memcpy(name, start, (size_t)(end - start));
    name[end - start] = 0;
    const htmlEntityDesc *found = htmlEntityLookup((const xmlChar *)name);
    if (found == NULL) return -1;
    b->p = end + 1;
    return (long)found->value;
}

static int append_value(builder *b, const unsigned char *bytes, size_t length) {
    if (!feedd_grow((void **)&b->values, &b->values_capacity, b->values_length + length, 1, 64)) {
        b->failed = b->stopped = 1;
        return 0;
    }
    memcpy(b->values + b->values_length, bytes, length);
    b->values_length += length;
    return 1;
}

// htmlParseAttValue / htmlParseHTMLAttribute: a quoted or bare value with its references read, into b->values.
// A reference to a non-character writes a NUL there in libxml2, which cuts the value short: *length says where.
static void attribute_value(builder *b, size_t *offset, size_t *length, const unsigned char **direct) {
    int quote = 0;
    if (at(b, 0) == '"' || at(b, 0) == '\'') quote = *b->p++;
    *offset = b->values_length;
    *direct = NULL;
    size_t cut = (size_t)-1;
    while (b->p < b->end && !b->stopped) {
        const unsigned char *run = b->p;
        if (quote) {
            const unsigned char *q = memchr(b->p, quote, (size_t)(b->end - b->p));
            const unsigned char *amp = memchr(b->p, '&', (size_t)((q != NULL ? q : b->end) - b->p));
            b->p = amp != NULL ? amp : q != NULL ? q : b->end;
        } else {
            while (b->p < b->end && *b->p != '>' && *b->p != '&' && !is_blank(*b->p)) b->p++;
        }
        if ((b->p >= b->end || *b->p != '&') && *offset == b->values_length) {
            // The whole value as written: no copy.
            *direct = run;
            *length = (size_t)(b->p - run);
            if (quote && b->p < b->end && *b->p == quote) b->p++;
            return;
        }
        append_value(b, run, (size_t)(b->p - run));
        if (b->p >= b->end || *b->p != '&') break;
        unsigned char encoded[4];
        if (at(b, 1) == '#') {
            long c = char_ref(b);
            if (c == 0 && cut == (size_t)-1) cut = b->values_length;
            append_value(b, encoded, (size_t)xmlCopyCharMultiByte(encoded, (int)c));
        } else {
            const unsigned char *name_end, *amp = b->p;
            long c = entity_ref(b, &name_end);
            if (c >= 0) {
                append_value(b, encoded, (size_t)xmlCopyCharMultiByte(encoded, (int)c));
            } else {
                append_value(b, amp, (size_t)(name_end - amp));
                b->p = name_end;
            }
        }
    }
    if (quote && b->p < b->end && *b->p == quote) b->p++;
    size_t end = cut != (size_t)-1 ? cut : b->values_length;
    *length = end - *offset;
}

// htmlParseStartTag: returns 1 when the tag was dropped (a second <html>, <head> or <body>).
static int start_tag(builder *b) {
    b->p++;
    int32_t name = html_name(b);
    if (name < 0) return 1;
    auto_close(b, name);
    check_implied(b, name);
    int discard = 0;
    if (b->depth > 0 && name == b->n_html) discard = 1, b->discarded++;
    if (b->depth != 1 && name == b->n_head) discard = 1, b->discarded++;
    if (name == b->n_body)
        for (size_t k = 0; k < b->depth; k++)
            if (b->stack[k].name == b->n_body) discard = 1, b->discarded++;
    skip_blanks(b);
    b->attribute_count = 0;
    b->values_length = 0;
    while (b->p < b->end && *b->p != '>' && !(*b->p == '/' && at(b, 1) == '>') && !b->stopped) {
        int32_t attribute = html_name(b);
        if (attribute >= 0) {
            attribute_slot slot = {attribute, 0, 0, 0, NULL};
            skip_blanks(b);
            if (at(b, 0) == '=') {
                b->p++;
                skip_blanks(b);
                attribute_value(b, &slot.offset, &slot.length, &slot.direct);
                slot.has_value = 1;
            }
            int repeated = 0;
            for (size_t k = 0; k < b->attribute_count; k++)
                if (b->attributes[k].name == attribute) repeated = 1;
            if (!repeated) {
                if (!feedd_grow((void **)&b->attributes, &b->attribute_capacity, b->attribute_count + 1,
                                sizeof *b->attributes, 64)) {
                    b->failed = b->stopped = 1;
                    break;
                }
                b->attributes[b->attribute_count++] = slot;
            }
        } else {
            // Not a name: skip to the next blank or the end of the tag.
            while (b->p < b->end && !is_blank(*b->p) && *b->p != '>' && !(*b->p == '/' && at(b, 1) == '>')) b->p++;
        }
        skip_blanks(b);
    }
    if (!discard) {
        xmlNodePtr node = open_element(b, name);
        if (node != NULL) add_attributes(b, node);
    }
    return discard;
}

// htmlParseElementInternal: the start tag, then `/>`, the end of the input, or a void element close it again.
// After a dropped tag these act on the element that is open, as libxml2's do.
static void element(builder *b) {
    start_tag(b);
    if (b->stopped) return;
    if (b->depth == 0) {
        if (at(b, 0) == '>') b->p++;
        return;
    }
    if (at(b, 0) == '/' && at(b, 1) == '>') {
        b->p += 2;
        close_element(b);
        return;
    }
    if (at(b, 0) != '>') {
        close_element(b);
        return;
    }
    b->p++;
    if (entry(b, top(b))->flags & NAME_EMPTY) close_element(b);
}

// htmlParseEndTag: 1 when it closed the element it names.
static int end_tag(builder *b) {
    b->p += 2;
    int32_t name = html_name(b);
    if (name < 0) return 0;
    skip_blanks(b);
    while (b->p < b->end && *b->p != '>') b->p++;
    if (b->p < b->end) b->p++;
    if (b->discarded > 0 && (name == b->n_html || name == b->n_body || name == b->n_head)) {
        b->discarded--;
        return 0;
    }
    // htmlAutoCloseOnClose: close up to the element, unless a more important one (a table cell, a div, the body)
    // lies between; an end tag for nothing open is ignored.
    uint8_t priority = entry(b, name)->priority;
    size_t k = b->depth;
    while (k > 0) {
        int32_t open = b->stack[k - 1].name;
        if (open == name) break;
        if (entry(b, open)->priority > priority) return 0;
        k--;
    }
    if (k == 0) return 0;
    while (top(b) != name) close_element(b);
    close_element(b);
    return 1;
}

// Bytes that are not XML characters (C0 controls but tab, LF and CR; U+FFFE and U+FFFF) are dropped from text and
// script data, as htmlParseCharData and htmlParseScript drop them. Returns where `bytes` stops being clean.
static const unsigned char *clean_run(const unsigned char *p, const unsigned char *end) {
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x20 ? !(c == 0x09 || c == 0x0A || c == 0x0D) : (c == 0xEF && end - p >= 3 && p[1] == 0xBF && p[2] >= 0xBE))
            break;
        p++;
    }
    return p;
}

static size_t bad_length(const unsigned char *p) { return *p == 0xEF ? 3 : 1; }

// Character data from `start` to `stop`, less the bytes that are not characters.
static void data(builder *b, int type, const unsigned char *start, const unsigned char *stop) {
    while (start < stop) {
        const unsigned char *clean = clean_run(start, stop);
        characters(b, type, start, (size_t)(clean - start));
        if (clean >= stop) break;
        start = clean + bad_length(clean);
    }
}

// htmlParseCharData: text up to the next '<' or '&'. Only text that is not blank, or not followed by a tag, opens
// an implied <p> (areBlanks); libxml2 judges in 1000-byte pieces, so a longer blank run opens one too.
static void char_data(builder *b) {
    const unsigned char *start = b->p, *stop = start;
    int checked = 0;
    while (stop < b->end) {
        uint8_t class = text_class[*stop];
        if (class == 0) {
            stop++;
        } else if (class == TEXT_STOP) {
            break;
        } else {
            checked = 1;
            stop++;
        }
    }
    b->p = stop;
    int32_t open = top(b);
    if (open < 0 || open == b->n_html || open == b->n_head) {
        // Only the kept bytes count: a run of nothing but dropped bytes reaches no test at all.
        size_t kept = 0;
        int blank = 1;
        for (const unsigned char *q = start; q < stop;) {
            const unsigned char *clean = clean_run(q, stop);
            for (; q < clean; q++, kept++)
                if (!is_blank(*q)) blank = 0;
            if (q < stop) q += bad_length(q);
        }
        int before_tag = stop >= b->end || *stop == '<';
        if (kept > 0 && (!blank || !before_tag || kept >= BLANK_RUN_MAX)) check_paragraph(b);
    }
    if (checked) data(b, XML_TEXT_NODE, start, stop);
    else characters(b, XML_TEXT_NODE, start, (size_t)(stop - start));
}

// htmlParseReference: a reference in text.
static void reference(builder *b) {
    unsigned char encoded[4];
    if (at(b, 1) == '#') {
        long c = char_ref(b);
        if (c == 0) return;
        check_paragraph(b);
        characters(b, XML_TEXT_NODE, encoded, (size_t)xmlCopyCharMultiByte(encoded, (int)c));
        return;
    }
    const unsigned char *name_end, *amp = b->p;
    long c = entity_ref(b, &name_end);
    check_paragraph(b);
    if (c > 0) {
        characters(b, XML_TEXT_NODE, encoded, (size_t)xmlCopyCharMultiByte(encoded, (int)c));
    } else {
        characters(b, XML_TEXT_NODE, amp, (size_t)(name_end - amp));
        b->p = name_end;
    }
}

// htmlParseScript: the data of a script or style element, up to `</` and its name.
static void script_data(builder *b) {
    int32_t open = top(b);
    const unsigned char *start = b->p, *q = b->p;
    if (open < 0) {
        b->p = b->end;
        return;
    }
    const name_entry *e = entry(b, open);
    for (;;) {
        q = memchr(q, '<', (size_t)(b->end - q));
        if (q == NULL) {
            q = b->end;
            break;
        }
        if (q + 1 < b->end && q[1] == '/' && (size_t)(b->end - q - 2) >= e->length
            && strncasecmp((const char *)q + 2, (const char *)e->name, e->length) == 0)
            break;
        q++;
    }
    b->p = q;
    data(b, XML_CDATA_SECTION_NODE, start, q);
}

static int starts_with_ci(const builder *b, const char *word) {
    for (size_t k = 0; word[k]; k++) {
        int c = at(b, k);
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != word[k]) return 0;
    }
    return 1;
}

// htmlParseSystemLiteral / htmlParsePubidLiteral: a quoted string; NULL when it is not there or not closed.
static xmlChar *literal(builder *b) {
    int quote = at(b, 0);
    if (quote != '"' && quote != '\'') return NULL;
    const unsigned char *start = ++b->p;
    while (b->p < b->end && *b->p != quote) b->p++;
    if (b->p >= b->end) return NULL;
    return xmlStrndup(start, (int)(b->p++ - start));
}

// htmlParseDocTypeDecl: the document type becomes the document's DTD node, first among its children (only the
// first one counts, as in xmlSAX2InternalSubset for HTML).
static void doctype(builder *b) {
    b->p += 9;
    skip_blanks(b);
    const unsigned char *name_start = b->p, *name_end = xml_name_end(b, b->p);
    xmlChar *name = name_end > name_start ? xmlStrndup(name_start, (int)(name_end - name_start)) : NULL;
    b->p = name_end;
    skip_blanks(b);
    xmlChar *external = NULL, *system = NULL;
    if (starts_with_ci(b, "system")) {
        b->p += 6;
        skip_blanks(b);
        system = literal(b);
    } else if (starts_with_ci(b, "public")) {
        b->p += 6;
        skip_blanks(b);
        external = literal(b);
        skip_blanks(b);
        if (at(b, 0) == '"' || at(b, 0) == '\'') system = literal(b);
    }
    skip_blanks(b);
    while (b->p < b->end && *b->p != '>') b->p++;
    if (b->p < b->end) b->p++;
    if (xmlGetIntSubset(b->doc) == NULL) flush_text(b), xmlCreateIntSubset(b->doc, name, external, system);
    xmlFree(name);
    xmlFree(external);
    xmlFree(system);
}

// htmlParsePI: `<?target data>` becomes a processing-instruction node where the parse is.
static void processing_instruction(builder *b) {
    b->p += 2;
    const unsigned char *target_start = b->p, *target_end = xml_name_end(b, b->p);
    if (target_end == target_start) return;
    b->p = target_end;
    xmlChar *target = xmlStrndup(target_start, (int)(target_end - target_start));
    xmlChar *content = NULL;
    int complete = 1;
    if (at(b, 0) == '>') {
        b->p++;
    } else {
        skip_blanks(b);
        const unsigned char *start = b->p;
        while (b->p < b->end && *b->p != '>') b->p++;
        complete = b->p < b->end;
        if (complete) {
            // Without the bytes that are not characters.
            content = xmlMalloc((size_t)(b->p - start) + 1);
            if (content != NULL) {
                size_t length = 0;
                for (const unsigned char *q = start; q < b->p;) {
                    const unsigned char *clean = clean_run(q, b->p);
                    memcpy(content + length, q, (size_t)(clean - q));
                    length += (size_t)(clean - q);
                    q = clean < b->p ? clean + bad_length(clean) : clean;
                }
                content[length] = 0;
            }
            b->p++;
        }
    }
    if (complete && !b->stopped) {
        xmlNodePtr node = xmlNewDocPI(b->doc, target, content);
        if (node != NULL) {
            flush_text(b);
            xmlNodePtr parent = top_node(b);
            append_child(parent != NULL ? parent : (xmlNodePtr)b->doc, node);
        }
    }
    xmlFree(target);
    xmlFree(content);
}

// htmlParseComment: `<!--` up to `-->` (or `--!>`) becomes a comment node where the parse is; one that never ends
// takes the rest of the page with it. The lean copy has dropped comments, but not those inside a start tag whose
// quotes never close (the lean pass copies such a tag whole).
static void comment(builder *b) {
    const unsigned char *start = b->p + 4, *q = start;
    for (;; q++) {
        if (q + 2 >= b->end) {
            b->p = b->end;
            return;
        }
        if (q[0] == '-' && q[1] == '-' && (q[2] == '>' || (q[2] == '!' && q + 3 < b->end && q[3] == '>'))) break;
    }
    b->p = q + (q[2] == '>' ? 3 : 4);
    if (b->stopped) return;
    xmlChar *text = xmlMalloc((size_t)(q - start) + 1);
    if (text == NULL) {
        b->failed = b->stopped = 1;
        return;
    }
    size_t length = 0;
    for (const unsigned char *r = start; r < q;) {
        const unsigned char *clean = clean_run(r, q);
        memcpy(text + length, r, (size_t)(clean - r));
        length += (size_t)(clean - r);
        r = clean < q ? clean + bad_length(clean) : clean;
    }
    text[length] = 0;
    xmlNodePtr node = xmlNewDocComment(b->doc, text);
    xmlFree(text);
    if (node == NULL) {
        b->failed = b->stopped = 1;
        return;
    }
    flush_text(b);
    xmlNodePtr parent = top_node(b);
    append_child(parent != NULL ? parent : (xmlNodePtr)b->doc, node);
}

static int at_comment(const builder *b) { return at(b, 0) == '<' && at(b, 1) == '!' && at(b, 2) == '-' && at(b, 3) == '-'; }

// htmlParseContentInternal: the loop over the page.
static void content(builder *b) {
    int32_t current = top(b);
    size_t current_depth = b->depth;
    while (!b->stopped) {
        int c0 = at(b, 0), c1 = at(b, 1);
        if (c0 == '<' && c1 == '/') {
            if (end_tag(b) && (current >= 0 || b->depth == 0)) {
                current = top(b);
                current_depth = b->depth;
            }
            continue;
        }
        if (c0 == '<' && (is_letter(c1) || c1 == '_' || c1 == ':')) {
            int32_t name = peek_tag_name(b);
            if (b->stopped) break;
            if (name >= 0 && b->depth > 0 && closes_open(b, top(b), name)) {
                auto_close(b, name);
                continue;
            }
        }
        if (b->depth > 0 && current_depth >= b->depth && current != top(b)) {
            current = top(b);
            current_depth = b->depth;
            continue;
        }
        if (b->p < b->end && current >= 0 && (entry(b, current)->flags & NAME_RAW)) {
            script_data(b);
            continue;
        }
        if (c0 == '<' && c1 == '!' && starts_with_ci(b, "<!doctype")) {
            // A DOCTYPE in the middle of the page; what follows it is read in the same step, so an end tag right
            // after it is taken for text (the '<' case below), as libxml2 does.
            doctype(b);
            c0 = at(b, 0);
            c1 = at(b, 1);
        }
        if (at_comment(b)) {
            comment(b);
        } else if (c0 == '<' && c1 == '?') {
            processing_instruction(b);
        } else if (c0 == '<' && is_letter(c1)) {
            element(b);
            current = top(b);
            current_depth = b->depth;
        } else if (c0 == '<') {
            b->p++;
            characters(b, XML_TEXT_NODE, (const unsigned char *)"<", 1);
        } else if (c0 == '&') {
            reference(b);
        } else if (b->p >= b->end) {
            break;
        } else {
            char_data(b);
        }
    }
    flush_text(b);
}

static void builder_free(builder *b) {
    free(b->names.entries);
    free(b->names.slots);
    free(b->stack);
    free(b->text);
    free(b->attributes);
    free(b->values);
    free(b->area);
    free(b->pending);
}

htmlDocPtr feedd_html_build(const char *bytes, size_t length) {
    pthread_once(&tables_once, tables_init);
    builder b;
    memset(&b, 0, sizeof b);
    b.p = b.start = (const unsigned char *)bytes;
    // libxml2 reads to the first NUL.
    const unsigned char *nul = length > 0 ? memchr(bytes, 0, length) : NULL;
    b.end = nul != NULL ? nul : b.p + length;
    b.doc = htmlNewDocNoDtD(NULL, NULL);
    b.names_dict = xmlDictCreate();
    b.dict = b.names_dict != NULL ? xmlDictCreateSub(b.names_dict) : NULL;
    if (b.names_dict != NULL) xmlDictFree(b.names_dict);  // the document's dictionary holds it from now on
    b.names.mask = 255;
    b.names.slots = calloc(b.names.mask + 1, sizeof *b.names.slots);
    if (b.doc == NULL || b.dict == NULL || b.names.slots == NULL) {
        if (b.doc != NULL) xmlFreeDoc(b.doc);
        if (b.dict != NULL) xmlDictFree(b.dict);
        builder_free(&b);
        return NULL;
    }
    // As xmlSAX2StartDocument leaves an HTML document: the parser's dictionary, the HTML flag, the encoding.
    b.doc->dict = b.dict;
    b.doc->properties = XML_DOC_HTML;
    b.doc->parseFlags = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    b.doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    b.n_html = name_lookup(&b, (const unsigned char *)"html", 4);
    b.n_head = name_lookup(&b, (const unsigned char *)"head", 4);
    b.n_body = name_lookup(&b, (const unsigned char *)"body", 4);
    b.n_p = name_lookup(&b, (const unsigned char *)"p", 1);
    // htmlParseDocument: a UTF-8 byte-order mark, blanks, comments and PIs, a DOCTYPE, more of them, the content.
    if (b.end - b.p >= 3 && b.p[0] == 0xEF && b.p[1] == 0xBB && b.p[2] == 0xBF) b.p += 3;
    skip_blanks(&b);
    while (!b.stopped && (at_comment(&b) || (at(&b, 0) == '<' && at(&b, 1) == '?'))) {
        if (at_comment(&b)) comment(&b);
        if (at(&b, 0) == '<' && at(&b, 1) == '?') processing_instruction(&b);
        skip_blanks(&b);
    }
    if (starts_with_ci(&b, "<!doctype")) doctype(&b);
    skip_blanks(&b);
    while (!b.stopped && (at_comment(&b) || (at(&b, 0) == '<' && at(&b, 1) == '?'))) {
        if (at_comment(&b)) comment(&b);
        if (at(&b, 0) == '<' && at(&b, 1) == '?') processing_instruction(&b);
        skip_blanks(&b);
    }
    if (!b.stopped) content(&b);
    flush_text(&b);
    if (!b.failed && xmlGetIntSubset(b.doc) == NULL)
        b.doc->intSubset = xmlCreateIntSubset(b.doc, (const xmlChar *)"html",
                                              (const xmlChar *)"-//W3C//DTD HTML 4.0 Transitional//EN",
                                              (const xmlChar *)"http://www.w3.org/TR/REC-html40/loose.dtd");
    settle_strings(&b);
    htmlDocPtr doc = b.doc;
    int failed = b.failed;
    builder_free(&b);
    if (failed) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}
