// Reference C program for the text -> signature path of dedup (issue 7): what the same work costs when written
// directly in C, to measure the Swift code against. ASCII input only.
//
//   signature TEXTS [--rounds N] [--dump FILE]
//
// Built with plain `cc -O3`, the tokenizer looks at one byte at a time, as straightforward C does; with -DSWAR it
// classifies eight bytes at a time, as the Swift tokenizer's ASCII path does.
//
// TEXTS holds the documents back to back, each followed by a NUL byte (SignatureThroughput --export-ascii writes
// it). Every round fingerprints every document, as Fingerprinter.fingerprint(_:scratch:) does with the standard
// settings (one-permutation MinHash, 128 values, seed 42, 5-word shingles):
//   1. tokenize: maximal runs of ASCII letters and digits, lowercased, joined by single spaces in one buffer; an
//      apostrophe between letters and a comma or point between digits join (the comma is dropped);
//   2. XXH3-64 (seed 42) of every 5-token shingle (one shingle of all tokens for a shorter text), all of them first,
//      into a buffer; for the 17 to 64 bytes most shingles have, without XXH3's branch on the length (the same
//      value; dedup_xxh3_64_seeded_shingle, from the Swift code's shim);
//   3. the distinct shingle hashes (open-addressing set), and every hash into its bin's minimum (a repeated one
//      changes nothing), without a branch on whether it is a new minimum;
//   4. optimal densification of empty bins, then a 32-bit SplitMix64 digest of each bin's minimum;
//   5. the content hash (XXH3 of the token buffer) and the sorted distinct figure hashes (tokens with a digit,
//      number words read as digits, found by the same perfect hash table as the Swift code).
// With -DPLAIN it does steps 1, 2 and 4 only (every shingle into its bin, no distinct count, no content hash, no
// figures): the plain program issue 7's figure of 300-390 MB/s describes, to show what steps 3 and 5 cost.
// It prints the median rate of the rounds (thread CPU time); --dump writes every fingerprint as one text line,
// in the format SignatureThroughput --dump writes, so that `cmp` proves both did the same work.
#define XXH_INLINE_ALL
#include <xxhash.h>
// The Swift code's shim: the shingle hash (dedup_xxh3_64_seeded_shingle) is the same function in both.
#include "../../Sources/CXXHash/shim.h"
// GCC sees XXH3's branches for long inputs inlined at a call on a 2-byte string literal and warns about reads past
// it; those branches never run for such a short input.
#pragma GCC diagnostic ignored "-Warray-bounds"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { LENGTH = 128, SHINGLE = 5 };
static const uint64_t SEED = 42;

enum { FLAG_NUMERIC = 1, FLAG_CAPITALIZED = 2, FLAG_SENTENCE_INITIAL = 4 };

typedef struct {
    uint8_t *bytes;
    size_t count;
    int32_t *starts;
    uint8_t *flags;
    size_t tokens;
    size_t capacity;
} Tokens;

typedef struct {
    uint32_t values[LENGTH];
    int empty;
    uint64_t content_hash;
    size_t token_count;
    size_t shingle_count;
    uint64_t *figures;
    size_t figure_count;
} Fingerprint;

typedef struct {
    uint64_t *slots;
    size_t capacity;
    int has_zero;
    size_t count;
} HashSet;

static inline int is_letter(uint8_t b) { return (uint8_t)((b | 0x20) - 'a') < 26; }
static inline int is_digit(uint8_t b) { return (uint8_t)(b - '0') < 10; }

static void reserve_tokens(Tokens *t, size_t length) {
    size_t need = length + 8;
    if (t->capacity >= need) return;
    free(t->bytes);
    free(t->starts);
    free(t->flags);
    t->capacity = need * 2;
    t->bytes = malloc(t->capacity);
    t->starts = malloc(t->capacity / 2 * sizeof(int32_t) + sizeof(int32_t));
    t->flags = malloc(t->capacity / 2 + 1);
}

