import Dedup

/// What verification reads of an article's candidates: their insertion sequence numbers and their fingerprints'
/// facts; not their ids, origins or titles, which only the candidates that match need.
///
/// A check verifies every candidate its band keys propose (at 1M articles, up to thousands) and reports at most a
/// few: ``ArticleStore/prepareAndReadCandidates(site:blockKeys:excluding:prepare:select:)`` reads these facts for
/// all of them, then whole rows (``IndexedArticle``) only for the ones the verification selects.
///
/// The facts are held in ``FingerprintTable``s: rows appended here are copied into a table of the candidates' own,
/// and a store that keeps fingerprints in memory can lend whole tables that no longer change (see
/// ``FingerprintCache``), so that a candidate found there is not copied at all.
public struct CandidateFingerprints: Sendable {
    /// Each candidate's insertion sequence number (``IndexedArticle/sequence``), in the order appended; the stores
    /// return them ascending.
    public private(set) var sequences: [Int64]
    /// The settings of every candidate's signature.
    public let settings: MinHashSettings

    /// The tables holding the facts: the first holds the rows appended by copy, the others are lent.
    private var tables: [FingerprintTable]
    /// Where each candidate's facts are, row for row with `sequences`.
    private var places: [Place]

    private struct Place: Sendable, Hashable {
        var table: Int32
        var row: Int32
    }

    /// No candidates, for signatures made with `settings`, with room for `capacity` rows appended by copy.
    public init(settings: MinHashSettings, capacity: Int = 0) {
        self.settings = settings
        sequences = []
        sequences.reserveCapacity(capacity)
        places = []
        places.reserveCapacity(capacity)
        tables = [FingerprintTable(settings: settings, capacity: capacity)]
    }

    /// The number of candidates.
    public var count: Int { sequences.count }

    /// The fingerprint of candidate `index` (position in ``sequences``), as appended.
    public func fingerprint(_ index: Int) -> Fingerprint {
        let place = places[index]
        return tables[Int(place.table)].fingerprint(row: Int(place.row))
    }

    /// Calls `body` once for each candidate with its position in ``sequences`` and the table row holding its
    /// facts, in an order of its own (the candidates of one table together); for verification, where the order
    /// does not matter and borrowing each table once does.
    public func forEach(_ body: (_ index: Int, _ table: FingerprintTable, _ row: Int) throws -> Void) rethrows {
        if tables.count == 1 {
            let table = tables[0]
            for index in places.indices {
                if index + Self.lookahead < places.count { table.prefetch(row: Int(places[index + Self.lookahead].row)) }
                try body(index, table, Int(places[index].row))
            }
            return
        }
        // The candidates' positions grouped by table: a counting sort on the table index.
        var starts = [Int](repeating: 0, count: tables.count + 1)
        for place in places { starts[Int(place.table) + 1] += 1 }
        for table in tables.indices { starts[table + 1] += starts[table] }
        var order = [Int](repeating: 0, count: places.count)
        var next = starts
        for (index, place) in places.enumerated() {
            order[next[Int(place.table)]] = index
            next[Int(place.table)] += 1
        }
        for tableIndex in tables.indices where starts[tableIndex] < starts[tableIndex + 1] {
            let table = tables[tableIndex]
            let end = starts[tableIndex + 1]
            for position in starts[tableIndex]..<end {
                if position + Self.lookahead < end { table.prefetch(row: Int(places[order[position + Self.lookahead]].row)) }
                let index = order[position]
                try body(index, table, Int(places[index].row))
            }
        }
    }

    /// The table and row holding the facts of candidate `index` (position in ``sequences``).
    func facts(_ index: Int) -> (table: FingerprintTable, row: Int) {
        let place = places[index]
        return (tables[Int(place.table)], Int(place.row))
    }

    /// The rows appended by copy (the others are in lent tables).
    var copiedRows: Int { tables[0].count }
    /// The tables lent to these candidates.
    var lentTables: Int { tables.count - 1 }

