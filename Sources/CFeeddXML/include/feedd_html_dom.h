#ifndef FEEDD_HTML_DOM_H
#define FEEDD_HTML_DOM_H
// The HTML DOM for article extraction, over libxml2's HTML parser (htmlReadMemory). Handles are
// opaque so that no libxml2 (and so no ICU) type reaches Swift. See feedd_html_dom.c.

#include <stddef.h>
#include <stdint.h>

/// A parsed document (an htmlDocPtr). Freed with CFeeddXML_html_free_doc, exactly once.
typedef struct CFeeddXML_html_doc CFeeddXML_html_doc;
/// A node inside a document (an xmlNodePtr). Owned by its document unless detached.
typedef struct CFeeddXML_html_node CFeeddXML_html_node;
/// One attribute of an element (an xmlAttrPtr). Owned by its element.
typedef struct CFeeddXML_html_attr CFeeddXML_html_attr;

/// Node kinds, numerically equal to libxml2's xmlElementType values.
enum {
    CFeeddXML_NODE_ELEMENT = 1,
    CFeeddXML_NODE_TEXT = 3,
    CFeeddXML_NODE_CDATA = 4,
    CFeeddXML_NODE_COMMENT = 8,
};

/// Parses `length` bytes as HTML in the given encoding (an iconv name such as "UTF-8" or
/// "windows-1252"; NULL lets libxml2 guess). Recovers from errors, never touches the network,
/// prints nothing. Returns NULL only when libxml2 produced no document at all (or the encoding is unknown).
CFeeddXML_html_doc *CFeeddXML_html_parse(const char *bytes, size_t length, const char *encoding);
/// Like CFeeddXML_html_parse, but first drops what extraction never reads, so that libxml2 does not have to
/// scan it: the contents of <script> (except JSON-LD and other JSON data blocks), <style> and <svg>, and comments.
/// Only for ASCII-compatible encodings (not UTF-16). UTF-8 (what HTMLDocument hands over) is built into a tree by
/// feedd's own tokenizer and tree builder (feedd_html_build.c), which makes libxml2's tree at a fraction of its
/// parser's cost; other encodings go through htmlReadMemory.
CFeeddXML_html_doc *CFeeddXML_html_parse_lean(const char *bytes, size_t length, const char *encoding);
/// CFeeddXML_html_parse_lean with libxml2's parser for every encoding: the reference the builder is held to.
CFeeddXML_html_doc *CFeeddXML_html_parse_lean_libxml2(const char *bytes, size_t length, const char *encoding);
/// Frees the document and every node still attached to it (xmlFreeDoc).
void CFeeddXML_html_free_doc(CFeeddXML_html_doc *doc);

/// The root element (usually <html>), or NULL for an empty document.
CFeeddXML_html_node *CFeeddXML_html_root(CFeeddXML_html_doc *doc);

// The accessors every tree walk calls, for every node, are inline: a call into the C target per step cost more
// than the step. They read libxml2's public node structs through the layouts below, which copy the leading fields
// of xmlNode and xmlAttr (libxml2's stable ABI); feedd_html_dom.c checks every offset against libxml2's own
// headers at compile time, so a mismatch does not build.
struct CFeeddXML_node_layout {
    void *private_;
    int type;
    const char *name;
    struct CFeeddXML_node_layout *children;
    struct CFeeddXML_node_layout *last;
    struct CFeeddXML_node_layout *parent;
    struct CFeeddXML_node_layout *next;
    struct CFeeddXML_node_layout *prev;
    void *doc;
    void *ns;
    char *content;
    struct CFeeddXML_attr_layout *properties;
};
struct CFeeddXML_attr_layout {
    void *private_;
    int type;
    const char *name;
    struct CFeeddXML_node_layout *children;
    struct CFeeddXML_node_layout *last;
    struct CFeeddXML_node_layout *parent;
    struct CFeeddXML_attr_layout *next;
};
#define CFeeddXML_NODE(n) ((const struct CFeeddXML_node_layout *)(const void *)(n))

/// The node's kind (see the CFeeddXML_NODE_ constants; other libxml2 kinds pass through).
static inline int CFeeddXML_html_node_type(const CFeeddXML_html_node *node) { return CFeeddXML_NODE(node)->type; }
/// The element name, lowercase as the HTML parser stores it; borrowed, valid while the node lives.
static inline const char *CFeeddXML_html_node_name(const CFeeddXML_html_node *node) {
    return CFeeddXML_NODE(node)->name != NULL ? CFeeddXML_NODE(node)->name : "";
}
/// The number CFeeddXML_html_node_tag gives an element named `name` (lowercase).
int CFeeddXML_html_tag_lookup(const char *name);
/// CFeeddXML_html_node_tag for a node not asked before: looks the name up and keeps the answer in the node.
int CFeeddXML_html_node_tag_first(const CFeeddXML_html_node *node);
/// The element's name as a small number: its place (from 1) in the sorted table of names extraction tests
/// (feedd_html_tags.c); 0 for other names and for non-elements. Kept in the node's application field (which
/// libxml2 leaves to its user; feedd stores nothing else there) after the first call, offset by one.
static inline int CFeeddXML_html_node_tag(const CFeeddXML_html_node *node) {
    const struct CFeeddXML_node_layout *n = CFeeddXML_NODE(node);
    if (n->type != CFeeddXML_NODE_ELEMENT || n->name == NULL) return 0;
    if (n->private_ != NULL) return (int)((intptr_t)n->private_ - 1);
    return CFeeddXML_html_node_tag_first(node);
}
/// The text of a text, CDATA or comment node; borrowed. NULL for elements.
static inline const char *CFeeddXML_html_node_text(const CFeeddXML_html_node *node) {
    const struct CFeeddXML_node_layout *n = CFeeddXML_NODE(node);
    if (n->type == CFeeddXML_NODE_TEXT || n->type == CFeeddXML_NODE_CDATA || n->type == CFeeddXML_NODE_COMMENT)
        return n->content != NULL ? n->content : "";
    return NULL;
}

