// Writes SIZE_MB of data to FILE in 4 MB writes, the way the scan's output files were written (MODE 0: each write
// followed by POSIX_FADV_DONTNEED, which starts write-out but frees nothing while the pages are dirty) or are now
// written (MODE 1: write-out started at once, and the bytes more than a 64 MB window behind waited for and dropped,
// so later writes reuse the same pages). Prints the seconds the writes took and the final fdatasync.
//
//   cc -O2 -o page-cache-window Benchmarks/scan/page-cache-window.c
//   rm -f OUT; sleep 25; /usr/bin/time -f "%e s wall, %S s system" ./page-cache-window MODE OUT 4500
//
// The pause lets a virtual machine with free page reporting hand the memory freed by `rm` back to its host, as it
// does between two scans; see BENCHMARKS.md ("Output files through a small page cache").
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double seconds_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s MODE FILE SIZE_MB\n", argv[0]);
        return 64;
    }
    const int mode = atoi(argv[1]);
    const long total = atol(argv[3]) << 20;
    const size_t chunk = 4 << 20;
    const long window = 64L << 20;
    char *buffer = malloc(chunk);
    if (buffer == NULL) return 1;
    memset(buffer, 'x', chunk);
    const int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long offset = 0, settled = 0;
    while (offset < total) {
        if (write(fd, buffer, chunk) != (ssize_t)chunk) {
            perror("write");
            return 1;
        }
        if (mode == 0) {
            posix_fadvise(fd, offset, chunk, POSIX_FADV_DONTNEED);
        } else {
            sync_file_range(fd, offset, chunk, SYNC_FILE_RANGE_WRITE);
        }
        offset += chunk;
        if (mode == 1 && offset - settled > window) {
            const long end = offset - window;
            sync_file_range(fd, settled, end - settled,
                            SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
            posix_fadvise(fd, settled, end - settled, POSIX_FADV_DONTNEED);
            settled = end;
        }
    }
    const double writing = seconds_since(&start);
    clock_gettime(CLOCK_MONOTONIC, &start);
    fdatasync(fd);
    close(fd);
    printf("mode %d: writes %.2f s, final fdatasync %.2f s\n", mode, writing, seconds_since(&start));
    free(buffer);
    return 0;
}
