// libxml2's HTML parser behind opaque handles. Every function here is a thin cast over the
// libxml2 call it names; ownership follows libxml2: the document owns attached nodes,
// unlinked nodes belong to the caller.
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include "feedd_xml_common.h"
#include "feedd_html_dom.h"

#define DOC(d) ((htmlDocPtr)(d))
#define NODE(n) ((xmlNodePtr)(n))

CFeeddXML_html_doc *CFeeddXML_html_parse(const char *bytes, size_t length, const char *encoding) {
    CFeeddXML_init();
    if (length > (size_t)0x7fffffff) return NULL;
    // RECOVER: real pages are broken; NONET: never fetch; the error flags keep stderr clean.
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
    htmlDocPtr doc = htmlReadMemory(length == 0 ? "" : bytes, (int)length, NULL, encoding, options);
    return (CFeeddXML_html_doc *)doc;
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
    for (xmlAttrPtr attr = n->properties; attr != NULL; attr = attr->next) {
        if (attr->name != NULL && strcmp((const char *)attr->name, name) == 0) return attr_text(attr);
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

char *CFeeddXML_html_serialize(CFeeddXML_html_doc *doc, CFeeddXML_html_node *node, size_t *length) {
    *length = 0;
    // No encoder: the tree is UTF-8 already and the buffer keeps it as it is.
    xmlOutputBufferPtr out = xmlAllocOutputBuffer(NULL);
    if (out == NULL) return NULL;
    htmlNodeDumpFormatOutput(out, DOC(doc), NODE(node), "UTF-8", 0);
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
