#ifndef FEEDD_XML_FEED_H
#define FEEDD_XML_FEED_H
// Streaming (SAX) XML parsing for feeds. See feedd_xml_feed.c.
#endif
