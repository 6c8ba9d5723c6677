// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "perch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "perch", targets: ["perch"]),
        .executable(name: "perch-bench", targets: ["perch-bench"]),
        // For the separate package in Benchmarks/Pipeline only: the pipeline behind a tiny public API.
        .library(name: "PerchBenchSupport", targets: ["PerchBenchSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .executableTarget(
            name: "perch",
            dependencies: ["PerchCLI"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "perch-bench",
            dependencies: [
                "PerchCore", "PerchEnrich", "PerchIngest", "PerchPayload",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/PerchBench",
            swiftSettings: strict
        ),
        .target(
            name: "PerchBenchSupport",
            dependencies: ["PerchCore", "PerchIngest", "PerchJournal", "PerchSQLite"],
            swiftSettings: strict
        ),
        .target(
            name: "PerchCLI",
            dependencies: [
                "PerchClickHouse", "PerchCore", "PerchEnrich", "PerchIngest", "PerchJournal", "PerchPayload",
                "PerchServer", "PerchSQLite", "PerchStats", "PerchWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PerchWeb",
            dependencies: [
                "PerchCore", "PerchStats",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Assets"],
            swiftSettings: strict,
            plugins: ["EmbedWebAssets"]
        ),
        .executableTarget(
            name: "perch-embed-assets",
            path: "Plugins/EmbedWebAssetsTool",
            swiftSettings: strict
        ),
        .plugin(
            name: "EmbedWebAssets",
            capability: .buildTool(),
            dependencies: ["perch-embed-assets"]
        ),
        .target(
            name: "PerchServer",
            dependencies: [
                "PerchCore", "PerchEnrich", "PerchIngest", "PerchJournal", "PerchPayload", "PerchStats", "PerchWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PerchIngest",
            dependencies: [
                "PerchCore", "PerchEnrich", "PerchPayload", "PerchJournal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PerchPayload",
            dependencies: ["PerchCore"],
            swiftSettings: strict
        ),
        .target(
            name: "PerchJournal",
            dependencies: [
                "PerchCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PerchEnrich",
            dependencies: ["PerchCore"],
            swiftSettings: strict
        ),
        .target(
            name: "PerchCore",
            swiftSettings: strict
        ),
        .target(
            name: "PerchStats",
            dependencies: ["PerchCore"],
            swiftSettings: strict
        ),
        .target(
            name: "PerchSQLite",
            dependencies: [
                "PerchCore", "PerchStats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PerchClickHouse",
            dependencies: [
                "PerchCore", "PerchStats",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PerchCoreTests", dependencies: ["PerchCore"], swiftSettings: strict),
        .testTarget(
            name: "PerchWebTests",
            dependencies: [
                "PerchWeb", "PerchCore", "PerchStats",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchPayloadTests",
            dependencies: ["PerchPayload", "PerchCore", "PerchEnrich"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchJournalTests",
            dependencies: ["PerchJournal", "PerchCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchIngestTests",
            dependencies: ["PerchIngest", "PerchCore", "PerchEnrich", "PerchJournal"],
            swiftSettings: strict
        ),
        // The Stats property test's store-independent half (random worlds and queries, the brute-force
        // oracle, the comparison), run against SQLite by PerchSQLiteTests and ClickHouse by PerchClickHouseTests;
        // and the planner's golden cases, pinned for SQLite by PerchStatsTests and ClickHouse by PerchClickHouseTests.
        .target(
            name: "PerchStatsTestSupport",
            dependencies: ["PerchCore", "PerchStats"],
            path: "Tests/PerchStatsTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchSQLiteTests",
            dependencies: ["PerchSQLite", "PerchCore", "PerchStats", "PerchIngest", "PerchStatsTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchEnrichTests",
            dependencies: ["PerchEnrich", "PerchCore"],
            exclude: ["Referrers/Fixtures", "Domains/Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "PerchEndToEndTests", swiftSettings: strict),
        .testTarget(
            name: "PerchClickHouseTests",
            dependencies: [
                "PerchClickHouse", "PerchCore", "PerchIngest", "PerchJournal", "PerchSQLite", "PerchStats",
                "PerchStatsTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Stats/Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchStatsTests",
            dependencies: ["PerchStats", "PerchCore", "PerchStatsTestSupport"],
            exclude: ["Golden"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchCLITests",
            dependencies: [
                "PerchCLI", "PerchClickHouse", "PerchCore", "PerchEnrich", "PerchSQLite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "PerchServerTests",
            dependencies: [
                "PerchServer", "PerchCore", "PerchEnrich", "PerchIngest", "PerchSQLite", "PerchCLI", "PerchStats",
                "PerchWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ],
            swiftSettings: strict
        ),
    ]
)
