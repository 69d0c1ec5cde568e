// swift-tools-version: 6.1
import PackageDescription

// The benchmarks live in a package of their own so that package-benchmark and its malloc interposer never become
// dependencies of the library. Run from this folder: `swift package benchmark` (see README.md).

// SwiftPM names a path dependency after its folder, so the root package's identity is the name of the folder this
// package sits in ("main" in the usual checkout, but a clone may be named anything).
let rootPackage = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "main").lowercased()

let package = Package(
    name: "DedupBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        // Formerly ordo-one/package-benchmark; the plugin warns that the old identifier will stop working.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The seeded news-like text generator the benchmarks and SchemeSpeed share.
        .target(name: "NewsCorpus", dependencies: [.product(name: "Dedup", package: rootPackage)]),
        .executableTarget(
            name: "DedupBenchmarks",
            dependencies: [
                "NewsCorpus",
                .product(name: "Dedup", package: rootPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DedupBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        .executableTarget(
            name: "SchemeSpeed",
            dependencies: [
                "NewsCorpus",
                .product(name: "Dedup", package: rootPackage),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Text → signature on one core, in the format the C reference program (reference-c/) reads and writes.
        .executableTarget(
            name: "SignatureThroughput",
            dependencies: [
                .product(name: "Dedup", package: rootPackage),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "SchemeAccuracy",
            dependencies: [
                .product(name: "Dedup", package: rootPackage),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ]
)