// The tokenizer's rules for ASCII text, one token run at a time.
static void tokenize(const uint8_t *text, size_t length, Tokens *t) {
    reserve_tokens(t, length);
    uint8_t *out = t->bytes;
    int32_t *starts = t->starts;
    uint8_t *flags = t->flags;
    size_t written = 0, tokens = 0, i = 0;
    int sentence_start = 1;
    while (i < length) {
        uint8_t b = text[i];
        if (!is_letter(b) && !is_digit(b)) {
            if (b == '.' || b == '!' || b == '?' || b == '\n') sentence_start = 1;
            i++;
            continue;
        }
        if (written) out[written++] = ' ';
        starts[tokens] = (int32_t)written;
        uint8_t f = (sentence_start ? FLAG_SENTENCE_INITIAL : 0) | ((uint8_t)(b - 'A') < 26 ? FLAG_CAPITALIZED : 0);
        sentence_start = 0;
        int last_digit = 0;
        for (;;) {
#ifdef SWAR
            // Eight bytes at a time (compile with -DSWAR): the letters and digits of a word by integer arithmetic
            // (every byte is ASCII, so no per-byte sum carries), as the Swift tokenizer does.
            int run = 8;
            while (run == 8 && i + 8 <= length) {
                uint64_t word;
                memcpy(&word, text + i, 8);
                const uint64_t high = 0x8080808080808080ULL;
                uint64_t lower = word | 0x2020202020202020ULL;
                uint64_t letters = (lower + 0x1F1F1F1F1F1F1F1FULL) & ~(lower + 0x0505050505050505ULL) & high;
                uint64_t digits = (word + 0x5050505050505050ULL) & ~(word + 0x4646464646464646ULL) & high;
                uint64_t stops = ~(letters | digits) & high;
                uint64_t lowered = word | letters >> 2;
                memcpy(out + written, &lowered, 8);
                run = stops == 0 ? 8 : __builtin_ctzll(stops) >> 3;
                if (run > 0) {
                    uint64_t kept = run == 8 ? ~0ULL : (1ULL << (run * 8)) - 1;
                    if (digits & kept) f |= FLAG_NUMERIC;
                    last_digit = (int)((digits >> (run * 8 - 1)) & 1);
                }
                written += (size_t)run;
                i += (size_t)run;
            }
#endif
            while (i < length) {
                b = text[i];
                if (is_letter(b)) {
                    out[written++] = b | 0x20;
                    last_digit = 0;
                } else if (is_digit(b)) {
                    out[written++] = b;
                    last_digit = 1;
                    f |= FLAG_NUMERIC;
                } else {
                    break;
                }
                i++;
            }
            if (i + 1 >= length) break;
            uint8_t joiner = text[i], next = text[i + 1];
            if ((joiner == '.' || joiner == ',') && last_digit && is_digit(next)) {
                if (joiner == '.') out[written++] = '.';
                i++;
            } else if (joiner == '\'' && !last_digit && is_letter(next)) {
                i++;
            } else {
                break;
            }
        }
        flags[tokens++] = f;
    }
    t->count = written;
    t->tokens = tokens;
}

__attribute__((unused)) static void set_reset(HashSet *set, size_t expected) {
    size_t capacity = 16;
    while (capacity < expected * 2) capacity <<= 1;
    if (set->capacity < capacity) {
        free(set->slots);
        set->slots = malloc(capacity * sizeof(uint64_t));
        set->capacity = capacity;
    }
    memset(set->slots, 0, set->capacity * sizeof(uint64_t));
    set->has_zero = 0;
    set->count = 0;
}

__attribute__((unused)) static inline int set_insert(HashSet *set, uint64_t hash) {
    if (hash == 0) {
        if (set->has_zero) return 0;
        set->has_zero = 1;
        set->count++;
        return 1;
    }
    size_t mask = set->capacity - 1;
    size_t index = (size_t)hash & mask;
    uint64_t slot = set->slots[index];
    while (slot != hash && slot != 0) {
        index = (index + 1) & mask;
        slot = set->slots[index];
    }
    set->slots[index] = hash;
    int is_new = slot == 0;
    set->count += is_new;
    return is_new;
}

static inline uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static inline uint64_t high_product(uint64_t a, uint64_t b) {
    return (uint64_t)(((__uint128_t)a * b) >> 64);
}

