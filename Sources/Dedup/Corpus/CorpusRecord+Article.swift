extension CorpusRecord {
    /// The article the record holds.
    ///
    /// A JSONL line is decoded with `decoder`; a `.txt` file is an article with the file's relative path as id,
    /// its first folder as source and its content as text.
    /// - Parameter maximumTextBytes: a longer text (in UTF-8 bytes) is rejected as ``InputError/Reason/tooLarge``.
    /// - Throws: ``InputError`` naming the file, line and field.
    public func article(using decoder: ArticleDecoder, maximumTextBytes: Int = .max) throws(InputError) -> Article {
        switch content {
        case .tooLarge(let bytes):
            throw InputError(
                file: file, line: line, field: decoder.fields.text, reason: .tooLarge,
                message: "\(bytes) bytes, too large for a text of at most \(maximumTextBytes) bytes; not read")
        case .textFile(let id, let source, let bytes):
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw InputError(
                    file: file, line: line, field: nil, reason: .invalidUTF8, message: "the file is not valid UTF-8")
            }
            return Article(id: .string(id), text: text, source: source)
        case .jsonLine(let bytes):
            let article: Article
            do {
                article = try decoder.decode(bytes, file: file, line: line)
            } catch {
                guard !isTerminated, error.reason == .invalidJSON else { throw error }
                var truncated = error
                truncated.message += " (the last line has no line feed: the file may have been cut short)"
                throw truncated
            }
            if article.text.utf8.count > maximumTextBytes {
                throw InputError(
                    file: file, line: line, field: decoder.fields.text, reason: .tooLarge,
                    message: "the text is \(article.text.utf8.count) bytes, over the limit of \(maximumTextBytes)")
            }
            return article
        }
    }
}