    /// How many candidates ahead ``forEach(_:)`` asks for a row to be fetched into the cache.
    static let lookahead = 4

    /// Appends a candidate.
    /// - Precondition: its signature has the settings of the others.
    public mutating func append(sequence: Int64, fingerprint: Fingerprint) {
        tables[0].append(fingerprint)
        appendOwnRow(sequence: sequence)
    }

    /// Appends a candidate whose facts are row `row` of `table`, copied.
    /// - Precondition: `table` has the settings of the others.
    mutating func append(sequence: Int64, row: Int, of table: FingerprintTable) {
        tables[0].append(row: row, of: table)
        appendOwnRow(sequence: sequence)
    }

    /// Lends `table` (which its owner no longer changes) to these candidates; returns the number that
    /// ``append(sequence:row:ofLent:)`` takes.
    /// - Precondition: `table` has the settings of the others.
    mutating func lend(_ table: FingerprintTable) -> Int {
        precondition(table.settings == settings, "candidates' signatures have one setting")
        tables.append(table)
        return tables.count - 1
    }

    /// Appends a candidate whose facts are row `row` of the table lent as number `lent`, without copying them.
    mutating func append(sequence: Int64, row: Int, ofLent lent: Int) {
        sequences.append(sequence)
        places.append(Place(table: Int32(lent), row: Int32(row)))
    }

    /// Appends a candidate from its stored columns (see ``IndexSchema``).
    /// - Throws: ``IndexError/Code/incompatibleIndex`` for a signature of another length than the settings',
    ///   ``IndexError/Code/storage`` for figures that are not 64-bit words or counts out of range.
    mutating func append(
        sequence: Int64, contentHash: Int64, tokenCount: Int, shingleCount: Int, signature: UnsafeRawBufferPointer,
        figures: UnsafeRawBufferPointer
    ) throws {
        try StorageEncoding.checkSignature(byteCount: signature.count, settings: settings)
        try StorageEncoding.checkValues(byteCount: figures.count)
        try StorageEncoding.checkCounts(tokenCount: tokenCount, shingleCount: shingleCount)
        tables[0].append(
            contentHash: StorageEncoding.unsigned(contentHash), tokenCount: tokenCount, shingleCount: shingleCount,
            signature: signature, figures: figures)
        appendOwnRow(sequence: sequence)
    }

    private mutating func appendOwnRow(sequence: Int64) {
        sequences.append(sequence)
        places.append(Place(table: 0, row: Int32(tables[0].count - 1)))
    }

    /// The candidates of `first` and `second`, each ascending by sequence number, merged in ascending order; their
    /// facts are not copied.
    /// - Precondition: both have the same settings.
    static func merged(_ first: CandidateFingerprints, _ second: CandidateFingerprints) -> CandidateFingerprints {
        precondition(first.settings == second.settings, "candidates' signatures have one setting")
        var merged = first
        merged.sequences = []
        merged.sequences.reserveCapacity(first.count + second.count)
        merged.places = []
        merged.places.reserveCapacity(first.count + second.count)
        let offset = Int32(first.tables.count)
        merged.tables.append(contentsOf: second.tables)
        var a = 0
        var b = 0
        while a < first.count || b < second.count {
            if b == second.count || (a < first.count && first.sequences[a] < second.sequences[b]) {
                merged.sequences.append(first.sequences[a])
                merged.places.append(first.places[a])
                a += 1
            } else {
                var place = second.places[b]
                place.table += offset
                merged.sequences.append(second.sequences[b])
                merged.places.append(place)
                b += 1
            }
        }
        return merged
    }
}

extension CandidateFingerprints: Hashable {
    /// Candidates are equal when they have the same sequence numbers and fingerprints, in the same order, wherever
    /// their facts are held.
    public static func == (left: CandidateFingerprints, right: CandidateFingerprints) -> Bool {
        left.settings == right.settings && left.sequences == right.sequences
            && left.sequences.indices.allSatisfy { left.fingerprint($0) == right.fingerprint($0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(settings)
        hasher.combine(sequences)
    }
}