// The digits of a number word ("six" -> "6"), or NULL. The token's bytes (at most 8 of them) are packed into one
// integer, first byte lowest, and switched on; tokens hold no zero byte, so the value also fixes the length.
// Number words as the Swift code finds them (NumberWordTable): the token's first eight bytes, packed first byte
// lowest, pick one of 64 slots by one multiplication (no two of the 29 words share a slot), and the slot holds the
// figure hash of the word's digits.
static const char *const NUMBER_WORDS[][2] = {
    {"zero", "0"},
    {"one", "1"},
    {"two", "2"},
    {"three", "3"},
    {"four", "4"},
    {"five", "5"},
    {"six", "6"},
    {"seven", "7"},
    {"eight", "8"},
    {"nine", "9"},
    {"ten", "10"},
    {"eleven", "11"},
    {"twelve", "12"},
    {"thirteen", "13"},
    {"fourteen", "14"},
    {"fifteen", "15"},
    {"sixteen", "16"},
    {"seventeen", "17"},
    {"eighteen", "18"},
    {"nineteen", "19"},
    {"twenty", "20"},
    {"thirty", "30"},
    {"forty", "40"},
    {"fifty", "50"},
    {"sixty", "60"},
    {"seventy", "70"},
    {"eighty", "80"},
    {"ninety", "90"},
    {"hundred", "100"},
};
#define NUMBER_WORD_COUNT (sizeof NUMBER_WORDS / sizeof NUMBER_WORDS[0])
#define NUMBER_SLOT_BITS 6
static const uint64_t NUMBER_MULTIPLIER = 0xE2590D7D84571A03ULL;
typedef struct {
    uint64_t packed;
    size_t length;
    uint64_t figure;
} NumberSlot;
static NumberSlot number_slots[1 << NUMBER_SLOT_BITS];

static inline size_t number_slot(uint64_t packed) {
    return (size_t)((packed * NUMBER_MULTIPLIER) >> (64 - NUMBER_SLOT_BITS));
}

static void number_words_init(void) {
    for (size_t w = 0; w < NUMBER_WORD_COUNT; w++) {
        const char *word = NUMBER_WORDS[w][0];
        size_t length = strlen(word);
        uint64_t packed = 0;
        for (size_t i = 0; i < length && i < 8; i++) packed |= (uint64_t)(uint8_t)word[i] << (8 * i);
        NumberSlot *slot = &number_slots[number_slot(packed)];
        if (slot->length != 0) {
            fprintf(stderr, "two number words share a slot\n");
            exit(3);
        }
        slot->packed = packed;
        slot->length = length;
        slot->figure = XXH3_64bits_withSeed(NUMBER_WORDS[w][1], strlen(NUMBER_WORDS[w][1]), 0);
        if (slot->figure == 0) {
            fprintf(stderr, "a number word's figure hash is 0, which means none here\n");
            exit(3);
        }
    }
}

// The figure hash of the number word at bytes[start, start + length) of a buffer of `total` bytes, or 0 for none
// (number_words_init checks that no word's figure hash is 0).
static inline uint64_t number_word_figure(const uint8_t *bytes, size_t start, size_t length, size_t total) {
    uint64_t packed = 0;
    if (start + 8 <= total) {
        // No branch on the length: the bytes past the token are shifted out; another length fails the comparison.
        unsigned dropped = 8 * (8 - (length < 8 ? (unsigned)length : 8)) & 63; /* no token is empty */
        memcpy(&packed, bytes + start, 8);
        packed = (packed << dropped) >> dropped;
    } else {
        if (length - 3 > 6) return 0;
        for (size_t i = 0; i < length && i < 8; i++) packed |= (uint64_t)bytes[start + i] << (8 * i);
    }
    const NumberSlot *slot = &number_slots[number_slot(packed)];
    if (slot->packed != packed || slot->length != length || length == 0) return 0;
    if (length == 9 && bytes[start + 8] != 'n') return 0; /* seventeen is the only nine-letter word */
    return slot->figure;
}

static int compare_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    Tokens tokens;
    HashSet set;
    uint64_t minima[LENGTH];
    uint64_t *figures;
    size_t figure_capacity;
    uint64_t *hashes;
    size_t hash_capacity;
    uint64_t probe_seed;
} Scratch;

