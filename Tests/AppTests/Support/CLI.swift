import Foundation
import Testing

/// Runs the built `fazhi` executable the way a user does, in a directory of the test's own.
struct CLI {
    let directory: String
    var environment: [String: String]

    static var executable: String? {
        let candidates = [
            URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent().appendingPathComponent("fazhi").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug/fazhi").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(directory: String? = nil, extra: [String: String] = [:]) throws {
        let dir = directory ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("fazhi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.directory = dir
        var env = ProcessInfo.processInfo.environment
        env["FAZHI_DATA_DIR"] = (dir as NSString).appendingPathComponent("data")
        env["FAZHI_BCRYPT_COST"] = "4"
        env.removeValue(forKey: "FAZHI_DATABASE_URL")
        env.removeValue(forKey: "FAZHI_LOG_LEVEL")
        for (key, value) in extra { env[key] = value }
        self.environment = env
    }

    var dataDirectory: String { environment["FAZHI_DATA_DIR"]! }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs off Swift's cooperative thread pool, so a waiting child never starves other tests' tasks.
    func run(_ arguments: [String], stdin: String? = nil) async throws -> Result {
        try await offPool { try runBlocking(arguments, stdin: stdin) }
    }

    func runBlocking(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let executable = try #require(CLI.executable, "build the fazhi executable first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Starts `fazhi serve` in the background; the caller stops it.
    func serve(port: Int) throws -> (Process, Pipe) {
        let executable = try #require(CLI.executable)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--port", String(port)]
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The demo password of `username` from the banner `fazhi demo` or the first `fazhi serve` prints.
    static func demoPassword(_ username: String, in banner: String) -> String? {
        for line in banner.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, fields[0] == username { return String(fields[1]) }
        }
        return nil
    }
}

/// Runs blocking work (waiting for a child process) on a Dispatch thread.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result { try work() })
        }
    }
}
