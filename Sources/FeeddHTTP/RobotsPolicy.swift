/// How a request treats robots.txt: whose rules apply (`agent`, the product token matched against
/// `User-agent` lines) and whether they are obeyed (`robots = obey | ignore` of a source).
package struct RobotsPolicy: Sendable, Equatable {
    package var agent: String
    package var obey: Bool

    package init(agent: String, obey: Bool = true) {
        self.agent = agent
        self.obey = obey
    }

    /// The policy for requests sent with `userAgent`: its product token, the part before the first
    /// "/" or space (`feedd/0.1 (+https://…)` → `feedd`).
    package init(userAgent: String, obey: Bool = true) {
        let token = userAgent.split(whereSeparator: { $0 == "/" || $0 == " " }).first.map(String.init) ?? ""
        self.init(agent: token.isEmpty ? "feedd" : token, obey: obey)
    }
}