static void fingerprint(const uint8_t *text, size_t length, Scratch *s, Fingerprint *result) {
    Tokens *t = &s->tokens;
    tokenize(text, length, t);
    size_t count = t->tokens;
    size_t shingles = count == 0 ? 0 : (count > SHINGLE ? count - SHINGLE + 1 : 1);
#ifndef PLAIN
    set_reset(&s->set, shingles);
#endif
    for (int i = 0; i < LENGTH; i++) s->minima[i] = UINT64_MAX;
    if (s->hash_capacity < shingles) {
        free(s->hashes);
        s->hash_capacity = shingles * 2;
        s->hashes = malloc(s->hash_capacity * sizeof(uint64_t));
    }
    // First every shingle's hash, then the distinct set and the sketch, as the Swift code does.
    for (size_t index = 0; index < shingles; index++) {
        size_t start = (size_t)t->starts[index];
        size_t last = index + SHINGLE;
        size_t end = last < count ? (size_t)t->starts[last] - 1 : t->count;
        s->hashes[index] = dedup_xxh3_64_seeded_shingle(t->bytes + start, end - start, SEED);
    }
    for (size_t index = 0; index < shingles; index++) {
        uint64_t hash = s->hashes[index];
#ifndef PLAIN
        // One-permutation hashing: a repeated hash leaves the minima as they are, so it is added anyway.
        set_insert(&s->set, hash);
#endif
        __uint128_t product = (__uint128_t)hash * LENGTH;
        size_t bin = (size_t)(product >> 64);
        uint64_t position = (uint64_t)product;
        uint64_t current = s->minima[bin];
        s->minima[bin] = position < current ? position : current;
    }
    result->empty = shingles == 0;
    if (result->empty) {
        for (int i = 0; i < LENGTH; i++) result->values[i] = UINT32_MAX;
    } else {
        // Optimal densification: an empty bin takes the value of the first originally non-empty bin of its own
        // probe sequence.
        uint64_t original[LENGTH];
        memcpy(original, s->minima, sizeof original);
        for (uint64_t bin = 0; bin < LENGTH; bin++) {
            if (original[bin] != UINT64_MAX) continue;
            for (uint64_t attempt = 1;; attempt++) {
                uint64_t probe = mix(s->probe_seed ^ (bin << 32 | attempt));
                size_t source = (size_t)high_product(probe, LENGTH);
                if (original[source] != UINT64_MAX) {
                    s->minima[bin] = original[source];
                    break;
                }
            }
        }
        for (int i = 0; i < LENGTH; i++) result->values[i] = (uint32_t)mix(s->minima[i]);
    }
    result->token_count = count;
#ifdef PLAIN
    // The plain program: no distinct-shingle count, no content hash, no figures.
    result->content_hash = 0;
    result->shingle_count = shingles;
    result->figures = malloc(sizeof(uint64_t));
    result->figure_count = 0;
    return;
#endif
    result->content_hash = XXH3_64bits_withSeed(t->bytes, t->count, SEED);
    result->shingle_count = s->set.count;

    size_t figures = 0;
    if (s->figure_capacity < count) {
        free(s->figures);
        s->figure_capacity = count * 2;
        s->figures = malloc(s->figure_capacity * sizeof(uint64_t));
    }
    for (size_t index = 0; index < count; index++) {
        size_t start = (size_t)t->starts[index];
        size_t end = index + 1 < count ? (size_t)t->starts[index + 1] - 1 : t->count;
        if (t->flags[index] & FLAG_NUMERIC) {
            s->figures[figures++] = XXH3_64bits_withSeed(t->bytes + start, end - start, 0);
        } else {
            uint64_t figure = number_word_figure(t->bytes, start, end - start, t->count);
            if (figure) s->figures[figures++] = figure;
        }
    }
    // Like the Swift fingerprint, the result owns its figures (one allocation per document).
    qsort(s->figures, figures, sizeof(uint64_t), compare_u64);
    size_t distinct = 0;
    for (size_t i = 0; i < figures; i++) {
        if (distinct == 0 || s->figures[i] != s->figures[distinct - 1]) s->figures[distinct++] = s->figures[i];
    }
    result->figures = malloc((distinct ? distinct : 1) * sizeof(uint64_t));
    memcpy(result->figures, s->figures, distinct * sizeof(uint64_t));
    result->figure_count = distinct;
}

