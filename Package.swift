// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Dedup",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Dedup", targets: ["Dedup"]),
        .library(name: "DedupStore", targets: ["DedupStore"]),
        .library(name: "DedupServer", targets: ["DedupServer"]),
        .executable(name: "dedup", targets: ["DedupCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "Dedup",
            dependencies: ["CXXHash", "CZlib"]
        ),
        .target(
            name: "DedupStore",
            dependencies: [
                "Dedup",
                "CXXHash",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DedupServer",
            dependencies: [
                "Dedup",
                "DedupStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "DedupCLI",
            dependencies: [
                "Dedup",
                "DedupServer",
                "DedupStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DedupTests",
            dependencies: ["Dedup"]
        ),
        .testTarget(
            name: "DedupStoreTests",
            dependencies: ["Dedup", "DedupStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DedupServerTests",
            dependencies: [
                "Dedup",
                "DedupServer",
                "DedupStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "DedupCLITests",
            dependencies: ["Dedup", "DedupStore"]
        ),
    ]
)
