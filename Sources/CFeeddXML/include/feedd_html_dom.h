#ifndef FEEDD_HTML_DOM_H
#define FEEDD_HTML_DOM_H
// The HTML DOM for article extraction, over libxml2's HTML parser (htmlReadMemory). Handles are
// opaque so that no libxml2 (and so no ICU) type reaches Swift. See feedd_html_dom.c.

#include <stddef.h>

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
/// Only for ASCII-compatible encodings (not UTF-16).
CFeeddXML_html_doc *CFeeddXML_html_parse_lean(const char *bytes, size_t length, const char *encoding);
/// Frees the document and every node still attached to it (xmlFreeDoc).
void CFeeddXML_html_free_doc(CFeeddXML_html_doc *doc);

/// The root element (usually <html>), or NULL for an empty document.
CFeeddXML_html_node *CFeeddXML_html_root(CFeeddXML_html_doc *doc);

/// The node's kind (see the CFeeddXML_NODE_ constants; other libxml2 kinds pass through).
int CFeeddXML_html_node_type(const CFeeddXML_html_node *node);
/// The element name, lowercase as the HTML parser stores it; borrowed, valid while the node lives.
const char *CFeeddXML_html_node_name(const CFeeddXML_html_node *node);
/// The element's name as a small number: its place (from 1) in the sorted table of names extraction tests
/// (feedd_html_tags.c); 0 for other names and for non-elements. Kept in the node after the first call.
int CFeeddXML_html_node_tag(const CFeeddXML_html_node *node);
/// The number CFeeddXML_html_node_tag gives an element named `name` (lowercase).
int CFeeddXML_html_tag_lookup(const char *name);
/// The text of a text, CDATA or comment node; borrowed. NULL for elements.
const char *CFeeddXML_html_node_text(const CFeeddXML_html_node *node);

CFeeddXML_html_node *CFeeddXML_html_first_child(const CFeeddXML_html_node *node);
CFeeddXML_html_node *CFeeddXML_html_next_sibling(const CFeeddXML_html_node *node);
/// The parent element, or NULL at the root (the document node is never returned).
CFeeddXML_html_node *CFeeddXML_html_parent(const CFeeddXML_html_node *node);

/// The attribute's value, borrowed; NULL when the element has no such attribute
/// (an attribute written without a value gives "", except that libxml2 fills in HTML boolean attributes
/// such as `disabled` with their own name). `name` must be lowercase.
const char *CFeeddXML_html_attr_value(const CFeeddXML_html_node *node, const char *name);
CFeeddXML_html_attr *CFeeddXML_html_first_attr(const CFeeddXML_html_node *node);
CFeeddXML_html_attr *CFeeddXML_html_next_attr(const CFeeddXML_html_attr *attr);
const char *CFeeddXML_html_attr_name(const CFeeddXML_html_attr *attr);
/// Borrowed; "" for an attribute without a value.
const char *CFeeddXML_html_attr_value_of(const CFeeddXML_html_attr *attr);

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
