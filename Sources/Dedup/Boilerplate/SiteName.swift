/// Compares site names as people write them: "Harbor Gazette", "harborgazette.example", "www.HarborGazette.com"
/// and "The Harbor Gazette" all name one site.
public enum SiteName {
    /// The comparable form of a site name or host: lowercase letters and digits only, without a leading "www." or
    /// "the ", and for a host name without its last label (the top-level domain).
    public static func canonical(_ name: String) -> String {
        if let ascii = canonicalASCII(name) { return ascii }
        var lowered = name.lowercased()
        if lowered.hasPrefix("www.") { lowered.removeFirst(4) }
        if lowered.hasPrefix("the ") { lowered.removeFirst(4) }
        let looksLikeHost = !lowered.contains(" ") && lowered.contains(".")
        if looksLikeHost, let dot = lowered.lastIndex(of: ".") {
            lowered = String(lowered[..<dot])
        }
        return String(lowered.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    /// ``canonical(_:)`` on bytes for an ASCII name (nearly all of them: it runs for every copyright line), where
    /// lowercasing is per byte and the alphabetic scalars are the letters; nil for any other name.
    private static func canonicalASCII(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { utf8 -> String? in
            var lowered = [UInt8](repeating: 0, count: utf8.count)
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x80 else { return nil }
                lowered[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            var start = 0
            if lowered.starts(with: Array("www.".utf8)) { start = 4 }
            if lowered[start...].starts(with: Array("the ".utf8)) { start += 4 }
            var end = lowered.count
            let rest = lowered[start..<end]
            if !rest.contains(0x20), let dot = rest.lastIndex(of: 0x2E) { end = dot }
            let kept = lowered[start..<end].filter { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
            return String(decoding: kept, as: UTF8.self)
        }
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
