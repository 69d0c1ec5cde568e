#ifndef DEDUP_CXXHASH_SHIM_H
#define DEDUP_CXXHASH_SHIM_H
// Inline libxxhash's implementation so that short shingle hashes are not calls into the shared library.
// XXH_INLINE_ALL renames the API with macros, which Swift cannot see, so Swift calls these wrappers.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stddef.h>
#include <stdint.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

static inline XXH64_hash_t dedup_xxh3_64_seeded(const void *bytes, size_t length, XXH64_hash_t seed) {
    return XXH3_64bits_withSeed(bytes, length, seed);
}

// A hint that `address` will be read soon: the LSH query issues one per band before probing, so that the bands'
// cache misses overlap. No effect on results.
static inline void dedup_prefetch(const void *address) {
    __builtin_prefetch(address);
}

// Asks Linux to back `length` bytes at `address` with transparent huge pages (where the system allows it on
// request), before they are first touched. The LSH index's large bucket tables are read at random, and with 4 KB
// pages nearly every lookup would also miss the TLB. Elsewhere, or when refused, nothing changes.
static inline void dedup_advise_huge_pages(void *address, size_t length) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    uintptr_t start = ((uintptr_t)address + 4095) & ~(uintptr_t)4095;
    uintptr_t end = (uintptr_t)address + length;
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)address;
    (void)length;
#endif
}

static inline unsigned dedup_xxhash_version(void) {
    return XXH_versionNumber();
}
#endif
