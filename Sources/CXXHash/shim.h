#ifndef DEDUP_CXXHASH_SHIM_H
#define DEDUP_CXXHASH_SHIM_H
// Inline libxxhash's implementation so that short shingle hashes are not calls into the shared library.
// XXH_INLINE_ALL renames the API with macros, which Swift cannot see, so Swift calls these wrappers.
#define XXH_INLINE_ALL
#include <xxhash.h>

static inline XXH64_hash_t dedup_xxh3_64_seeded(const void *bytes, size_t length, XXH64_hash_t seed) {
    return XXH3_64bits_withSeed(bytes, length, seed);
}

static inline unsigned dedup_xxhash_version(void) {
    return XXH_versionNumber();
}
#endif
