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
}
