// swift-tools-version: 6.2
import PackageDescription

// The pipeline benchmarks, a package of their own so that Perch's build and CI never build the
// benchmark library: `scripts/bench-pipeline` runs them and checks them against `Thresholds/`.
let package = Package(
    name: "perch-pipeline-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "perch", path: "../.."),
        // The malloc interposer counts mallocs without jemalloc. Naming only this trait leaves out
        // the default RuntimeInterposer (ARC counters, not used here), whose package the offline
        // package mirror does not have.
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PerchPipeline",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PerchBenchSupport", package: "perch"),
            ],
            path: "Benchmarks/PerchPipeline",
            swiftSettings: [.swiftLanguageMode(.v6), .treatAllWarnings(as: .error)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
