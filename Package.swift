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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
            dependencies: ["Dedup"]
        ),
        .executableTarget(
            name: "DedupCLI",
            dependencies: [
                "Dedup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DedupTests",
            dependencies: ["Dedup"]
        ),
        .testTarget(
            name: "DedupStoreTests",
            dependencies: ["Dedup", "DedupStore"]
        ),
        .testTarget(
            name: "DedupCLITests",
            dependencies: ["Dedup"]
        ),
    ]
)
