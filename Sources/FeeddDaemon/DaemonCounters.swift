/// Totals for the periodic `event=summary` line, reset after each summary.
struct DaemonCounters {
    var polls = 0
    var failures = 0
    var new = 0
    var duplicates = 0
    var updated = 0
    var bytes: Int64 = 0
    /// Articles stored since midnight UTC, for the systemd STATUS line.
    var storedToday = 0
    var day: Int64 = 0
}
