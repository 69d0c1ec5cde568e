// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Dedup",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Dedup", targets: ["Dedup"]),
        .library(name: "DedupStore", targets: ["DedupStore"]),
        .executable(name: "dedup", targets: ["DedupCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .target(
            name: "Dedup",
            dependencies: ["CXXHash"]
        ),
        .target(
            name: "DedupStore",
            dependencies: [
                "Dedup",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "DedupCLI",
            dependencies: [
                "Dedup",
                "DedupStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            name: "DedupCLITests",
            dependencies: ["Dedup", "DedupStore"]
        ),
    ]
)
