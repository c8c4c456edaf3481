import Foundation

#if FUZZING
    /// libFuzzer's driver, from `libclang_rt.fuzzer`. Called from our own `main` so that the same executable
    /// builds without the fuzzer runtime: the archive's `main` is never pulled in because ours exists.
    @_silgen_name("LLVMFuzzerRunDriver")
    private func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif

/// The target chosen for this process (`FEEDD_FUZZ_TARGET`); read once, before fuzzing starts.
private let selectedTarget: FuzzTarget? = {
    guard let name = ProcessInfo.processInfo.environment["FEEDD_FUZZ_TARGET"] else { return nil }
    return FuzzTarget(rawValue: name)
}()

/// libFuzzer's entry point: one input, run through the selected target. A failed check traps, which
/// libFuzzer reports as a crash and saves.
@_cdecl("LLVMFuzzerTestOneInput")
public func feeddFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selectedTarget else { fatalError("FEEDD_FUZZ_TARGET names no target") }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    target.run(bytes)
    return 0
}

/// `feedd-fuzz`: with the fuzzer runtime (`-D FUZZING`), libFuzzer's driver over the target named by
/// `FEEDD_FUZZ_TARGET`; without it, `feedd-fuzz list` and `feedd-fuzz TARGET FILE...`, which replays
/// saved inputs (crashes, corpus files) through the same entry.
@main
enum FeeddFuzz {
    static func main() {
        let arguments = CommandLine.arguments
        if arguments.count == 2, arguments[1] == "list" {
            for target in FuzzTarget.allCases { print("\(target.rawValue)\t\(target.summary)") }
            return
        }
        if let directory = ProcessInfo.processInfo.environment["FEEDD_FUZZ_WRITE_SEEDS"] {
            // Seeds that only the code can make (valid journal records), written before fuzzing.
            selectedTarget?.writeSeeds(to: directory)
            return
        }
        #if FUZZING
            guard selectedTarget != nil else {
                FileHandle.standardError.write(Data("feedd-fuzz: set FEEDD_FUZZ_TARGET (feedd-fuzz list)\n".utf8))
                exit(64)
            }
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, feeddFuzzTestOneInput))
        #else
            guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]) else {
                FileHandle.standardError.write(Data("usage: feedd-fuzz list | feedd-fuzz TARGET FILE...\n".utf8))
                exit(64)
            }
            for path in arguments.dropFirst(2) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("feedd-fuzz: cannot read \(path)\n".utf8))
                    exit(66)
                }
                target.run([UInt8](data))
                print("ok \(path)")
            }
        #endif
    }
}
