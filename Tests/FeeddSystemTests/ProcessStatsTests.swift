import Glibc
import Testing

@testable import FeeddSystem

/// The `process_*` metrics read from /proc for this very process.
@Suite struct ProcessStatsTests {
    @Test func thisProcessHasMemoryDescriptorsAndAStartTime() throws {
        let stats = try #require(ProcessStats.current())
        #expect(stats.residentBytes > 0)
        #expect(stats.openFileDescriptors >= 3, "at least stdin, stdout and stderr")
        #expect(stats.cpuSeconds >= 0)
        let now = Double(time(nil))
        #expect(stats.startTime > 0 && stats.startTime <= now + 1)
    }
}
