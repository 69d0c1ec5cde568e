import ArgumentParser
import DedupServer
import DedupStore
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the already-published index over HTTP (check, add, read, remove articles).",
        discussion: """
            Routes: POST /v1/check, POST /v1/articles, POST /v1/articles/batch, GET and DELETE /v1/articles/{id}, \
            GET /v1/sources/{source}/boilerplate, GET /healthz, GET /metrics; see docs/api/openapi.yaml. \
            Articles are JSON objects with the fields of the JSONL input. With --token-file, every route but \
            /healthz needs "Authorization: Bearer <token>". Prints "dedup: listening on http://HOST:PORT" once \
            it listens; stops on SIGINT or SIGTERM.
            Exit codes: 0 stopped by a signal; 1 the index or the token file could not be opened, or the address \
            could not be bound; 64 usage.
            """
    )

    @Option(help: "The index: a SQLite file path, a postgres:// URL, or :memory: (lost when the server stops).")
    var db: String

    @OptionGroup var cache: FingerprintCacheOptions

    @Flag(
        help: ArgumentHelp(
            "Warm a SQLite index's fingerprint cache in the background while serving (up to 7/16 of --cache-mb).",
            discussion: """
                Loads the members of template families (large LSH buckets), then the most recent articles, so that \
                the first check of each family does not read thousands of rows from the file. The service listens \
                and answers at once; GET /healthz reports the warm-up's progress in cache_warmup (state: running, \
                done, ...). A PostgreSQL or in-memory index keeps no fingerprint cache: there it does nothing.
                """))
    var warmCache = false

    @Option(help: "Address to listen on (loopback by default; 0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port).")
    var port = 8080

    @Option(help: "File whose first line is the bearer token clients must send.")
    var tokenFile: String?

    @Option(help: "Largest request body accepted, in bytes.")
    var maxBodySize = ServerConfiguration.defaultMaxBodySize

    @Option(help: "Most articles in one batch request.")
    var maxBatchArticles = 10_000

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBodySize >= 1_024 else { throw ValidationError("--max-body-size must be at least 1024 bytes") }
        guard maxBatchArticles >= 1 else { throw ValidationError("--max-batch-articles must be at least 1") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
        if warmCache && cache.cacheMb == 0 {
            throw ValidationError("--warm-cache needs a fingerprint cache (--cache-mb above 0)")
        }
    }

    func run() async throws {
        var token: BearerToken?
        if let tokenFile {
            do {
                token = try BearerToken(contentsOfFile: tokenFile)
            } catch {
                reportFailure(message: error.message)
                throw ExitCode(1)
            }
        }
        let index: PublishedIndex
        do {
            index = try await PublishedIndex.open(IndexLocation(db), fingerprintCacheBytes: cache.bytes)
        } catch let error as IndexError {
            reportFailure(message: error.description)
            throw ExitCode(1)
        }
        var logger = Logger(label: "dedup.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = ServerConfiguration(
            host: host, port: port, token: token, maxBodySize: maxBodySize, maxBatchArticles: maxBatchArticles,
            warmsCache: warmCache)
        let host = self.host
        let app = buildApplication(index: index, configuration: configuration, logger: logger) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            FileHandle.standardOutput.write(Data("dedup: listening on http://\(shown):\(port)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            reportFailure(message: "the server stopped: \(error)")
            try? await index.close()
            throw ExitCode(1)
        }
        try await index.close()
    }

    private func reportFailure(message: String) {
        FileHandle.standardError.write(Data("dedup: \(message)\n".utf8))
    }
}
