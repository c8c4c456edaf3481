import Foundation

/// `feedd-bench`: the in-process benchmarks behind scripts/bench-*, kept out of the shipped `feedd` binary.
/// Each benchmark times the real library code (parser, extractor, journal, dedupe index) with no process start-up.
enum FeeddBench {
    static let usage = """
        usage: feedd-bench <benchmark> [options]

        benchmarks (each is run by its scripts/bench-NAME, which builds this in release mode):
          parse DIR [--rounds N] [--jobs N] [--render-text]
                                   parse every feed file under DIR; one line of totals per round
          extract DIR [--rounds N] [--parse-only | --parse-lean [--libxml2]]
                                   extract (or only parse) every .html page of DIR; CPU ms per page as JSON
          tree-diff DIR            every .html page of DIR built by feedd's tree builder and by libxml2's parser;
                                   prints the pages whose trees differ, exits 1 when any does
          feed-diff DIR [--broken N] [--seed S] [--list-libxml2]
                                   every file under DIR (and N randomly broken copies of each) parsed as a feed
                                   by feedd's tokenizer and by libxml2; prints the documents whose events
                                   differ, exits 1 when any does
          append --store DIR --count N [--record-bytes B] [--batch K]
                                   N appends through the real journal with group commit; records/s and MB/s
          dedupe [options]         the dedupe index on a seeded synthetic stream ('feedd-bench dedupe --help')
          pipeline DIR [--rounds N]
                                   the daemon's road for every feed file under DIR: parse, normalize, decide,
                                   store in a real journal; CPU µs per item for each stage as JSON
          stream --url URL [--stream NAME] [--served FILE]
                                   what a JetStream stream holds: messages, distinct Msg-Ids, first and last
                                   stored time, fetch-to-stream latency per message (scripts/bench-scale)
        """

    static func main() -> Int32 {
        var argv = Array(CommandLine.arguments.dropFirst())
        guard let name = argv.first, !["--help", "-h", "help"].contains(name) else {
            print(usage)
            return argv.isEmpty ? 64 : 0
        }
        argv.removeFirst()
        var arguments = BenchArguments(benchmark: name, argv)
        do {
            switch name {
            case "parse": try ParseBench.run(&arguments)
            case "extract": try ExtractBench.run(&arguments)
            case "tree-diff": try TreeDiffBench.run(&arguments)
            case "feed-diff": try FeedDiffBench.run(&arguments)
            case "append": try AppendBench.run(&arguments)
            case "dedupe": try DedupeBench.run(&arguments)
            case "pipeline": try PipelineBench.run(&arguments)
            case "stream": try StreamBench.run(&arguments)
            default:
                FileHandle.standardError.write(Data("feedd-bench: unknown benchmark \"\(name)\"\n\n\(usage)\n".utf8))
                return 64
            }
            return 0
        } catch let error as BenchUsageError {
            FileHandle.standardError.write(Data("feedd-bench \(name): \(error.message)\n".utf8))
            return 64
        } catch {
            FileHandle.standardError.write(Data("feedd-bench \(name): \(error)\n".utf8))
            return 1
        }
    }
}
