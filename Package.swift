// swift-tools-version:6.0
// feedd: a feed ingestion daemon. No package dependencies: libcurl, libxml2 and libpsl come from the system.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
/// File-operation fault injection (FeeddSystem's `FaultInjection`) is compiled into debug builds only: the tests
/// that arm it run on the debug build scripts/test makes, and a release binary holds no trace of it.
let faults: [SwiftSetting] = strict + [.define("FEEDD_FAULTS", .when(configuration: .debug))]

let package = Package(
    name: "feedd",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "feedd", targets: ["feedd"])
    ],
    targets: [
        // C layer: system libraries and the ICU-free libxml2 shim.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CNats", pkgConfig: "libnats",
            providers: [.apt(["libnats-dev"])]),
        .target(name: "CFeeddXML", dependencies: ["CLibXML2"]),
        // The Public Suffix List compiled into libpsl (libcurl links it already), for sharding by registrable domain.
        .systemLibrary(
            name: "CPSL", pkgConfig: "libpsl",
            providers: [.apt(["libpsl-dev"])]),
        // The CPU's CRC-32C instruction, for the journal's checksums.
        .target(name: "CFeeddCRC"),

        // Swift layers, importing only downward (see docs and DESIGN).
        .target(name: "FeeddCore", swiftSettings: strict),
        .target(name: "FeeddSystem", dependencies: ["FeeddCore", "CPSL"], swiftSettings: faults),
        .target(name: "FeeddHTTP", dependencies: ["FeeddCore", "CCurl"], swiftSettings: strict),
        .target(name: "FeeddContent", dependencies: ["FeeddCore", "CFeeddXML"], swiftSettings: strict),
        .target(name: "FeeddStore", dependencies: ["FeeddCore", "FeeddSystem", "CFeeddCRC"], swiftSettings: strict),
        // NATS JetStream: the article stream and the key-value buckets instances share (docs/SCALING.md).
        .target(name: "FeeddOutput", dependencies: ["FeeddCore", "FeeddSystem", "CNats"], swiftSettings: strict),
        .target(
            name: "FeeddDaemon",
            dependencies: ["FeeddCore", "FeeddSystem", "FeeddHTTP", "FeeddContent", "FeeddStore", "FeeddOutput"],
            swiftSettings: strict),
        .executableTarget(
            name: "feedd",
            dependencies: [
                "FeeddCore", "FeeddSystem", "FeeddHTTP", "FeeddContent", "FeeddStore", "FeeddOutput", "FeeddDaemon",
            ],
            swiftSettings: strict),

        // The in-process benchmarks behind scripts/bench-*, a binary of their own so that none of it ships in feedd.
        .executableTarget(
            name: "feedd-bench",
            dependencies: [
                "FeeddCore", "FeeddContent", "FeeddStore", "FeeddHTTP", "FeeddDaemon", "FeeddOutput",
                // SplitMix64: the seeded generator the tests use, so a seed means the same corpus everywhere.
                "TestSupport",
            ],
            swiftSettings: strict),

        // A child process the store's crash tests SIGKILL while it appends.
        .executableTarget(
            name: "journal-crash-child", dependencies: ["FeeddCore", "FeeddStore"], path: "Tests/JournalCrashChild",
            swiftSettings: strict),

        // libFuzzer targets over every parser of outside input (docs/FUZZING.md). scripts/fuzz builds this with
        // -sanitize=fuzzer and -D FUZZING; the normal build makes a replayer of saved inputs.
        .executableTarget(
            name: "feedd-fuzz", dependencies: ["FeeddCore", "FeeddContent", "FeeddStore", "TestSupport"],
            path: "Fuzz/FeeddFuzz", swiftSettings: strict),

        // Tests: one target per library, plus end-to-end runs of the real binary.
        .target(name: "TestSupport", dependencies: ["FeeddCore"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "FeeddCoreTests", dependencies: ["FeeddCore", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FeeddSystemTests", dependencies: ["FeeddCore", "FeeddSystem", "TestSupport"], swiftSettings: faults),
        .testTarget(
            name: "FeeddHTTPTests", dependencies: ["FeeddHTTP", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FeeddContentTests", dependencies: ["FeeddContent", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FeeddStoreTests", dependencies: ["FeeddStore", "FeeddSystem", "TestSupport"],
            swiftSettings: faults),
        .testTarget(
            name: "FeeddDaemonTests",
            dependencies: ["FeeddDaemon", "FeeddSystem", "FeeddStore", "FeeddHTTP", "FeeddContent", "FeeddOutput", "TestSupport"],
            swiftSettings: faults),
        .testTarget(
            name: "FeeddOutputTests", dependencies: ["FeeddOutput", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests", dependencies: ["FeeddCore", "FeeddSystem", "FeeddOutput", "TestSupport"],
            swiftSettings: strict),
    ]
)
