import Foundation
import PostgresNIO

/// A `postgres://` URL read into a client configuration.
///
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable|prefer|require|verify-full&schema=NAME`: the port
/// defaults to 5432, the database to the user's name, `sslmode` to `prefer` (as libpq: only `verify-full` checks the
/// server's certificate); `schema` puts the index in its own PostgreSQL
/// schema (created when missing; letters, digits and underscores), so that one database can hold several indexes;
/// `connect_timeout=SECONDS` bounds how long opening waits for the server (default 10).
/// `host=/path/to/socket/dir` in the query connects through a Unix socket.
struct PostgresLocation: Sendable {
    var configuration: PostgresClient.Configuration
    var schema: String?
    /// How long opening the index may take to reach the server (`connect_timeout`, seconds, as libpq; default 10).
    var connectTimeout: Duration
    /// The URL without its password, for messages.
    var redacted: String

    init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw IndexError(.unsupportedLocation, "'\(text)' is not a postgres:// URL") }
        let query = Dictionary(
            (url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let user =
            url.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = url.password.flatMap { $0.removingPercentEncoding }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        let port = url.port ?? 5432
        let tls: PostgresClient.Configuration.TLS
        // As libpq: "prefer" and "require" encrypt without verifying the certificate, "verify-full" verifies it.
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(unverified)
        case "require": tls = .require(unverified)
        case "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
        case let mode: throw IndexError(.unsupportedLocation, "sslmode '\(mode)' is not supported")
        }
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            configuration = PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password,
                database: database)
        } else {
            let host = url.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        if let schema = query["schema"] {
            guard Self.isIdentifier(schema) else {
                throw IndexError(
                    .unsupportedLocation, "schema '\(schema)': use lowercase letters, digits and underscores")
            }
            self.schema = schema
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        configuration.options.maximumConnections = 8
        if let text = query["connect_timeout"] {
            guard let seconds = Int(text), seconds > 0 else {
                throw IndexError(.unsupportedLocation, "connect_timeout '\(text)' is not a number of seconds")
            }
            connectTimeout = .seconds(seconds)
        } else {
            connectTimeout = .seconds(10)
        }
        configuration.options.connectTimeout = connectTimeout
        var redacted = url
        if redacted.password != nil { redacted.password = "***" }
        self.redacted = redacted.string ?? "postgres://…"
    }

    /// Whether `name` can be written unquoted into SQL as an identifier (schemas cannot be bound parameters).
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            name.utf8.count <= 63
        else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9"))
                    .contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
