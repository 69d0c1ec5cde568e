#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall-clock and thread CPU time since it was started.
///
/// The CPU time of the benchmark thread is what one dedicated core would take: on a shared machine the wall clock
/// also counts the time the thread waited for a core, and the process CPU time that package-benchmark reports has
/// only 10 ms resolution.
struct Stopwatch {
    private let wallStart = ContinuousClock.now
    private let cpuStart = Stopwatch.threadCPUTime()

    var wallElapsed: Duration { ContinuousClock.now - wallStart }
    var cpuElapsed: Duration { Stopwatch.threadCPUTime() - cpuStart }

    private static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }
}

/// `count` per second of `elapsed`, rounded down.
func perSecond(_ count: Int, _ elapsed: Duration) -> Int {
    let (seconds, attoseconds) = elapsed.components
    return Int(Double(count) / (Double(seconds) + Double(attoseconds) * 1e-18))
}
