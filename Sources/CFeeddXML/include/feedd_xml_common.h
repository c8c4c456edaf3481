#ifndef FEEDD_XML_COMMON_H
#define FEEDD_XML_COMMON_H

/// Initializes libxml2 once per process (xmlInitParser under pthread_once); safe from any thread.
void CFeeddXML_init(void);

#endif
