// swift-tools-version: 6.1
import PackageDescription

/// One settings list for every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "jobmarket",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jobmarket", targets: ["jobmarket"]),
        .executable(name: "jobmarket-bench", targets: ["jobmarket-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C wrappers: nothing outside JobHTML / JobFetch / JobStorePostgres imports these.
        .systemLibrary(name: "CJobXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CJobCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CJobPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // Value types shared by every stage.
        .target(name: "JobModel", swiftSettings: swiftSettings),

        // Stage wrappers around C libraries.
        .target(name: "JobHTML", dependencies: ["CJobXML2"], swiftSettings: swiftSettings),
        .target(
            name: "JobFetch",
            dependencies: ["CJobCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // Pipeline stages.
        .target(name: "JobExtract", dependencies: ["JobModel", "JobHTML"], swiftSettings: swiftSettings),
        .target(
            name: "JobNormalise",
            dependencies: ["JobModel"],
            resources: [.copy("Resources/skills.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "JobStore",
            dependencies: ["JobModel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL backend (libpq), for several workers sharing one database.
        .target(name: "JobStorePostgres", dependencies: ["JobModel", "JobStore", "CJobPQ"], swiftSettings: swiftSettings),
        .target(name: "JobAnalyze", dependencies: ["JobModel"], swiftSettings: swiftSettings),
        .target(name: "JobReport", dependencies: ["JobModel", "JobAnalyze"], swiftSettings: swiftSettings),

        // Runs the stages; the executable is a thin command layer over it.
        .target(
            name: "JobPipeline",
            dependencies: [
                "JobModel", "JobHTML", "JobFetch", "JobExtract", "JobNormalise", "JobStore", "JobStorePostgres",
                "JobAnalyze", "JobReport", "Yams", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "jobmarket",
            dependencies: [
                "JobPipeline", "JobModel", "JobNormalise", "JobExtract", "JobStore", "JobStorePostgres", "JobAnalyze",
                "JobReport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Measurements for Scripts/bench; not part of the tool users run.
        .executableTarget(
            name: "jobmarket-bench",
            dependencies: [
                "JobModel", "JobStore", "JobAnalyze", "JobReport", "JobNormalise", "JobPipeline", "JobHTML", "JobExtract",
            ],
            swiftSettings: swiftSettings
        ),

        // Tests. JobTestSupport holds the loopback HTTP server the tests start.
        .target(name: "JobTestSupport", path: "Tests/JobTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "JobHTMLTests", dependencies: ["JobHTML", "JobAnalyze", "JobTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "JobFetchTests", dependencies: ["JobFetch", "JobTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JobExtractTests", dependencies: ["JobExtract", "JobModel", "JobNormalise", "JobAnalyze"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "JobNormaliseTests", dependencies: ["JobNormalise", "JobModel", "JobAnalyze"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JobStoreTests", dependencies: ["JobStore", "JobStorePostgres", "JobModel", "JobTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(name: "JobAnalyzeTests", dependencies: ["JobAnalyze", "JobModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "JobReportTests", dependencies: ["JobReport", "JobAnalyze", "JobModel", "JobTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "JobPipelineTests",
            dependencies: ["JobAnalyze", "JobPipeline", "JobModel", "JobStore", "JobStorePostgres", "JobTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
