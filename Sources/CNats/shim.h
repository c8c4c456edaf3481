// The NATS C client (Debian's libnats-dev): JetStream publishing and key-value buckets for FeeddOutput.
// No wrappers are needed yet: nats.h has no variadic functions or macros that Swift must call.
#ifndef CNATS_SHIM_H
#define CNATS_SHIM_H

#include <nats/nats.h>

#endif