static double thread_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void write_fingerprint(FILE *out, const Fingerprint *f) {
    fprintf(out, "%zu %zu %016llx %d", f->token_count, f->shingle_count, (unsigned long long)f->content_hash,
            f->empty);
    for (int i = 0; i < LENGTH; i++) fprintf(out, "%c%08x", i == 0 ? ' ' : ',', f->values[i]);
    fprintf(out, " |");
    for (size_t i = 0; i < f->figure_count; i++) fprintf(out, " %016llx", (unsigned long long)f->figures[i]);
    fprintf(out, "\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: signature TEXTS [--rounds N] [--dump FILE]\n");
        return 2;
    }
    number_words_init();
    int rounds = 5;
    const char *dump = NULL;
    for (int a = 2; a < argc; a++) {
        if (strcmp(argv[a], "--rounds") == 0 && a + 1 < argc) rounds = atoi(argv[++a]);
        else if (strcmp(argv[a], "--dump") == 0 && a + 1 < argc) dump = argv[++a];
        else {
            fprintf(stderr, "unknown argument %s\n", argv[a]);
            return 2;
        }
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    uint8_t *data = malloc((size_t)size + 1);
    if (fread(data, 1, (size_t)size, file) != (size_t)size) {
        perror("read");
        return 1;
    }
    fclose(file);
    size_t documents = 0;
    for (long i = 0; i < size; i++) documents += data[i] == 0;
    size_t *offsets = malloc((documents + 1) * sizeof(size_t));
    offsets[0] = 0;
    for (long i = 0, d = 0; i < size; i++) {
        if (data[i] == 0) offsets[++d] = (size_t)i + 1;
    }
    size_t text_bytes = (size_t)size - documents;

    Scratch scratch = {0};
    // The densification probe seed, as MinHasher draws it: the first SplitMix64 output for seed ^ "minhash1".
    scratch.probe_seed = mix((SEED ^ 0x6D696E6861736831ULL) + 0x9E3779B97F4A7C15ULL);
    Fingerprint result;
    double *seconds = malloc((size_t)(rounds > 0 ? rounds : 1) * sizeof(double));
    uint64_t check = 0;
    for (int round = 0; round < rounds; round++) {
        double start = thread_seconds();
        for (size_t d = 0; d < documents; d++) {
            fingerprint(data + offsets[d], offsets[d + 1] - 1 - offsets[d], &scratch, &result);
            check ^= result.values[d % LENGTH] ^ result.content_hash;
            free(result.figures);
        }
        seconds[round] = thread_seconds() - start;
    }
    if (rounds > 0) {
        qsort(seconds, (size_t)rounds, sizeof(double), compare_double);
        double median = seconds[rounds / 2];
#if defined(PLAIN) && defined(SWAR)
        const char *tool = "c-plain-swar";
#elif defined(PLAIN)
        const char *tool = "c-plain";
#elif defined(SWAR)
        const char *tool = "c-swar";
#else
        const char *tool = "c";
#endif
        printf("{\"tool\":\"%s\",\"documents\":%zu,\"bytes\":%zu,\"rounds\":%d,\"median_seconds\":%.6f,"
               "\"docs_per_second\":%.1f,\"mb_per_second\":%.2f,\"check\":\"%016llx\"}\n",
               tool, documents, text_bytes, rounds, median, (double)documents / median, (double)text_bytes / median / 1e6,
               (unsigned long long)check);
    }
    if (dump) {
        FILE *out = fopen(dump, "w");
        if (!out) {
            perror(dump);
            return 1;
        }
        for (size_t d = 0; d < documents; d++) {
            fingerprint(data + offsets[d], offsets[d + 1] - 1 - offsets[d], &scratch, &result);
            write_fingerprint(out, &result);
            free(result.figures);
        }
        fclose(out);
    }
    return 0;
}
