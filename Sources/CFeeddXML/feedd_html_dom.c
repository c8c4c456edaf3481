// libxml2's HTML parser behind opaque handles. Every function here is a thin cast over the
// libxml2 call it names; ownership follows libxml2: the document owns attached nodes,
// unlinked nodes belong to the caller.
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include "feedd_xml_common.h"
#include "feedd_html_dom.h"

#define DOC(d) ((htmlDocPtr)(d))
#define NODE(n) ((xmlNodePtr)(n))

static void feedd_html_silent(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

CFeeddXML_html_doc *CFeeddXML_html_parse(const char *bytes, size_t length, const char *encoding) {
    CFeeddXML_init();
    if (length > (size_t)0x7fffffff) return NULL;
    // RECOVER: real pages are broken; NONET: never fetch; the error flags keep stderr clean.
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    // Conversion errors are reported through the generic handler whatever the options say: silence it for
    // this thread while parsing, then put back what was there.
    xmlGenericErrorFunc saved = xmlGenericError;
    void *savedContext = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, feedd_html_silent);
    htmlDocPtr doc = htmlReadMemory(length == 0 ? "" : bytes, (int)length, NULL, encoding, options);
    xmlSetGenericErrorFunc(savedContext, saved);
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

CFeeddXML_html_doc *CFeeddXML_html_parse_lean(const char *bytes, size_t length, const char *encoding) {
    if (encoding != NULL && strncmp(encoding, "UTF-16", 6) == 0) return CFeeddXML_html_parse(bytes, length, encoding);
    char *lean = malloc(length + 1);
    if (lean == NULL) return CFeeddXML_html_parse(bytes, length, encoding);
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
    CFeeddXML_html_doc *doc = CFeeddXML_html_parse(lean, out, encoding);
    free(lean);
    return doc;
}

void CFeeddXML_html_free_doc(CFeeddXML_html_doc *doc) {
    if (doc != NULL) xmlFreeDoc(DOC(doc));
}

CFeeddXML_html_node *CFeeddXML_html_root(CFeeddXML_html_doc *doc) {
    return (CFeeddXML_html_node *)xmlDocGetRootElement(DOC(doc));
}

int CFeeddXML_html_node_type(const CFeeddXML_html_node *node) { return (int)NODE(node)->type; }

const char *CFeeddXML_html_node_name(const CFeeddXML_html_node *node) {
    return NODE(node)->name != NULL ? (const char *)NODE(node)->name : "";
}

const char *CFeeddXML_html_node_text(const CFeeddXML_html_node *node) {
    xmlNodePtr n = NODE(node);
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE || n->type == XML_COMMENT_NODE)
        return n->content != NULL ? (const char *)n->content : "";
    return NULL;
}

CFeeddXML_html_node *CFeeddXML_html_first_child(const CFeeddXML_html_node *node) {
    xmlNodePtr n = NODE(node);
    // Attributes and entity references keep their own children; only element trees are walked.
    if (n->type != XML_ELEMENT_NODE) return NULL;
    return (CFeeddXML_html_node *)n->children;
}

CFeeddXML_html_node *CFeeddXML_html_next_sibling(const CFeeddXML_html_node *node) {
    return (CFeeddXML_html_node *)NODE(node)->next;
}

CFeeddXML_html_node *CFeeddXML_html_parent(const CFeeddXML_html_node *node) {
    xmlNodePtr parent = NODE(node)->parent;
    if (parent == NULL || parent->type != XML_ELEMENT_NODE) return NULL;
    return (CFeeddXML_html_node *)parent;
}

// The value of an attribute as the HTML parser builds it: one text child, or none for `<x attr>`.
static const char *attr_text(xmlAttrPtr attr) {
    xmlNodePtr child = attr->children;
    if (child == NULL) return "";
    if (child->type == XML_TEXT_NODE && child->next == NULL && child->content != NULL)
        return (const char *)child->content;
    return "";
}

const char *CFeeddXML_html_attr_value(const CFeeddXML_html_node *node, const char *name) {
    xmlNodePtr n = NODE(node);
    if (n->type != XML_ELEMENT_NODE) return NULL;
    // The first byte is tested inline: most names differ there, and extraction asks for several names of every element.
    for (xmlAttrPtr attr = n->properties; attr != NULL; attr = attr->next) {
        if (attr->name != NULL && attr->name[0] == (xmlChar)name[0] && strcmp((const char *)attr->name, name) == 0)
            return attr_text(attr);
    }
    return NULL;
}

CFeeddXML_html_attr *CFeeddXML_html_first_attr(const CFeeddXML_html_node *node) {
    xmlNodePtr n = NODE(node);
    if (n->type != XML_ELEMENT_NODE) return NULL;
    return (CFeeddXML_html_attr *)n->properties;
}

CFeeddXML_html_attr *CFeeddXML_html_next_attr(const CFeeddXML_html_attr *attr) {
    return (CFeeddXML_html_attr *)((xmlAttrPtr)attr)->next;
}

const char *CFeeddXML_html_attr_name(const CFeeddXML_html_attr *attr) {
    const xmlChar *name = ((xmlAttrPtr)attr)->name;
    return name != NULL ? (const char *)name : "";
}

const char *CFeeddXML_html_attr_value_of(const CFeeddXML_html_attr *attr) { return attr_text((xmlAttrPtr)attr); }

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
