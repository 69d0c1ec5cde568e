/// Finds syndication notices and the origin they name.
///
/// Recognized: "originally published on/by/in X", "first appeared on X", "republished/reprinted/reproduced
/// (with permission) from X", "courtesy of X", "reproduced with permission" (a notice even without a name),
/// "Copyright [©] [years] X" and "© [years] X" (X is the holder), a bare credit line such as "— The Associated
/// Press" or "Reuters", and a wire dateline such as "WASHINGTON (Reuters) -" at the start of a paragraph (which
/// names the origin but is part of the story, so it is not removed).
enum AttributionParser {
    struct Finding: Equatable {
        /// The origin named, as written (trimmed), if any.
        var origin: String?
        /// Whether the whole line is a notice (to be removed), as opposed to a dateline inside a paragraph.
        var isNotice: Bool
        /// Whether it is a copyright line (the holder is often the page's own site).
        var isCopyright: Bool
    }

    private static let originMarkers = [
        "originally published on ", "originally published by ", "originally published in ",
        "originally published at ", "originally appeared on ", "originally appeared in ", "originally appeared at ",
        "first published on ", "first published by ", "first published in ", "first appeared on ",
        "first appeared in ", "republished with permission from ", "reprinted with permission from ",
        "reproduced with permission from ", "republished from ", "reprinted from ", "reproduced from ",
        "courtesy of ", "syndicated from ", "distributed by ",
    ]
    private static let permissionMarkers = [
        "reproduced with permission", "republished with permission", "reprinted with permission",
        "used with permission", "published with permission",
    ]
    private static let nameEnds = [
        " and ", " was ", " is ", " has ", " under ", " with ", ". ", "; ", ", ", " - ", " – ", " — ", " on ",
        " in ", " at ",
    ]
    private static let wires: Set<String> = [
        "the associated press", "associated press", "ap", "reuters", "afp", "agence france-presse",
        "agence france presse", "bloomberg", "bloomberg news", "dpa", "upi", "united press international",
    ]

    /// What `line` says about where its document comes from, or nil.
    static func parse(_ line: Substring) -> Finding? {
        let text = String(line)
        let lower = text.lowercased()
        for marker in originMarkers {
            if let range = lower.range(of: marker) {
                let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
                let name = cutName(String(text.dropFirst(offset)))
                return Finding(origin: name, isNotice: true, isCopyright: false)
            }
        }
        if permissionMarkers.contains(where: lower.contains) {
            return Finding(origin: copyrightHolder(text, lower), isNotice: true, isCopyright: false)
        }
        if lower.contains("copyright") || lower.contains("©") {
            return Finding(origin: copyrightHolder(text, lower), isNotice: true, isCopyright: true)
        }
        let bare = lower.trimmingScalars(" \t-–—()[].")
        if wires.contains(bare) {
            return Finding(origin: text.trimmingScalars(" \t-–—()[]."), isNotice: true,
                isCopyright: false)
        }
        if let origin = datelineOrigin(text) {
            return Finding(origin: origin, isNotice: false, isCopyright: false)
        }
        return nil
    }

    /// "Copyright 1999-2025 Worthy News." → "Worthy News"; "© 2026 Valley Courier Media Co. All rights reserved." →
    /// "Valley Courier Media Co".
    private static func copyrightHolder(_ text: String, _ lower: String) -> String? {
        let marker = lower.range(of: "copyright") ?? lower.range(of: "©")
        guard let marker else { return nil }
        let offset = lower.distance(from: lower.startIndex, to: marker.upperBound)
        var rest = Substring(text.dropFirst(offset))
        while let first = rest.first, first == "©" || first == " " || first == "(" || first == ")"
            || first.isNumber || first == "-" || first == "–" || first == "," || first == ":" || first == "c"
                && rest.dropFirst().first == ")"
        {
            rest = rest.dropFirst()
        }
        let restLower = rest.lowercased()
        var end = rest.endIndex
        for stop in [" all rights", ". ", " - ", "; ", " | "] {
            if let range = restLower.range(of: stop) {
                let candidate = rest.index(rest.startIndex, offsetBy: restLower.distance(from: restLower.startIndex, to: range.lowerBound))
                if candidate < end { end = candidate }
            }
        }
        return clean(String(rest[..<end]))
    }

    /// "CALDER CITY, March 5 (Northline Wire) - …" → "Northline Wire": a parenthesis within the first 80
    /// characters, followed by a dash, preceded by a capitalized place name.
    private static func datelineOrigin(_ text: String) -> String? {
        let head = text.prefix(100)
        guard let open = head.firstIndex(of: "("), let close = head[open...].firstIndex(of: ")") else { return nil }
        let before = String(head[..<open]).trimmingScalars(" \t")
        guard let firstLetter = before.first(where: \.isLetter), firstLetter.isUppercase,
            before.unicodeScalars.filter({ $0.properties.isLowercase }).count <= before.count / 2
        else { return nil }
        let after = head[head.index(after: close)...].drop(while: { $0 == " " })
        guard let dash = after.first, "-–—".contains(dash) else { return nil }
        return clean(String(head[head.index(after: open)..<close]))
    }

    private static func cutName(_ text: String) -> String? {
        let lower = text.lowercased()
        var end = text.endIndex
        for stop in nameEnds {
            if let range = lower.range(of: stop) {
                let candidate = text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound))
                if candidate < end { end = candidate }
            }
        }
        return clean(String(text[..<end]))
    }

    private static func clean(_ name: String) -> String? {
        var trimmed = name.trimmingScalars(" \t.,;:!?\"'()[]")
        if trimmed.lowercased().hasPrefix("the ") { trimmed.removeFirst(4) }
        return trimmed.isEmpty || trimmed.count > 80 ? nil : trimmed
    }
}

extension String {
    fileprivate func trimmingScalars(_ scalars: String) -> String {
        let set = Set(scalars.unicodeScalars)
        var view = Substring(self).unicodeScalars
        while let first = view.first, set.contains(first) { view.removeFirst() }
        while let last = view.last, set.contains(last) { view.removeLast() }
        return String(view)
    }
}
