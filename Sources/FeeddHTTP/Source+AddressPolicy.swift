import FeeddCore

extension Source.Resolved {
    /// `allow_private` when set; otherwise yes only when the configured URL itself names this machine
    /// or a private network (a feed on the intranet), so a public source can never be redirected or
    /// resolved onto one.
    package var allowsPrivateAddresses: Bool {
        if let allowPrivate { return allowPrivate }
        return URLOrigin(url).map { AddressPolicy.isPrivateHost($0.host) } ?? false
    }
}
