/// Compares site names as people write them: "Harbor Gazette", "harborgazette.example", "www.HarborGazette.com"
/// and "The Harbor Gazette" all name one site.
public enum SiteName {
    /// The comparable form of a site name or host: lowercase letters and digits only, without a leading "www." or
    /// "the ", and for a host name without its last label (the top-level domain).
    public static func canonical(_ name: String) -> String {
        var lowered = name.lowercased()
        if lowered.hasPrefix("www.") { lowered.removeFirst(4) }
        if lowered.hasPrefix("the ") { lowered.removeFirst(4) }
        let looksLikeHost = !lowered.contains(" ") && lowered.contains(".")
        if looksLikeHost, let dot = lowered.lastIndex(of: ".") {
            lowered = String(lowered[..<dot])
        }
        return String(lowered.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// Whether two names denote the same site: equal canonical forms, or one (of at least four characters) the
    /// start of the other ("Valley Courier" and "Valley Courier Media Co").
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = canonical(a)
        let y = canonical(b)
        if x == y { return true }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        return short.count >= 4 && long.hasPrefix(short)
    }
}
