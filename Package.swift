// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Dedup",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Dedup", targets: ["Dedup"]),
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
        .target(
            name: "Dedup",
            dependencies: ["CXXHash"]
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
            name: "DedupCLITests",
            dependencies: ["Dedup"]
        ),
    ]
)
