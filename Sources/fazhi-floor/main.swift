import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

// `fazhi-floor --port P --database FILE [--id UUID]`: the floor the benchmarks measure the app against
// (Benchmarks/run.sh, issue 11) — the same Vapor and SQLite driver as `fazhi serve`, with nothing else.
//   /plain   a fixed HTML page of about 2 KB
//   /select  one SELECT of one document by primary key through Fluent's SQLite driver, as a small HTML page
// The document is the one given by --id, else the first by id. Bad arguments exit 2.

enum Floor {
    struct Options: Sendable {
        var port = 18091
        var database = ""
        var documentID: String?
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("fazhi-floor: " + message + "\n").utf8))
        exit(2)
    }

    static func options(_ arguments: [String]) -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--port":
                guard let value = iterator.next().flatMap(Int.init), (1...65535).contains(value) else { fail("--port needs a port number") }
                options.port = value
            case "--database":
                guard let value = iterator.next() else { fail("--database needs a SQLite file") }
                options.database = value
            case "--id":
                guard let value = iterator.next().flatMap(UUID.init(uuidString:)) else { fail("--id needs a UUID") }
                options.documentID = value.uuidString
            default:
                fail("usage: fazhi-floor --port P --database FILE [--id UUID]")
            }
        }
        guard FileManager.default.fileExists(atPath: options.database) else { fail("--database needs an existing SQLite file") }
        return options
    }

    /// About 2 KB of HTML, the size of a small page of the app's chrome.
    static let plainPage: String = {
        let items = (1...31).map { "<li><a href=\"/documents/\($0)\">规范性文件第 \($0) 件</a></li>" }.joined()
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>floor</title></head>"
            + "<body><main><h1>法治政府建设管理平台</h1><ul>\(items)</ul></main></body></html>"
    }()

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func html(_ body: String) -> Response {
        Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: body))
    }

    struct Row: Decodable {
        let id: String
        let title: String
        let registration_number: String?
    }

    static func run() async throws {
        var options = options(Array(CommandLine.arguments.dropFirst()))
        var env = Environment(name: "production", arguments: ["fazhi-floor"])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        app.logger.logLevel = .warning
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = options.port
        // As `fazhi serve` opens it (DatabaseSetup.configure): a file, foreign keys on.
        app.databases.use(.sqlite(.init(storage: .file(path: options.database), enableForeignKeys: true),
                                  connectionPoolTimeout: .seconds(30)), as: .sqlite)
        do {
            if options.documentID == nil, let sql = app.db as? any SQLDatabase {
                options.documentID = try await sql.raw("SELECT id, title, registration_number FROM documents ORDER BY id LIMIT 1")
                    .first(decoding: Row.self)?.id
            }
            guard let chosen = options.documentID else { fail("the database has no documents") }
            app.get("plain") { _ in html(plainPage) }
            app.get("select") { req async throws -> Response in
                guard let sql = req.db as? any SQLDatabase,
                      let row = try await sql.raw("SELECT id, title, registration_number FROM documents WHERE id = \(bind: chosen)")
                          .first(decoding: Row.self) else {
                    throw Abort(.notFound)
                }
                let title = escape(row.title)
                return html("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>\(title)</title></head>"
                            + "<body><h1>\(title)</h1><p>\(escape(row.registration_number ?? ""))</p><p>\(escape(row.id))</p></body></html>")
            }
            try await app.execute()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

try await Floor.run()
