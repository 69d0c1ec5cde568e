import Foundation

/// Reads chosen lines of a JSONL corpus back as articles: the scan keeps no texts, and a report shows only a few
/// documents, so it reads the input once more and decodes just those lines.
public enum InputLines {
    /// The articles on `lines` (1-based) of the JSONL file at `path`, decoded with `fields`.
    /// - Throws: ``FileError`` if the file cannot be read, or if one of the lines no longer decodes (the file
    ///   changed since the scan).
    public static func articles(path: String, lines: Set<Int>, fields: InputFields) throws -> [Int: Article] {
        guard !lines.isEmpty else { return [:] }
        let decoder = ArticleDecoder(fields: fields)
        let last = lines.max()!
        var articles: [Int: Article] = [:]
        for (line, bytes) in try LineReader(path: path) {
            if line > last { break }
            guard lines.contains(line) else { continue }
            guard let article = try? decoder.decode(bytes, file: path, line: line) else {
                throw FileError(path: path, operation: "re-read line \(line) (it changed since the scan) of", code: EIO)
            }
            articles[line] = article
        }
        if articles.count < lines.count {
            throw FileError(path: path, operation: "re-read (it is shorter than at the scan)", code: EIO)
        }
        return articles
    }

    /// The articles at `positions` (1-based record positions, see ``CorpusInput``) of `inputs`: JSONL lines decoded
    /// with `fields`, or `.txt` files.
    /// - Throws: ``FileError`` if an input cannot be read, or if one of the records no longer decodes (the input
    ///   changed since the scan).
    public static func articles(
        inputs: CorpusInput, positions: Set<Int>, fields: InputFields, maximumTextBytes: Int = .max
    ) throws -> [Int: Article] {
        guard !positions.isEmpty else { return [:] }
        let decoder = ArticleDecoder(fields: fields)
        var articles: [Int: Article] = [:]
        try inputs.forEachRecord(maximumTextBytes: maximumTextBytes) { record in
            guard positions.contains(record.position) else { return }
            guard let article = try? record.article(using: decoder, maximumTextBytes: maximumTextBytes) else {
                throw FileError(
                    path: record.file, operation: "re-read line \(record.line) of", reason: "it changed since the scan")
            }
            articles[record.position] = article
        }
        if articles.count < positions.count {
            throw FileError(path: inputs.description, operation: "re-read", reason: "it is shorter than at the scan")
        }
        return articles
    }
}
