// CRC-32C with the SSE4.2 crc32 instruction: the journal checks every record it reads, and the
// software table walk was most of the time spent replaying a store. Compiled for SSE4.2 per function
// (target attribute), selected at run time, so the binary still runs on CPUs without it.
#include <string.h>
#include "CFeeddCRC.h"

#if defined(__x86_64__)
#include <nmmintrin.h>

int feedd_crc32c_hardware_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2");
}

__attribute__((target("sse4.2")))
uint32_t feedd_crc32c_hardware(uint32_t crc, const void *bytes, size_t length) {
    const unsigned char *p = bytes;
    uint64_t c = crc;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);  // unaligned load
        c = _mm_crc32_u64(c, word);
        p += 8;
        length -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (length > 0) {
        c32 = _mm_crc32_u8(c32, *p);
        p += 1;
        length -= 1;
    }
    return c32;
}
#else
int feedd_crc32c_hardware_available(void) { return 0; }

uint32_t feedd_crc32c_hardware(uint32_t crc, const void *bytes, size_t length) {
    (void)bytes;
    (void)length;
    return crc;
}
#endif