/// A word the caller keeps in a text or CDATA node (its application field, unused otherwise): extraction stores
/// the node's measured text there, since text nodes never change. 0 until set.
static inline uintptr_t CFeeddXML_html_text_memo(const CFeeddXML_html_node *node) {
    return (uintptr_t)CFeeddXML_NODE(node)->private_;
}
static inline void CFeeddXML_html_set_text_memo(CFeeddXML_html_node *node, uintptr_t memo) {
    ((struct CFeeddXML_node_layout *)(void *)node)->private_ = (void *)memo;
}

/// The first child of an element; NULL for other nodes (attributes and entity references keep their own
/// children; only element trees are walked).
static inline CFeeddXML_html_node *CFeeddXML_html_first_child(const CFeeddXML_html_node *node) {
    const struct CFeeddXML_node_layout *n = CFeeddXML_NODE(node);
    return n->type == CFeeddXML_NODE_ELEMENT ? (CFeeddXML_html_node *)(void *)n->children : NULL;
}
static inline CFeeddXML_html_node *CFeeddXML_html_next_sibling(const CFeeddXML_html_node *node) {
    return (CFeeddXML_html_node *)(void *)CFeeddXML_NODE(node)->next;
}
/// The parent element, or NULL at the root (the document node is never returned).
static inline CFeeddXML_html_node *CFeeddXML_html_parent(const CFeeddXML_html_node *node) {
    const struct CFeeddXML_node_layout *parent = CFeeddXML_NODE(node)->parent;
    if (parent == NULL || parent->type != CFeeddXML_NODE_ELEMENT) return NULL;
    return (CFeeddXML_html_node *)(void *)parent;
}

/// The value of an attribute as the HTML parser builds it: one text child, or none for `<x attr>`.
static inline const char *CFeeddXML_attr_text(const struct CFeeddXML_attr_layout *attr) {
    const struct CFeeddXML_node_layout *child = attr->children;
    if (child == NULL) return "";
    if (child->type == CFeeddXML_NODE_TEXT && child->next == NULL && child->content != NULL) return child->content;
    return "";
}

/// The attribute's value, borrowed; NULL when the element has no such attribute
/// (an attribute written without a value gives "", except that libxml2 fills in HTML boolean attributes
/// such as `disabled` with their own name). `name` must be lowercase.
static inline const char *CFeeddXML_html_attr_value(const CFeeddXML_html_node *node, const char *name) {
    const struct CFeeddXML_node_layout *n = CFeeddXML_NODE(node);
    if (n->type != CFeeddXML_NODE_ELEMENT) return NULL;
    // Compared inline, byte by byte: most names differ at the first byte, and extraction asks for several
    // names of every element.
    for (const struct CFeeddXML_attr_layout *attr = n->properties; attr != NULL; attr = attr->next) {
        const char *a = attr->name, *b = name;
        if (a == NULL) continue;
        while (*a != 0 && *a == *b) {
            a++;
            b++;
        }
        if (*a == *b) return CFeeddXML_attr_text(attr);
    }
    return NULL;
}
static inline CFeeddXML_html_attr *CFeeddXML_html_first_attr(const CFeeddXML_html_node *node) {
    const struct CFeeddXML_node_layout *n = CFeeddXML_NODE(node);
    return n->type == CFeeddXML_NODE_ELEMENT ? (CFeeddXML_html_attr *)(void *)n->properties : NULL;
}
static inline CFeeddXML_html_attr *CFeeddXML_html_next_attr(const CFeeddXML_html_attr *attr) {
    return (CFeeddXML_html_attr *)(void *)((const struct CFeeddXML_attr_layout *)(const void *)attr)->next;
}
static inline const char *CFeeddXML_html_attr_name(const CFeeddXML_html_attr *attr) {
    const char *name = ((const struct CFeeddXML_attr_layout *)(const void *)attr)->name;
    return name != NULL ? name : "";
}
/// Borrowed; "" for an attribute without a value.
static inline const char *CFeeddXML_html_attr_value_of(const CFeeddXML_html_attr *attr) {
    return CFeeddXML_attr_text((const struct CFeeddXML_attr_layout *)(const void *)attr);
}

/// All text below the node, concatenated (xmlNodeGetContent). Caller frees with CFeeddXML_html_free_string.
char *CFeeddXML_html_text_content(const CFeeddXML_html_node *node);
/// The node (or, when `children` is nonzero, its children one after the other) serialized as HTML in UTF-8,
/// its length stored in *length. Caller frees with CFeeddXML_html_free_string. NULL on allocation failure.
char *CFeeddXML_html_serialize(CFeeddXML_html_doc *doc, CFeeddXML_html_node *node, int children, size_t *length);
void CFeeddXML_html_free_string(char *text);

/// Takes the node (and its subtree) out of the tree (xmlUnlinkNode). The node stays allocated
/// and must later be freed with CFeeddXML_html_free_node.
void CFeeddXML_html_unlink(CFeeddXML_html_node *node);
/// Frees a node that was unlinked (xmlFreeNode), with its subtree.
void CFeeddXML_html_free_node(CFeeddXML_html_node *node);

#endif
