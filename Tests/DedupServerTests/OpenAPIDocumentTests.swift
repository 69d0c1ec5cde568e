import DedupServer
import Foundation
import Testing

/// `docs/api/openapi.yaml` is written by hand; these tests keep it in step with the router.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/api/openapi.yaml")

    /// The operations under `paths:` ("METHOD /path"), read from the YAML's indentation: paths at two spaces,
    /// methods at four.
    static func operations() throws -> Set<String> {
        let text = try String(contentsOf: document, encoding: .utf8)
        var operations = Set<String>()
        var inPaths = false
        var path: String?
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                let path, methods.contains(String(line.dropFirst(4).dropLast()))
            {
                operations.insert("\(line.dropFirst(4).dropLast().uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test("its operations are exactly the routes the router serves")
    func pathsMatchRoutes() throws {
        let documented = try Self.operations()
        let served = Set(APIRoute.allCases.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == served)
        #expect(served.count == APIRoute.allCases.count, "no two routes share a method and path")
    }

    @Test("it lists every error code the server can send")
    func errorCodes() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        for code in APIError.Code.allCases {
            #expect(text.contains("- \(code.rawValue)\n"), "\(code.rawValue) is not in the ErrorBody enum")
        }
    }
}
