#ifndef DEDUP_CXXHASH_SHIM_H
#define DEDUP_CXXHASH_SHIM_H
// Inline libxxhash's implementation so that short shingle hashes are not calls into the shared library.
// XXH_INLINE_ALL renames the API with macros, which Swift cannot see, so Swift calls these wrappers.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stddef.h>
#include <stdint.h>
#ifdef __linux__
#include <errno.h>
#include <sys/mman.h>
#endif

static inline XXH64_hash_t dedup_xxh3_64_seeded(const void *bytes, size_t length, XXH64_hash_t seed) {
    return XXH3_64bits_withSeed(bytes, length, seed);
}

// XXH3_64bits_withSeed, the same value, for the lengths word shingles have. A 5-word shingle of news text is 17 to
// 64 bytes long, and about four in ten are over 32 bytes, in no order a branch predictor can follow; XXH3 branches
// on `length > 32`. Here both halves are computed and the second is masked out for 32 bytes or fewer (its reads
// are then moved inside the input, and its value is not used). Other lengths take XXH3_64bits_withSeed.
static inline XXH64_hash_t dedup_xxh3_64_seeded_shingle(const void *bytes, size_t length, XXH64_hash_t seed) {
    if (length <= 16 || length > 64) return XXH3_64bits_withSeed(bytes, length, seed);
    const xxh_u8 *input = (const xxh_u8 *)bytes;
    const xxh_u8 *secret = XXH3_kSecret;
    xxh_u64 const longer = length > 32 ? ~(xxh_u64)0 : 0;
    size_t const middle = length > 32 ? 16 : 0;
    size_t const back = length > 32 ? length - 32 : 0;
    xxh_u64 accumulator = (xxh_u64)length * XXH_PRIME64_1;
    accumulator += longer & (XXH3_mix16B(input + middle, secret + 32, seed) + XXH3_mix16B(input + back, secret + 48, seed));
    accumulator += XXH3_mix16B(input, secret, seed);
    accumulator += XXH3_mix16B(input + length - 16, secret + 16, seed);
    return XXH3_avalanche(accumulator);
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

#ifdef __linux__
// glibc declares sync_file_range only under _GNU_SOURCE, which Swift's Glibc module is built without.
extern int sync_file_range(int fd, int64_t offset, int64_t count, unsigned int flags);
#endif

// Starts writing `count` bytes of the file `fd` at `offset` out to disk; with `wait`, first waits for that range's
// earlier write-out and then for this one, so that the range is clean when it returns. Returns 0, or -errno. A wait
// reports a write error of the range, and the system then counts it as reported: a later fsync of the file no
// longer returns it, so the caller must not ignore it. Linux only: elsewhere it does nothing and returns 0.
static inline int dedup_write_out(int fd, int64_t offset, int64_t count, int wait) {
#ifdef __linux__
    // SYNC_FILE_RANGE_WAIT_BEFORE = 1, SYNC_FILE_RANGE_WRITE = 2, SYNC_FILE_RANGE_WAIT_AFTER = 4.
    return sync_file_range(fd, offset, count, wait ? 1 | 2 | 4 : 2) == 0 ? 0 : -errno;
#else
    (void)fd;
    (void)offset;
    (void)count;
    (void)wait;
    return 0;
#endif
}

static inline unsigned dedup_xxhash_version(void) {
    return XXH_versionNumber();
}
#endif
