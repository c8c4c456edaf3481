#ifndef CFEEDD_CRC_H
#define CFEEDD_CRC_H

#include <stddef.h>
#include <stdint.h>

/// Nonzero when this CPU has a CRC-32C instruction feedd can use (x86-64 SSE4.2).
int feedd_crc32c_hardware_available(void);

/// Continues a CRC-32C over `length` bytes with the CPU's instruction. `crc` is the running register
/// value (already inverted by the caller). Call only when feedd_crc32c_hardware_available() says so.
uint32_t feedd_crc32c_hardware(uint32_t crc, const void *bytes, size_t length);

#endif
