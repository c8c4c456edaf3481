#include <pthread.h>
#include <libxml/parser.h>
#include "feedd_xml_common.h"

static pthread_once_t feedd_xml_once = PTHREAD_ONCE_INIT;

static void feedd_xml_init_once(void) { xmlInitParser(); }

void CFeeddXML_init(void) { pthread_once(&feedd_xml_once, feedd_xml_init_once); }
